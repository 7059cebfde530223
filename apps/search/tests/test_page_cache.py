"""The anonymous feed page cache (apps/posts/page_cache.py) and the
invalidation the write services trigger (apps/core/cache.content_changed)."""

import re

import pytest
from django.conf import settings
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse

from apps.comments.services import comment_create
from apps.communities.services import community_join
from apps.posts import services as post_services
from apps.posts.page_cache import CACHE_HEADER
from conftest import make_member

pytestmark = pytest.mark.django_db

HOME, ALL = "/", "/all/"


def make_post(author, community, title, **extra):
    return post_services.post_create(author=author, community=community, title=title, **extra)


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


def test_a_hit_gets_its_own_nonce_and_csrf_token(owner, community):
    make_post(owner, community, "Hello tomatoes")
    Client().get(HOME)  # store it
    one, two = Client(), Client()
    first, second = one.get(HOME), two.get(HOME)
    assert state(first) == state(second) == "hit"
    nonces = []
    for response in (first, second):
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert f'nonce="{nonce}"'.encode() in response.content
        nonces.append(nonce)
        # A fresh CSRF cookie, and the page's token belongs to it.
        secret = response.cookies[settings.CSRF_COOKIE_NAME].value
        tokens = set(
            re.findall(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"', response.content)
        )
        assert tokens and all(_unmask_cipher_token(t.decode()) == secret for t in tokens)
        assert b"Q" * 64 not in response.content and b"__quorum_csp" not in response.content
    assert nonces[0] != nonces[1]


def test_a_visitor_with_a_csrf_cookie_keeps_it_and_can_post_the_form(owner, community):
    browser = Client(enforce_csrf_checks=True)
    browser.get(HOME)  # miss: sets the cookie
    response = browser.get(HOME)
    assert state(response) == "hit"
    assert settings.CSRF_COOKIE_NAME not in response.cookies  # kept, not replaced
    token = re.search(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"', response.content)
    switched = browser.post(
        reverse("set_language"),
        {"language": "es", "next": "/", "csrfmiddlewaretoken": token.group(1).decode()},
    )
    assert switched.status_code == 302


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


def test_pages_that_set_cookies_or_carry_messages_are_not_cached(visitor, owner, community):
    visitor.cookies["messages"] = "something"
    assert CACHE_HEADER not in visitor.get(HOME).headers
    del visitor.cookies["messages"]
    visitor.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    assert CACHE_HEADER not in visitor.get(HOME).headers


@pytest.mark.parametrize(
    "query",
    ["?utm_source=x", "?sort=new&sort=top", "?q=1", "?cursor=" + "a" * 400],
)
def test_unknown_or_odd_query_strings_bypass_the_cache(visitor, owner, community, query):
    visitor.get(HOME + query)
    assert CACHE_HEADER not in visitor.get(HOME + query).headers


def test_sort_and_cursor_pages_are_cached_apart(visitor, owner, community):
    make_post(owner, community, "One")
    visit_twice(visitor, HOME + "?sort=new")
    assert state(visitor.get(HOME + "?sort=top&t=day")) == "miss"
    assert state(visitor.get(HOME + "?sort=new")) == "hit"


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
