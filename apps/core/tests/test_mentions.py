"""@mentions linked on the text nodes of sanitized HTML (apps.core.html.link_mentions).
Core knows no members: the resolver here is a plain set."""

import pytest

from apps.core.html import (
    COMMENT_TAGS,
    MAX_MENTION_LOOKUPS,
    link_mentions,
    render_user_html,
    sanitize_comment_html,
    sanitize_post_html,
)

MEMBERS = {"marta", "omar", "ann-lee"}


def resolve(names: set[str]) -> set[str]:
    return names & MEMBERS


def linked(raw: str) -> tuple[str, list[str]]:
    return link_mentions(sanitize_comment_html(raw), resolve)


def test_known_names_become_profile_links_in_order():
    html, names = linked("<p>Hi @Marta, @omar and @marta again</p>")
    assert '<a href="/u/marta/" rel="nofollow ugc noopener">@Marta</a>' in html
    assert '<a href="/u/omar/" rel="nofollow ugc noopener">@omar</a>' in html
    assert names == ["marta", "omar"]


def test_unknown_names_stay_plain_text():
    html, names = linked("<p>Ask @nobody or @ab</p>")
    assert html == "<p>Ask @nobody or @ab</p>"
    assert names == []


@pytest.mark.parametrize(
    "raw",
    [
        "<p><code>@marta</code></p>",
        "<pre>@marta</pre>",
        "<pre><code>x = @marta</code></pre>",
        '<p><a href="https://example.org/">see @marta</a></p>',
        "<p>mail marta@marta.org or path/@marta</p>",
    ],
)
def test_no_mention_inside_code_links_or_addresses(raw):
    html, names = linked(raw)
    assert names == []
    assert 'href="/u/' not in html


def test_text_after_code_is_still_linked():
    html, names = linked("<p><code>@omar</code> then @marta</p>")
    assert names == ["marta"]
    assert "<code>@omar</code>" in html


def test_entities_and_markup_survive_untouched():
    raw = "<p>a &lt;b&gt; &amp; @ann-lee<br>next</p>"
    html, names = linked(raw)
    assert names == ["ann-lee"]
    assert html.startswith("<p>a &lt;b&gt; &amp; <a href=")
    assert html.endswith("@ann-lee</a><br>next</p>")


def test_script_in_the_input_never_reaches_the_output():
    html, _names = linked('<p>@marta<script>alert(1)</script><img src=x onerror="alert(1)"></p>')
    assert "<script" not in html and "onerror" not in html


def test_links_survive_cleaning_again_unchanged():
    html, _names = link_mentions(sanitize_post_html("<p>hey @omar</p>"), resolve)
    assert sanitize_post_html(html) == html
    assert str(render_user_html(html, tags=COMMENT_TAGS)) == html


def test_relative_links_other_than_profiles_are_still_dropped():
    cleaned = sanitize_post_html('<a href="/admin/">x</a><a href="//evil.example/u/a/">y</a>')
    assert "href" not in cleaned


def test_a_flood_of_names_is_looked_up_once_and_bounded() -> None:
    calls: list[set[str]] = []

    def counting(names: set[str]) -> set[str]:
        calls.append(names)
        return names

    body = "<p>" + " ".join(f"@name{i:03d}" for i in range(300)) + "</p>"
    _html, names = link_mentions(sanitize_comment_html(body), counting)
    assert len(calls) == 1 and len(calls[0]) == MAX_MENTION_LOOKUPS
    assert len(names) == MAX_MENTION_LOOKUPS


def test_no_at_sign_means_no_lookup():
    def never(names):
        raise AssertionError("looked up")

    assert link_mentions("<p>plain</p>", never) == ("<p>plain</p>", [])
