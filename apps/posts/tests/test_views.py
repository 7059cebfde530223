"""Submit, edit, delete and vote through the HTML views."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from apps.communities.models import Ban, Community
from apps.posts import policies, selectors, services
from apps.posts.models import BODY_MAX_LENGTH, Post, PostVote

from .conftest import add_member, make_post

pytestmark = pytest.mark.django_db

SUBMIT = reverse("posts:submit", args=["gardening"])


def submit_data(**overrides):
    data = {
        "title": "Growing tomatoes",
        "body": "<p>Start <b>early</b>.</p>",
        "link": "",
        "tags": "",
    }
    data.update(overrides)
    return data


# --- submit -----------------------------------------------------------------------------


def test_submit_page_serves_tinymce_from_static_with_a_relaxed_csp(member_client, community):
    response = member_client.get(SUBMIT)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'src="/static/tinymce/tinymce.min.js"' in content
    assert "django_tinymce/init_tinymce.js" in content
    # No script or style from a CDN (the random form token may spell "cdn").
    external = re.findall(r'(?:src|href)="(https?:)?//[^"]*"', content)
    assert not external and "tiny.cloud" not in content
    assert 'class="tinymce"' in content and "<textarea" in content  # works without JS
    csp = response["Content-Security-Policy"]
    assert re.search(r"style-src [^;]*'unsafe-inline'", csp)
    assert "object-src 'none'" in csp and "base-uri 'none'" in csp
    # Everywhere else inline styles stay forbidden.
    other = member_client.get(reverse("posts:all"))["Content-Security-Policy"]
    assert "unsafe-inline" not in other


def test_editor_toolbar_offers_only_what_the_sanitizer_keeps(settings):
    config = settings.TINYMCE_DEFAULT_CONFIG
    # Images only as our own uploads (apps.media); no embedded media.
    assert "media" not in config["plugins"].split()
    assert "image" in config["plugins"].split()
    assert config["images_upload_handler"] == "quorumImageUpload"
    assert config["images_upload_url"] == reverse("media:upload")
    assert config["image_description"] is True  # the alternative text
    for item in ("bold", "italic", "strikethrough", "blocks", "bullist", "numlist",
                 "blockquote", "link", "image", "table", "codesample"):  # fmt: skip
        assert item in config["toolbar"]
    assert "img[src|alt|width|height]" in config["valid_elements"]
    assert "srcset" not in config["valid_elements"]
    assert config["license_key"] == "gpl"


def test_submit_creates_the_post_and_redirects_to_it(member_client, member, community):
    response = member_client.post(
        SUBMIT, submit_data(link="https://example.org/x", tags="Tomatoes, seeds")
    )
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == post.get_absolute_url()
    assert post.author == member and post.body_html == "<p>Start <b>early</b>.</p>"
    assert sorted(post.tags.values_list("slug", flat=True)) == ["seeds", "tomatoes"]


def test_submit_without_javascript_takes_plain_text(member_client, community):
    member_client.post(SUBMIT, submit_data(body="Line one\n\nLine <two> & three"))
    assert Post.objects.get().body_html == "<p>Line one</p><p>Line &lt;two&gt; &amp; three</p>"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"body": "x" * (BODY_MAX_LENGTH + 1)}, "body"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"link": "ftp://example.org/"}, "link"),
        ({"tags": "one1, two2, three3, four4, five5, six6"}, "tags"),
        ({"tags": "good, b@d"}, "tags"),
    ],
)
def test_submit_shows_errors_and_creates_nothing(member_client, community, fields, field):
    response = member_client.post(SUBMIT, submit_data(**fields))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Post.objects.exists()


def test_oversize_body_message_is_clear(member_client, community):
    response = member_client.post(SUBMIT, submit_data(body="x" * 40_001))
    assert "at most 40,000 characters (it has 40,001)" in response.content.decode()


def test_double_submitted_form_creates_one_post(member_client, community):
    token = member_client.get(SUBMIT).context["form"]["form_token"].value()
    assert token
    first = member_client.post(SUBMIT, submit_data(form_token=token))
    second = member_client.post(SUBMIT, submit_data(form_token=token, title="Edited in flight"))
    assert Post.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert Community.objects.get(slug="gardening").post_count == 1


def test_double_submit_without_token_creates_one_post(member_client, community):
    member_client.post(SUBMIT, submit_data())
    member_client.post(SUBMIT, submit_data())
    assert Post.objects.count() == 1


def test_submit_requires_login(client, community):
    response = client.get(SUBMIT)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_banned_member_cannot_submit(client, community, banned_member):
    client.force_login(banned_member)
    response = client.post(SUBMIT, submit_data())
    assert response.status_code == 403
    assert b"banned" in response.content
    assert not Post.objects.exists()


def test_unapproved_member_cannot_submit_in_restricted(client, restricted_community, member):
    add_member(restricted_community, member, is_approved=False)
    client.force_login(member)
    response = client.post(reverse("posts:submit", args=["announcements"]), submit_data())
    assert response.status_code == 403
    assert not Post.objects.exists()


def test_private_submit_is_404_to_outsiders(client, private_community, outsider):
    client.force_login(outsider)
    assert client.get(reverse("posts:submit", args=["secret-garden"])).status_code == 404


# --- XSS -------------------------------------------------------------------------------------

XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "<p onclick=alert(1) onmouseover='alert(2)'>hover</p>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="java&Tab;script:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="//evil.example/">protocol-relative</a>',
    '<a href="/relative/path">relative</a>',
    '<a href="https://ok.example/" onclick="alert(1)" style="color:red">ok</a>',
    "<svg onload=alert(1)><circle r=5 /></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>',
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math><mi xlink:href='javascript:alert(1)'>x</mi></math>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)><summary>x</summary></details>",
    "<body onload=alert(1)>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '<img srcset="x 1x, javascript:alert(1) 2x">',
    '<table background="javascript:alert(1)"><tr><td>cell</td></tr></table>',
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<style>@import 'javascript:alert(1)';</style>",
    "<template><script>alert(1)</script></template>",
    "<textarea><script>alert(1)</script></textarea>",
    "<title><script>alert(1)</script></title>",
    "<xmp><script>alert(1)</script></xmp>",
    "<select><template><style><img src=x onerror=alert(1)></style></template></select>",
    "<div><style><!--</style><img src=x onerror=alert(1)>--></style></div>",
    '<a href="https://ok.example/" target="_blank" rel="opener">new tab</a>',
    '<blockquote cite="javascript:alert(1)">q</blockquote>',
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<xss onmouseover=alert(1)>custom element</xss>",
    "<x-widget onclick=alert(1)>x</x-widget>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<a href="javas\x00cript:alert(1)">nul</a>',
    "<a href='https://ok.example/\" onmouseover=\"alert(1)'>quote break</a>",
]

# What a post body may contain once stored: apps.core.html's allowlist.
ALLOWED_BODY_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr", "table", "thead", "tbody",
    "tfoot", "tr", "th", "td", "caption", "span",
}  # fmt: skip
DANGEROUS_TAGS = {
    "script", "img", "svg", "math", "iframe", "object", "embed", "style", "link", "meta",
    "base", "input", "textarea", "select", "template", "video", "audio", "source", "frame",
    "frameset", "applet", "body", "html", "marquee", "xmp", "noscript", "details", "title",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "background",
                  "cite", "data", "poster", "srcdoc"}  # fmt: skip


def _elements(html: str):
    from html.parser import HTMLParser

    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

        handle_startendtag = handle_starttag

    Collector(convert_charrefs=True).feed(html)
    return found


def assert_harmless(html: str, *, allowed_tags=None, site_urls=False):
    """No executable markup: no dangerous elements, no event handlers, no
    style, and every URL is http(s)/mailto (or, in our own templates, a path).
    Our templates' own forms (csrf input, details) are fine around the body."""
    own = {"input", "details"} if site_urls else set()
    for tag, attrs in _elements(html):
        assert tag not in DANGEROUS_TAGS - own, (tag, html)
        if allowed_tags is not None:
            assert tag in allowed_tags, (tag, html)
        for name, value in attrs:
            assert not name.startswith("on"), (name, html)
            assert name not in {"style", "srcdoc", "formaction", "srcset"}, (name, html)
            if name in URL_ATTRIBUTES and value is not None:
                value = value.strip()
                ok = value.startswith(("http://", "https://", "mailto:"))
                if site_urls:
                    ok = ok or (value.startswith(("/", "?", "#")) and not value.startswith("//"))
                assert ok, (name, value, html)


