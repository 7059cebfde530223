"""The anonymous page cache (apps/core/page_cache.py) through the real
middleware stack, on test pages (page_cache_urls.py) that count their
renders. What real pages and write services do with it is tested in
tests/pages/test_page_cache.py."""

import re
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from apps.core.cache import invalidate_feeds
from apps.core.page_cache import CACHE_HEADER, SCOPE_HEADER
from apps.core.tests.page_cache_urls import COMMUNITIES

pytestmark = [pytest.mark.django_db, pytest.mark.urls("apps.core.tests.page_cache_urls")]


def state(response) -> str:
    return response.headers.get(CACHE_HEADER, "")


def render_number(response) -> int:
    match = re.search(rb"#(\d+)</p>", response.content)
    assert match is not None, "the page carries no render number"
    return int(match.group(1))


@pytest.fixture
def visitor():
    return Client()


def test_the_second_visit_is_served_from_the_cache_without_a_query(
    visitor, django_assert_num_queries
):
    first = visitor.get("/")
    with django_assert_num_queries(0):
        second = visitor.get("/")
    assert (state(first), state(second)) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "en"
    # The middleware outside the cache still run on a hit.
    assert second["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in second


def test_every_visitor_after_the_first_gets_a_hit():
    responses = [Client().get("/") for _ in range(20)]
    assert [state(r) for r in responses].count("hit") == 19
    assert {render_number(r) for r in responses} == {render_number(responses[0])}


def test_a_cached_page_carries_nothing_per_visitor():
    Client().get("/")
    one, two = Client().get("/"), Client().get("/")
    assert state(one) == state(two) == "hit"
    assert one.content == two.content
    for response in (one, two):
        assert not response.cookies
        assert "nonce" not in response["Content-Security-Policy"]
        assert b"csrfmiddlewaretoken" not in response.content


@pytest.mark.parametrize(
    "url",
    [
        "/all/",  # renders a CSRF token (and so sets the CSRF cookie)
        "/t/script/",  # uses the CSP nonce
        "/t/cookie/",  # sets a cookie
        "/t/private/",  # Cache-Control: private
        "/t/gone/",  # not a 200
        "/c/nowhere/",  # not a 200
    ],
)
def test_pages_with_something_personal_or_failing_are_never_stored(visitor, url):
    first, second = visitor.get(url), visitor.get(url)
    assert state(second) != "hit"
    if first.status_code == 200:
        assert render_number(second) > render_number(first)


def test_a_page_with_a_token_still_works_for_the_visitor_who_asked(visitor):
    response = visitor.get("/all/")
    secret = response.cookies[settings.CSRF_COOKIE_NAME].value
    assert secret and b"csrfmiddlewaretoken" in response.content


def test_languages_are_cached_apart(visitor):
    visitor.get("/")
    spanish = visitor.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert state(spanish) == "miss" and b'<html lang="es"' in spanish.content
    assert state(visitor.get("/", HTTP_ACCEPT_LANGUAGE="es")) == "hit"
    english = visitor.get("/")
    assert state(english) == "hit" and b'<html lang="en"' in english.content
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert b'<html lang="es"' in visitor.get("/").content


def test_members_are_never_served_from_nor_stored_in_the_cache():
    Client().get("/")
    member = Client()
    member.force_login(get_user_model().objects.create_user("maya", password="x" * 20))
    response = member.get("/")
    assert CACHE_HEADER not in response.headers
    assert b"Hello maya" in response.content
    # What a member saw is not stored for visitors.
    member.get("/c/gardening/")
    member.get("/c/gardening/")
    visitor = Client()
    for _ in range(3):
        assert b"Hello maya" not in visitor.get("/c/gardening/").content


def test_a_session_or_messages_cookie_bypasses_the_cache(visitor):
    visitor.get("/")
    visitor.cookies["messages"] = "something"
    assert CACHE_HEADER not in visitor.get("/").headers
    del visitor.cookies["messages"]
    visitor.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    assert CACHE_HEADER not in visitor.get("/").headers


@pytest.mark.parametrize(
    "query",
    ["?utm_source=x", "?sort=new&sort=top", "?q=1", "?cursor=" + "a" * 400],
)
def test_unknown_or_odd_query_strings_bypass_the_cache(visitor, query):
    visitor.get("/" + query)
    assert CACHE_HEADER not in visitor.get("/" + query).headers


def test_sort_and_cursor_pages_are_cached_apart(visitor):
    visitor.get("/?sort=new")
    assert state(visitor.get("/?sort=top&t=day")) == "miss"
    assert state(visitor.get("/?sort=new")) == "hit"


def test_htmx_requests_bypass_the_cache(visitor):
    visitor.get("/", HTTP_HX_REQUEST="true")
    assert CACHE_HEADER not in visitor.get("/", HTTP_HX_REQUEST="true").headers


def test_a_write_anywhere_refreshes_the_site_wide_pages(visitor):
    visitor.get("/")
    assert state(visitor.get("/")) == "hit"
    invalidate_feeds(community_id=None)
    fresh = visitor.get("/")
    assert state(fresh) == "miss"
    assert state(visitor.get("/")) == "hit"


def test_community_pages_follow_their_own_communitys_version(visitor):
    pages = ["/c/gardening/", "/c/gardening/p/7/tomatoes/", "/c/cooking/"]
    visitor.get("/c/gardening/")  # learns which community "gardening" is
    visitor.get("/c/cooking/")
    for url in pages:
        visitor.get(url)
        assert state(visitor.get(url)) == "hit", url
    invalidate_feeds(community_id=COMMUNITIES["gardening"])
    assert state(visitor.get("/c/gardening/")) == "miss"
    assert state(visitor.get("/c/gardening/p/7/tomatoes/")) == "miss"
    assert state(visitor.get("/c/cooking/")) == "hit"


def test_the_scope_header_never_leaves_the_site(visitor):
    for _ in range(3):
        response = visitor.get("/c/gardening/")
        assert SCOPE_HEADER not in response.headers
    member = Client()
    member.force_login(get_user_model().objects.create_user("maya", password="x" * 20))
    assert SCOPE_HEADER not in member.get("/c/gardening/").headers


def test_a_community_page_whose_view_names_no_community_is_not_cached(visitor):
    for _ in range(3):
        assert state(visitor.get("/c/unscoped/")) != "hit"


def test_cached_pages_cost_about_what_a_minimal_view_does(visitor, capsys):
    """Figures for the report, not a timed assertion: a hit against the
    rendered page (a miss) and against a view that returns 'ok' through the
    same middleware, outside the cache's paths."""
    rounds = 200
    visitor.get("/")

    def per_request(url: str, **extra) -> float:
        start = time.perf_counter()
        for _ in range(rounds):
            visitor.get(url, **extra)
        return (time.perf_counter() - start) / rounds * 1e6

    hit = per_request("/")
    miss = per_request("/?utm_source=x")  # rendered every time
    minimal = per_request("/ok/")
    with capsys.disabled():
        print(f"\npage cache: hit {hit:.0f} µs, render {miss:.0f} µs, minimal {minimal:.0f} µs")
    assert state(visitor.get("/")) == "hit"


def test_visitors_switch_language_with_a_plain_get_form():
    browser = Client(enforce_csrf_checks=True)
    browser.get("/")
    response = browser.get("/i18n/language/", {"language": "es", "next": "/c/cooking/"})
    assert response.status_code == 302 and response["Location"] == "/c/cooking/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert b'<html lang="es"' in browser.get("/").content


@pytest.mark.parametrize("language", ["xx", "", "<script>", "es" * 200])
def test_the_switch_ignores_languages_we_do_not_ship(visitor, language):
    response = visitor.get("/i18n/language/", {"language": language, "next": "/"})
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_switch_never_redirects_off_site(visitor):
    response = visitor.get("/i18n/language/", {"language": "es", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert visitor.post("/i18n/language/", {"language": "es"}).status_code == 405
