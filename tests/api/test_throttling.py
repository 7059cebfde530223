"""Rate limits per member and per anonymous client address; 429 carries
Retry-After; a forged X-Forwarded-For does not buy a fresh allowance."""

import json

import pytest
from django.conf import settings as django_settings

from apps.posts.models import PostVote
from tests.test_deploy import production_env, run_python

from .conftest import TEST_RATES, bearer, error_of, make_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    def set_rates(**changes):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**TEST_RATES, **changes},
        }

    return set_rates


@pytest.fixture
def proxies(settings):
    def set_proxies(count: int):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}

    return set_proxies


def assert_throttled(response):
    assert response.status_code == 429
    error = error_of(response)
    assert error["code"] == "throttled"
    retry_after = int(response["Retry-After"])
    assert 1 <= retry_after <= 60
    assert error["details"] == {"retry_after": retry_after}


def test_the_throttle_message_names_the_wait_in_the_clients_language(api, rates):
    rates(anon="1/min")
    api.get("/api/v1/tags/")
    response = api.get("/api/v1/tags/", HTTP_ACCEPT_LANGUAGE="es")
    assert_throttled(response)
    message = error_of(response)["message"]
    assert str(error_of(response)["details"]["retry_after"]) in message
    assert "Expected available" not in message and "Too many requests" not in message


def test_anonymous_clients_are_limited_per_address(api, rates):
    rates(anon="3/min")
    for _ in range(3):
        assert api.get("/api/v1/tags/").status_code == 200
    assert_throttled(api.get("/api/v1/tags/"))
    # Another address has its own allowance.
    assert api.get("/api/v1/tags/", REMOTE_ADDR="198.51.100.7").status_code == 200


def test_a_forged_forwarded_for_does_not_reset_the_limit_without_a_proxy(api, rates, proxies):
    proxies(0)  # local / no proxy: the socket address is the client
    rates(anon="2/min")
    for forged in ("203.0.113.1", "203.0.113.2"):
        assert api.get("/api/v1/tags/", HTTP_X_FORWARDED_FOR=forged).status_code == 200
    assert_throttled(api.get("/api/v1/tags/", HTTP_X_FORWARDED_FOR="203.0.113.3"))


def test_behind_nginx_the_client_is_the_last_hop(api, rates, proxies):
    proxies(1)  # production: nginx overwrites X-Forwarded-For with the client
    rates(anon="2/min")
    nginx = {"REMOTE_ADDR": "10.0.0.2"}
    client = "198.51.100.20"
    assert api.get("/api/v1/tags/", HTTP_X_FORWARDED_FOR=client, **nginx).status_code == 200
    # The client prepends forged hops: the last one (written by nginx) still counts.
    forged = f"203.0.113.9, {client}"
    assert api.get("/api/v1/tags/", HTTP_X_FORWARDED_FOR=forged, **nginx).status_code == 200
    assert_throttled(api.get("/api/v1/tags/", HTTP_X_FORWARDED_FOR=forged, **nginx))
    # Everyone else behind the same nginx keeps their own allowance.
    other = api.get("/api/v1/tags/", HTTP_X_FORWARDED_FOR="198.51.100.21", **nginx)
    assert other.status_code == 200


def test_members_are_limited_per_member_not_by_the_anonymous_rate(api, rates, member, other_member):
    rates(anon="1/min", member="3/min")
    member_token, other_token = make_token(member), make_token(other_member)
    for _ in range(3):
        assert api.get("/api/v1/tags/", **bearer(member_token)).status_code == 200
    assert_throttled(api.get("/api/v1/tags/", **bearer(member_token)))
    assert api.get("/api/v1/tags/", **bearer(other_token)).status_code == 200


def test_writes_have_their_own_limit(api, rates, member, post):
    rates(member_write="2/min")
    api.credentials(**bearer(make_token(member)))
    url = f"/api/v1/posts/{post.pk}/vote/"
    assert api.post(url, {"value": 1}, format="json").status_code == 200
    assert api.post(url, {"value": -1}, format="json").status_code == 200
    assert_throttled(api.post(url, {"value": 0}, format="json"))
    assert PostVote.objects.get().value == -1  # the throttled write did nothing
    assert api.get(f"/api/v1/posts/{post.pk}/").status_code == 200  # reads go on


def test_num_proxies_follows_the_allauth_proxy_count():
    assert (
        django_settings.REST_FRAMEWORK["NUM_PROXIES"] == django_settings.ALLAUTH_TRUSTED_PROXY_COUNT
    )


def test_production_trusts_exactly_one_proxy(tmp_path):
    probe = (
        "import django, json; django.setup(); from django.conf import settings;"
        "print(json.dumps([settings.REST_FRAMEWORK['NUM_PROXIES'],"
        " settings.ALLAUTH_TRUSTED_PROXY_COUNT]))"
    )
    result = run_python(["-c", probe], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [1, 1]