def test_xss_corpus_through_the_submit_view(member_client, member, community):
    request = RequestFactory().get("/")
    request.user = member
    for index, payload in enumerate(XSS_CORPUS):
        response = member_client.post(
            SUBMIT, submit_data(title=f"Payload {index}", body=f"<p>before</p>{payload}")
        )
        if response.status_code == 200:
            # Refused outright (a NUL character): nothing stored is also safe.
            assert response.context["form"].errors, payload
            assert not Post.objects.filter(title=f"Payload {index}").exists()
            continue
        assert response.status_code == 302, payload
        post = Post.objects.get(title=f"Payload {index}")
        assert_harmless(post.body_html, allowed_tags=ALLOWED_BODY_TAGS)
        assert "javascript" not in post.body_html.lower()
        page_post = selectors.post_for_page(
            community_slug="gardening", post_id=post.pk, viewer=member
        )
        rendered = render_to_string(
            "posts/_post_full.html",
            {"post": page_post, "community": community, "can_vote_post": True},
            request=request,
        )
        assert_harmless(rendered, site_urls=True)
        # The body's element carries the post's language (lang="…") after its class.
        body = rendered.split('class="post-body user-content"', 1)[-1].split(">", 1)[-1]
        body = body.split("</div>", 1)[0]
        assert_harmless(body, allowed_tags=ALLOWED_BODY_TAGS)


