"""The anonymous page cache (apps/core/page_cache.py) on the site's real
pages: what visitors get, and that every write shows at once (the write
services send events; apps.core.cache bumps the versions the cache checks).
The cache's own rules are tested in apps/core/tests/test_page_cache.py."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from apps.comments.services import comment_create
from apps.communities.services import community_join
from apps.core.page_cache import CACHE_HEADER
from apps.posts import services as post_services
from apps.posts.tests.factories import make_post
from conftest import make_member

pytestmark = pytest.mark.django_db

HOME, ALL = "/", "/all/"


def state(response) -> str:
    return response.headers.get(CACHE_HEADER, "")


def visit_twice(client, url, **extra):
    """Render once (miss, stored), then serve from the cache (hit)."""
    first = client.get(url, **extra)
    second = client.get(url, **extra)
    return first, second


@pytest.fixture
def visitor():
    return Client()


def test_second_anonymous_visit_is_a_hit_with_the_same_page(visitor, owner, community):
    make_post(owner, community, "Hello tomatoes")
    first, second = visit_twice(visitor, HOME)
    assert state(first) == "miss" and state(second) == "hit"
    assert second.status_code == 200
    assert b"Hello tomatoes" in second.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "en"
    # The outer middleware still run on a hit.
    assert second["X-Content-Type-Options"] == "nosniff"


def test_visitors_pages_carry_no_token_nonce_or_cookie(owner, community):
    post = make_post(owner, community, "Hello tomatoes")
    community_url = reverse("communities:detail", args=[community.slug])
    for url in (HOME, ALL, community_url, post.get_absolute_url(), HOME + "?sort=new"):
        visit_twice(Client(), url)
        first, second = Client().get(url), Client().get(url)
        assert state(first) == state(second) == "hit", url
        assert first.content == second.content, url
        assert not first.cookies, url
        assert b"csrfmiddlewaretoken" not in first.content, url
        assert b"X-CSRFToken" not in first.content, url
        assert b"nonce=" not in first.content, url
        assert "nonce" not in first["Content-Security-Policy"], url


def test_a_visitor_switches_language_from_a_cached_page_without_javascript(owner, community):
    browser = Client(enforce_csrf_checks=True)
    visit_twice(browser, HOME)
    page = browser.get(HOME)
    assert state(page) == "hit"
    form = re.search(rb'<form class="lang-switch" action="([^"]+)" method="get">', page.content)
    assert form, "the visitors' language switcher is a GET form"
    switched = browser.get(form.group(1).decode(), {"language": "es", "next": HOME})
    assert switched.status_code == 302
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert b'<html lang="es"' in browser.get(HOME).content


def test_members_keep_the_token_in_their_pages(owner, community):
    member = Client()
    member.force_login(owner)
    page = member.get(HOME)
    assert CACHE_HEADER not in page.headers
    assert b'<form class="lang-switch" action="/i18n/setlang/" method="post">' in page.content
    assert b"X-CSRFToken" in page.content


def test_languages_are_cached_apart(visitor, owner, community):
    visit_twice(visitor, HOME)
    spanish = visitor.get(HOME, HTTP_ACCEPT_LANGUAGE="es")
    assert state(spanish) == "miss"
    assert b'<html lang="es"' in spanish.content
    assert state(visitor.get(HOME, HTTP_ACCEPT_LANGUAGE="es")) == "hit"
    assert b'<html lang="en"' in visitor.get(HOME).content


# Versions are bumped when the write's transaction commits: the tests run
# the on_commit callbacks the way a real commit would.


def test_a_new_post_shows_at_once_on_every_feed(
    visitor, owner, community, django_capture_on_commit_callbacks
):
    make_post(owner, community, "First", tags="herbs")
    urls = [HOME, ALL, reverse("communities:detail", args=[community.slug]), "/t/herbs/"]
    for url in urls:
        visitor.get(url)
        visitor.get(url)
        assert state(visitor.get(url)) == "hit", url
    with django_capture_on_commit_callbacks(execute=True):
        make_post(owner, community, "Second news", tags="herbs")
    for url in urls:
        response = visitor.get(url)
        assert state(response) == "miss", url
        assert b"Second news" in response.content, url


def test_a_vote_shows_at_once(visitor, owner, community, django_capture_on_commit_callbacks):
    post = make_post(owner, community, "Vote on me")
    voter = make_member("vera")
    url = reverse("communities:detail", args=[community.slug])
    for _ in range(3):
        visitor.get(url)
    visit_twice(visitor, HOME)
    assert b'data-testid="post-score">0<' in visitor.get(HOME).content
    member = Client()
    member.force_login(voter)
    with django_capture_on_commit_callbacks(execute=True):
        assert member.post(post.get_vote_url(), {"value": "1"}).status_code == 302
    for page in (HOME, url):
        response = visitor.get(page)
        assert state(response) == "miss"
        assert b'data-testid="post-score">1<' in response.content


def test_a_comment_and_a_join_invalidate_the_community_page(
    visitor, owner, community, django_capture_on_commit_callbacks
):
    post = make_post(owner, community, "Talk")
    url = reverse("communities:detail", args=[community.slug])
    for _ in range(3):
        visitor.get(url)
    assert state(visitor.get(url)) == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(author=owner, post=post, body="first!")
    response = visitor.get(url)
    assert state(response) == "miss" and b"1 comment" in response.content
    visitor.get(url)
    jules = make_member("jules")
    with django_capture_on_commit_callbacks(execute=True):
        community_join(user=jules, community=community)
    assert state(visitor.get(url)) == "miss"


def test_signed_in_pages_are_never_served_from_nor_stored_in_the_cache(owner, community):
    make_post(owner, community, "Shared")
    visit_twice(Client(), HOME)
    member = Client()
    member.force_login(make_member("maya"))
    response = member.get(HOME)
    assert CACHE_HEADER not in response.headers
    assert b"Log out" in response.content
    # And what a member saw was not stored for visitors.
    personal = Client()
    personal.force_login(owner)
    personal.get(ALL)
    assert state(Client().get(ALL)) == "miss"


def test_htmx_and_missing_communities_are_not_cached(visitor, owner, community):
    visitor.get(HOME, HTTP_HX_REQUEST="true")
    assert CACHE_HEADER not in visitor.get(HOME, HTTP_HX_REQUEST="true").headers
    assert visitor.get("/c/no-such-place/").status_code == 404
    assert visitor.get("/c/no-such-place/").status_code == 404


def test_private_community_page_is_never_cached_for_visitors(visitor, private_community):
    for _ in range(3):
        assert (
            visitor.get(reverse("communities:detail", args=[private_community.slug])).status_code
            == 404
        )


def test_long_post_bodies_are_fragment_cached(owner, community):
    from django.core.cache import cache

    body = "<p>" + "tomato " * 600 + "</p>"
    post = make_post(owner, community, "Long", body=body)
    member = Client()
    member.force_login(owner)
    response = member.get(post.get_absolute_url())
    assert response.status_code == 200
    keys = [f"fragment:post-body:{post.pk}:{post.created.timestamp():.6f}:{len(post.body_html)}"]
    assert cache.get(keys[0]).startswith("<p>tomato")
    post_services.post_update(actor=owner, post=post, title="Long", body="<p>short now</p>")
    assert b"short now" in member.get(post.get_absolute_url()).content


def test_anonymous_post_pages_are_cached_and_follow_comments(
    visitor, owner, community, django_capture_on_commit_callbacks
):
    from apps.comments.services import comment_update

    post = make_post(owner, community, "Discuss")
    url = post.get_absolute_url()
    for _ in range(2):
        visitor.get(url)
    assert state(visitor.get(url)) == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(author=owner, post=post, body="A first thought")
    response = visitor.get(url)
    assert state(response) == "miss" and b"A first thought" in response.content
    visitor.get(url)
    assert state(visitor.get(url)) == "hit"
    comment.post = post
    with django_capture_on_commit_callbacks(execute=True):
        comment_update(actor=owner, comment=comment, body="A second thought")
    assert b"A second thought" in visitor.get(url).content
    # A reply form opened without JavaScript is not a cached page.
    visitor.get(url + "?reply=1")
    assert CACHE_HEADER not in visitor.get(url + "?reply=1").headers


def test_a_visitors_search_is_cached_and_a_new_post_shows_at_once(
    visitor, owner, community, django_capture_on_commit_callbacks
):
    make_post(owner, community, "Tomatoes in winter")
    url = "/search/?q=tomatoes&type=posts"
    first, second = visit_twice(visitor, url)
    assert state(first) == "miss" and state(second) == "hit"
    assert first.content == second.content
    assert not second.cookies

    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(owner, community, "More tomatoes")
    fresh = visitor.get(url)
    assert state(fresh) == "miss"
    assert post.get_absolute_url().encode() in fresh.content


def test_searches_with_other_parameters_or_signed_in_are_not_cached(visitor, owner, community):
    make_post(owner, community, "Tomatoes in winter")
    for url in ("/search/?q=tomatoes&bench=1", "/search/?q=tomatoes&q=winter"):
        first, second = visit_twice(visitor, url)
        assert state(first) == state(second) == "", url
    member = Client()
    member.force_login(owner)
    first, second = visit_twice(member, "/search/?q=tomatoes")
    assert state(first) == state(second) == ""
