"""Feed rows written in Python (apps/posts/rows.py, issue 13): the addresses built
from per-page patterns are reverse()'s own, the controls carry the page's CSRF token
and come back to the page, what members wrote is escaped, and the rows' cost per
page does not grow with the number of rows."""

import re

import pytest
from django.urls import reverse

from apps.posts.links import FeedLinks
from apps.posts.tests.conftest import quick_posts
from apps.posts.tests.factories import make_post
from conftest import make_member

pytestmark = pytest.mark.django_db


def test_feed_links_are_the_addresses_reverse_gives(community):
    author = make_member("ana.maría+x@y-z_1")
    post = make_post(author, community, title="Tomates en invierno: ¿qué hacer?", tags="ñame")
    dash = make_post(author, community, raw=True, title="!!!", slug="")
    links = FeedLinks()

    for row in (post, dash):
        assert links.post(row) == row.get_absolute_url()
        assert links.vote(row) == row.get_vote_url()
        assert links.save(row) == row.get_save_url()
    assert links.community(community) == community.get_absolute_url()
    assert links.profile(author.username) == reverse("profiles:detail", args=[author.username])
    tag = post.tags.get()
    assert links.tag(tag) == tag.get_absolute_url()


def _forms(html: str, post) -> dict[str, str]:
    """The vote and save forms of `post`'s row, by their control's id."""
    forms = {}
    for kind in ("vote", "save"):
        found = re.search(rf'id="{kind}-post-{post.pk}">\s*<form (.*?)</form>', html, re.S)
        assert found, kind
        forms[kind] = found.group(1)
    return forms


def test_a_members_row_posts_its_controls_with_the_page_token_and_back_to_the_page(
    client, community, author, member
):
    post = make_post(author, community, title="Tomatoes in winter", tags="tomatoes")
    client.force_login(member)
    html = client.get("/all/?sort=new").content.decode()

    # The page's one token (the one htmx sends in its header) is each form's token.
    token = re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1)
    for kind, form in _forms(html, post).items():
        assert f'name="csrfmiddlewaretoken" value="{token}"' in form, kind
        assert '<input type="hidden" name="next" value="/all/?sort=new">' in form, kind
    assert f'action="{post.get_vote_url()}" hx-post="{post.get_vote_url()}"' in html
    assert f'action="{post.get_save_url()}" hx-post="{post.get_save_url()}"' in html


def test_a_row_escapes_what_members_wrote(client, community, member):
    author = make_member("quote_author")
    author.profile.display_name = '<img src=x onerror=alert(1)>"'
    author.profile.save()
    post = make_post(author, community, raw=True, title='"><script>alert(1)</script>', slug="x")
    html = client.get("/all/").content.decode()

    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>" in html
    assert "&lt;img src=x onerror=alert(1)&gt;&quot;</a>" in html
    assert f'id="post-{post.pk}-title"' in html


def test_a_visitor_sees_the_row_as_before(client, community, author):
    post = make_post(author, community, title="Tomatoes in winter", tags="tomatoes, winter")
    html = client.get("/all/").content.decode()

    assert f'<a href="{post.get_absolute_url()}" lang="en">Tomatoes in winter</a>' in html or (
        f'<a href="{post.get_absolute_url()}">Tomatoes in winter</a>' in html
    )
    assert f'href="{community.get_absolute_url()}">c/{community.slug}</a>' in html
    assert f'href="{reverse("profiles:detail", args=[author.username])}"' in html
    assert f'href="{reverse("account_login")}?next=/all/"' in html
    assert 'class="tag" href="/t/tomatoes/">#tomatoes</a>' in html
    assert "0 comments" in html
    assert f'<time datetime="{post.created.astimezone().isoformat()}"'[:40] in html


def test_the_front_page_rows_cost_the_same_queries_at_two_sizes(
    client, community, author, member, django_assert_num_queries
):
    client.force_login(member)
    quick_posts(author, community, 3)
    client.get("/all/")  # the session's member is cached after the first request
    with django_assert_num_queries(3) as small:
        client.get("/all/")
    quick_posts(author, community, 20)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get("/all/")