def test_links_in_bodies_get_a_safe_rel(member_client, community):
    member_client.post(SUBMIT, submit_data(body='<a href="https://ok.example/">ok</a>'))
    assert 'rel="nofollow ugc noopener"' in Post.objects.get().body_html


def test_rendering_cleans_rows_written_by_other_paths(community, owner, member):
    post = make_post(owner, community)
    Post.objects.filter(pk=post.pk).update(body_html="<img src=x onerror=alert(1)><p>ok</p>")
    request = RequestFactory().get("/")
    request.user = member
    rendered = render_to_string(
        "posts/_post_full.html",
        {
            "post": selectors.post_for_page(
                community_slug="gardening", post_id=post.pk, viewer=member
            ),
            "community": community,
            "can_vote_post": True,
        },
        request=request,
    )
    assert "onerror" not in rendered and "<img" not in rendered


# --- the full post partial ---------------------------------------------------------------------


def _render_full(post, viewer, *, can_contribute=True):
    """The partial as the post page draws it: its buttons from the policies,
    with the page's answer to "may this viewer contribute here"."""
    request = RequestFactory().get(post.get_absolute_url())
    request.user = viewer
    fresh = selectors.post_for_page(
        community_slug=post.community.slug, post_id=post.pk, viewer=viewer
    )
    context = {
        "post": fresh,
        "community": post.community,
        "can_vote_post": policies.can_vote(viewer, fresh, contributor=can_contribute),
        "can_edit_post": policies.can_edit_post(viewer, fresh, contributor=can_contribute),
    }
    return render_to_string("posts/_post_full.html", context, request=request)


def test_full_post_shows_author_actions_only_to_the_author(post, author, member):
    mine = _render_full(post, author)
    assert post.get_edit_url() in mine and post.get_delete_url() in mine
    theirs = _render_full(post, member)
    assert post.get_edit_url() not in theirs and post.get_delete_url() not in theirs
    assert "Tomatoes in winter" in theirs and "#tomatoes" in theirs


def test_removed_post_shows_a_notice_to_the_author_and_a_placeholder_to_others(
    post, author, member
):
    Post.objects.filter(pk=post.pk).update(is_removed=True, removal_reason="Off topic")
    mine = _render_full(post, author)
    assert "removed by moderators" in mine and "Off topic" in mine
    assert "Tomatoes in winter" in mine
    theirs = _render_full(post, member)
    assert "[removed]" in theirs and "Tomatoes in winter" not in theirs


def test_locked_pinned_and_deleted_states(post, author, member):
    Post.objects.filter(pk=post.pk).update(is_locked=True, is_pinned=True)
    html = _render_full(post, member)
    assert "Locked" in html and "Pinned" in html
    services.post_delete(actor=author, post=post)
    html = _render_full(post, member)
    assert "[deleted]" in html and "Tomatoes" not in html


def test_vote_buttons_hidden_when_one_cannot_contribute(post, member):
    assert "vote-up" in _render_full(post, member)
    assert 'name="value"' not in _render_full(post, member, can_contribute=False)


# --- edit and delete ---------------------------------------------------------------------------


def test_author_edits_through_the_form(client, post, author, community):
    client.force_login(author)
    url = post.get_edit_url()
    page = client.get(url)
    assert page.status_code == 200
    assert "unsafe-inline" in page["Content-Security-Policy"]
    assert page.context["form"].initial["tags"] == "tomatoes, winter"
    response = client.post(url, submit_data(title="Tomatoes, revisited", tags="tomatoes"))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Tomatoes, revisited" and post.edited_at is not None
    feed = client.get(reverse("communities:detail", args=["gardening"])).content.decode()
    assert "Tomatoes, revisited" in feed and "edited" in feed


def test_others_cannot_edit(client, post, member):
    client.force_login(member)
    assert client.get(post.get_edit_url()).status_code == 403
    assert client.post(post.get_edit_url(), submit_data(title="Hijack")).status_code == 403
    post.refresh_from_db()
    assert post.title == "Tomatoes in winter"


def test_edit_shows_errors(client, post, author):
    client.force_login(author)
    response = client.post(post.get_edit_url(), submit_data(title=" "))
    assert response.status_code == 200 and "title" in response.context["form"].errors


