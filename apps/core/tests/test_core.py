from datetime import UTC, datetime
from unittest import mock

import pytest
from django.urls import reverse

from apps.core.html import html_to_text, sanitize_comment_html, sanitize_post_html, text_to_html
from apps.core.mail import ConsoleAndMailboxBackend, read_mailbox
from apps.core.pagination import decode_cursor, encode_cursor

# --- health --------------------------------------------------------------------------


@pytest.mark.django_db
def test_health_reports_database_and_cache(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    assert body["status"] == "ok"
    assert body["tasks"]["backend"] == "ImmediateBackend"  # the real backend, not its proxy


@pytest.mark.django_db
def test_health_is_503_when_the_database_is_down(client):
    with mock.patch("apps.core.views._database_ok", return_value=False):
        response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["database"] == "down"


@pytest.mark.django_db
def test_health_stays_200_but_degraded_when_the_cache_is_down(client):
    with mock.patch("apps.core.views._cache_ok", return_value=False):
        response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"


# --- cursors -------------------------------------------------------------------------


def test_cursor_round_trip_with_datetimes_and_numbers():
    moment = datetime(2026, 11, 22, 12, 30, tzinfo=UTC)
    assert decode_cursor(encode_cursor(moment, 42)) == (moment, 42)
    assert decode_cursor(encode_cursor(3.25, 7)) == (3.25, 7)


@pytest.mark.parametrize(
    "junk", [None, "", "%%%", "bm90IGpzb24", "W10", "WzEsInR3byJd", "a" * 1000]
)
def test_junk_cursors_mean_the_first_page(junk):
    assert decode_cursor(junk) is None


# --- HTML sanitizing -------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="java\tscript:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        "<svg onload=alert(1)><circle/></svg>",
        '<iframe src="https://evil.example"></iframe>',
        '<form action="https://evil.example"><input name=x></form>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        '<a href="//evil.example/x">x</a>',
        '<a href="/relative">x</a>',
        '<img srcset="https://a.example/x.png 1x">',
    ],
)
def test_sanitizer_leaves_nothing_executable(payload):
    for clean in (sanitize_post_html(payload), sanitize_comment_html(payload)):
        lowered = clean.lower()
        for bad in ("<script", "onerror", "onload", "javascript:", "data:", "<iframe", "<form",
                    "<svg", "style=", "srcset", "<img", "//evil", 'href="/'):  # fmt: skip
            assert bad not in lowered, (payload, clean)


def test_sanitizer_keeps_what_the_editor_makes():
    html = (
        '<h2>Title</h2><p><strong>bold</strong> <em>it</em> <a href="https://x.example">l</a></p>'
        "<ul><li>one</li></ul><blockquote>q</blockquote><pre><code>x = 1</code></pre>"
        "<table><tbody><tr><td>cell</td></tr></tbody></table>"
    )
    clean = sanitize_post_html(html)
    for kept in ("<h2>", "<strong>", "<em>", "<ul>", "<blockquote>", "<code>", "<td>"):
        assert kept in clean
    assert 'rel="nofollow ugc noopener"' in clean


def test_comment_allowlist_is_smaller():
    assert "<h2>" not in sanitize_comment_html("<h2>x</h2>")
    assert "<table>" not in sanitize_comment_html("<table><tr><td>x</td></tr></table>")


def test_plain_text_round_trip():
    assert text_to_html("a <b>\n\nsecond") == "<p>a &lt;b&gt;</p><p>second</p>"
    assert html_to_text("<p>Hello &amp; <b>bye</b></p><p>two</p>") == "Hello & bye\ntwo"


# --- mail --------------------------------------------------------------------------------


def test_mailbox_backend_writes_one_file_per_message(tmp_path, capsys):
    from django.core.mail import EmailMessage

    backend = ConsoleAndMailboxBackend(mailbox_dir=str(tmp_path))
    backend.send_messages([EmailMessage("Hi", "Body línea", "a@example.org", ["b@example.org"])])
    messages = read_mailbox(tmp_path)
    assert len(messages) == 1
    assert messages[0]["Subject"] == "Hi"
    assert "Body línea" in messages[0].get_content()
    assert "Subject: Hi" in capsys.readouterr().out
