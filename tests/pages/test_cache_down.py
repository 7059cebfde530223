"""Redis down: reads are served uncached, writes work, nothing answers 500,
and login/signup say "try again" (503) instead of failing. Redis is pointed
at a closed port, as configured in base.py (IGNORE_EXCEPTIONS on), and once
with IGNORE_EXCEPTIONS off."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from apps.core.page_cache import CACHE_HEADER
from apps.posts import services as post_services
from conftest import CLOSED_REDIS_URL, PASSWORD, make_member, point_cache_at_closed_redis

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    point_cache_at_closed_redis(settings, ignore_exceptions=True)


@pytest.fixture
def redis_down_raising(settings):
    point_cache_at_closed_redis(settings, ignore_exceptions=False)


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


def test_pages_are_served_uncached(redis_down, browser, owner, community):
    post = post_services.post_create(author=owner, community=community, title="Still here")
    for url in (
        "/",
        "/all/",
        reverse("communities:detail", args=["gardening"]),
        post.get_absolute_url(),
    ):
        for _ in range(2):
            response = browser.get(url)
            assert response.status_code == 200, url
            assert response.headers.get(CACHE_HEADER) != "hit"
    assert browser.get(reverse("search:results"), {"q": "still"}).status_code == 200
    health = browser.get(reverse("health"))
    assert health.status_code == 200 and health.json()["cache"] == "down"


def test_signed_in_members_keep_writing(
    redis_down, browser, owner, community, django_capture_on_commit_callbacks
):
    post = post_services.post_create(author=owner, community=community, title="Vote me")
    voter = make_member("vera")
    browser.force_login(voter)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(post.get_vote_url(), {"value": "1"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.score == 1
    assert browser.get("/").status_code == 200


@pytest.mark.parametrize("fixture", ["redis_down", "redis_down_raising"])
def test_login_and_signup_say_try_again(request, fixture, browser, db):
    request.getfixturevalue(fixture)
    make_member("lena")
    assert browser.get(reverse("account_login")).status_code == 200
    for url, data in (
        (reverse("account_login"), {"login": "lena", "password": PASSWORD}),
        (
            reverse("account_signup"),
            {
                "username": "newbie",
                "email": "newbie@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        ),
    ):
        response = browser.post(url, data)
        assert response.status_code == 503, url
        assert response["Retry-After"]
        assert b"Please try again in a moment" in response.content


def test_try_again_page_is_translated(redis_down, browser, db):
    make_member("lena")
    response = browser.post(
        reverse("account_login"),
        {"login": "lena", "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 503
    assert b'<html lang="es"' in response.content


def test_sessions_survive_a_cache_flush(client, member):
    client.post(reverse("account_login"), {"login": member.username, "password": PASSWORD})
    assert client.get("/").context["user"].is_authenticated
    cache.clear()
    assert client.get("/").context["user"].is_authenticated


def test_settings_from_redis_url_fail_open(tmp_path):
    """A fresh process with REDIS_URL at a closed port: the cache is django-redis
    ignoring errors, and /health/ reports it down with a 200."""
    script = (
        "import django, json;"
        "django.setup();"
        "from django.conf import settings;"
        "from django.test import Client;"
        "c = settings.CACHES['default'];"
        "r = Client().get('/health/', HTTP_HOST='localhost');"
        "print(json.dumps([c['BACKEND'], c['OPTIONS']['IGNORE_EXCEPTIONS'],"
        " r.status_code, r.json()['cache']]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "REDIS_URL": CLOSED_REDIS_URL,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    backend, ignore, status, cache_state = json.loads(result.stdout.strip().splitlines()[-1])
    assert backend == "django_redis.cache.RedisCache" and ignore is True
    assert status == 200 and cache_state == "down"
