"""Feed rows drawn from `{% post_row %}` (issue 13): the addresses built from
per-page patterns are reverse()'s own, the inlined vote and save controls are
the markup of posts/_vote.html and _save.html, and the rows' cost per page
does not grow with the number of rows."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from apps.posts.links import FeedLinks
from apps.posts.selectors import all_page, feed_params
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


def _without_csrf(html: str) -> str:
    html = re.sub(r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]*">', "", html)
    return " ".join(html.split())


def _element(html: str, start: str, end: str) -> str:
    found = re.search(re.escape(start) + ".*?" + re.escape(end), html, re.S)
    assert found, start
    return _without_csrf(found.group(0))


@pytest.mark.parametrize("signed_in", [True, False])
def test_feed_row_controls_match_their_templates(client, community, author, member, signed_in):
    post = make_post(author, community, title="Tomatoes in winter", tags="tomatoes")
    if signed_in:
        client.force_login(member)
    html = client.get("/all/").content.decode()

    request = RequestFactory().get("/all/")
    request.user = member if signed_in else AnonymousUser()
    shown = all_page(request.user, feed_params(request.GET)).items[0]
    vote = render_to_string("posts/_vote.html", {"post": shown}, request=request)
    assert _element(html, f'<div class="vote" id="vote-post-{post.pk}">', "</div>") == (
        _element(vote, f'<div class="vote" id="vote-post-{post.pk}">', "</div>")
    )
    if signed_in:
        save = render_to_string("posts/_save.html", {"post": shown, "error": None}, request=request)
        start = f'<span class="save-control" id="save-post-{post.pk}">'
        assert _element(html, start, "</form>") == _element(save, start, "</form>")


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