def test_delete_is_post_only_soft_and_author_only(client, post, author, member, community):
    client.force_login(member)
    assert client.get(post.get_delete_url()).status_code == 405
    refused = client.post(post.get_delete_url())
    assert refused.status_code == 403
    assert b"You can only delete your own posts." in refused.content
    post.refresh_from_db()
    assert not post.is_deleted
    client.force_login(author)
    response = client.post(post.get_delete_url())
    assert response["Location"] == community.get_absolute_url()
    post.refresh_from_db()
    assert post.is_deleted
    assert b"Tomatoes in winter" not in client.get(community.get_absolute_url()).content


# --- votes ------------------------------------------------------------------------------------


def vote_url(post):
    return reverse("posts:vote", args=[post.community.slug, post.pk])


def test_vote_with_htmx_returns_the_widget(client, post, member):
    client.force_login(member)
    response = client.post(vote_url(post), {"value": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="vote-post-{post.pk}"' in html
    assert re.search(r'value="0"\s+class="vote-button vote-up" aria-pressed="true"', html)
    assert 'data-testid="post-score">1<' in html
    response = client.post(vote_url(post), {"value": "0"}, headers={"HX-Request": "true"})
    assert 'aria-pressed="true"' not in response.content.decode()
    assert not PostVote.objects.exists()


def test_a_vote_on_a_public_post_takes_five_queries(client, post, member):
    """The member (session), the post locked and read with its community,
    the voter's ban and current vote; the vote row; the post's counters; the
    author's karma. Savepoints are the test's own transaction, not the view's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(member)
    for value in ("1", "-1", "0"):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(vote_url(post), {"value": value}, headers={"HX-Request": "true"})
        assert response.status_code == 200
        statements = [
            q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"].upper()
        ]
        assert len(statements) == 5, statements
    post.refresh_from_db()
    assert (post.score, post.upvotes, post.downvotes) == (0, 0, 0)


def test_vote_without_js_redirects_to_a_safe_next(client, post, member):
    client.force_login(member)
    response = client.post(vote_url(post), {"value": "-1", "next": "/all/?sort=new"})
    assert response["Location"] == "/all/?sort=new"
    response = client.post(vote_url(post), {"value": "1", "next": "https://evil.example/"})
    assert response["Location"] == post.get_absolute_url()
    post.refresh_from_db()
    assert post.score == 1


@pytest.mark.parametrize("value", ["2", "-5", "up", "", "1.0", "true"])
def test_bad_vote_values_are_refused(client, post, member, value):
    client.force_login(member)
    response = client.post(vote_url(post), {"value": value})
    assert response.status_code == 400
    assert b"A vote is up" in response.content
    htmx = client.post(vote_url(post), {"value": value}, headers={"HX-Request": "true"})
    assert b'role="alert"' in htmx.content
    assert not PostVote.objects.exists()


def test_banned_member_vote_is_refused(client, post, banned_member):
    client.force_login(banned_member)
    response = client.post(vote_url(post), {"value": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 403
    assert b'role="alert"' in response.content and b"banned" in response.content
    plain = client.post(vote_url(post), {"value": "1", "next": "/all/"})
    assert plain.status_code == 403 and b"You are banned from this community." in plain.content
    assert not PostVote.objects.exists()


def test_vote_on_invisible_post_is_404(client, private_community, owner, outsider):
    post = make_post(owner, private_community)
    client.force_login(outsider)
    assert client.post(vote_url(post), {"value": "1"}).status_code == 404
    assert (
        client.post(reverse("posts:vote", args=["gardening", 99999]), {"value": "1"}).status_code
        == 404
    )


def test_vote_is_post_only_and_needs_login(client, post, member):
    response = client.post(vote_url(post), {"value": "1"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(member)
    assert client.get(vote_url(post)).status_code == 405


def test_vote_in_community_where_banned_shows_disabled_widget(client, post, banned_member):
    client.force_login(banned_member)
    response = client.get(reverse("communities:detail", args=["gardening"]))
    assert response.context["vote_disabled"] is True
    assert b'name="value"' not in response.content


def test_ban_via_services_then_vote_refused(post, owner, member, community):
    from apps.communities.services import ban_create

    ban_create(actor=owner, community=community, user=member)
    assert Ban.objects.filter(user=member).exists()
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied from the service
        services.post_vote(user=member, post=post, value=1)


def test_removed_post_of_a_deleted_account_stays_hidden_from_visitors(post):
    from django.contrib.auth.models import AnonymousUser

    Post.objects.filter(pk=post.pk).update(is_removed=True, author=None)
    post.refresh_from_db()
    html = _render_full(post, AnonymousUser())
    assert "Tomatoes in winter" not in html and "Only you can still see it" not in html
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    row = render_to_string("posts/_post_row.html", {"post": post}, request=request)
    assert "[removed]" in row and "Tomatoes in winter" not in row
