"""apps.core.ratelimit itself: rates and their configuration, the client's
address behind the trusted proxies, counting per member, per new member and
per client IP, who is never limited, failing open with Redis down, and the
429 answer of apps.core.http.

Core sits below every other app: these tests call `check` directly, with
the users of the root conftest (the services that call it are tested in
their own apps)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.utils import timezone

from apps.core import ratelimit
from apps.core.http import refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    """Limits on, small enough to reach; every account is old unless made new."""
    settings.QUORUM_RATE_LIMITS_ENABLED = True
    settings.QUORUM_NEW_ACCOUNT_HOURS = 24
    settings.QUORUM_RATE_LIMITS = {
        "comment": {"member": "2/h", "new_member": "1/h", "ip": "3/h"},
    }
    return settings


def age(*users, days: int = 30) -> None:
    for user in users:
        get_user_model().objects.filter(pk=user.pk).update(
            date_joined=timezone.now() - timedelta(days=days)
        )
        user.refresh_from_db()


def counted(user, scope: str = "member", action: str = "comment") -> int:
    """How many `action`s of `user` the current window holds."""
    rate = ratelimit.limits()[action][scope]
    return ratelimit.used(f"{action}:{scope}", f"u{user.pk}", rate)


def refused_after(count: int, **check) -> ratelimit.RateLimited:
    """Call check() `count` times (all allowed), then once more (refused)."""
    for _ in range(count):
        ratelimit.check("comment", **check)
    with pytest.raises(ratelimit.RateLimited) as error:
        ratelimit.check("comment", **check)
    return error.value


# --- the pieces ------------------------------------------------------------------------------


def test_rates_parse():
    assert ratelimit.Rate.parse("10/h") == ratelimit.Rate(10, 3600)
    assert ratelimit.Rate.parse("20 / 10m") == ratelimit.Rate(20, 600)
    assert ratelimit.Rate.parse("1/d") == ratelimit.Rate(1, 86400)
    for bad in ("ten/h", "5", "5/w", ""):
        with pytest.raises(ImproperlyConfigured):
            ratelimit.Rate.parse(bad)


def test_overrides_from_the_environment_string(settings):
    settings.QUORUM_RATE_LIMITS = "post.member=5/h, vote.ip=2000/h"
    rates = ratelimit.limits()
    assert rates["post"]["member"] == ratelimit.Rate(5, 3600)
    assert rates["vote"]["ip"] == ratelimit.Rate(2000, 3600)
    assert rates["comment"]["member"] == ratelimit.Rate.parse(
        ratelimit.DEFAULT_LIMITS["comment"]["member"]
    )
    settings.QUORUM_RATE_LIMITS = "post.everyone=5/h"
    with pytest.raises(ImproperlyConfigured):
        ratelimit.limits()


@pytest.mark.parametrize(
    "proxies, forwarded, remote, expected",
    [
        (0, "198.51.100.7", "10.0.0.1", "10.0.0.1"),  # no proxy: the header is a lie
        (1, "198.51.100.7", "10.0.0.1", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "10.0.0.1", "198.51.100.7"),  # forged hop ignored
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "10.0.0.1", "198.51.100.7"),
        (1, "", "10.0.0.1", "10.0.0.1"),  # missing header
        (1, "not-an-ip", "10.0.0.1", "10.0.0.1"),
        (1, "2001:db8:1:2:3:4:5:6", "10.0.0.1", "2001:db8:1:2::/64"),
        (1, "::ffff:198.51.100.7", "10.0.0.1", "198.51.100.7"),
    ],
)
def test_client_ip_trusts_exactly_the_configured_hops(
    settings, proxies, forwarded, remote, expected
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert ratelimit.client_ip(request) == expected


def test_trusted_proxy_count_can_be_overridden(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert ratelimit.client_ip(request) == "198.51.100.7"


# --- per member ----------------------------------------------------------------------------


def test_a_member_is_limited_and_told_when_to_come_back(limits, member, other_member):
    age(member, other_member)
    error = refused_after(2, user=member)
    assert "You are commenting too often." in str(error)
    assert "Try again in" in str(error)
    assert "New accounts" not in str(error)
    assert (error.action, error.scope) == ("comment", "member")
    assert 0 < error.retry_after <= 3600
    # Someone else still may.
    ratelimit.check("comment", user=other_member)
    assert counted(other_member) == 1


def test_new_accounts_have_tighter_limits(limits, member):
    error = refused_after(1, user=member)  # marta joined just now
    assert error.scope == "new_member"
    assert "New accounts have tighter limits for their first 24 hours." in str(error)


def test_new_account_window_is_configurable(limits, member):
    limits.QUORUM_NEW_ACCOUNT_HOURS = 0
    error = refused_after(2, user=member)
    assert error.scope == "member" and "New accounts" not in str(error)


def test_staff_are_not_limited(limits, staff_member):
    age(staff_member)
    for _ in range(5):
        ratelimit.check("comment", user=staff_member, client_ip="203.0.113.9")
    assert counted(staff_member) == 0  # not even counted


def test_limits_can_be_switched_off(limits, member):
    age(member)
    limits.QUORUM_RATE_LIMITS_ENABLED = False
    for _ in range(5):
        ratelimit.check("comment", user=member, client_ip="203.0.113.9")
    assert counted(member) == 0


def test_visitors_are_not_counted(limits):
    from django.contrib.auth.models import AnonymousUser

    for _ in range(5):
        ratelimit.check("comment", user=AnonymousUser(), client_ip="203.0.113.9")
        ratelimit.check("comment", user=None, client_ip="203.0.113.9")
    rate = ratelimit.limits()["comment"]["ip"]
    assert ratelimit.used("comment:ip", "203.0.113.9", rate) == 0


# --- per client IP -------------------------------------------------------------------------


def test_the_client_ip_has_its_own_bucket(limits, django_user_model):
    limits.QUORUM_RATE_LIMITS = {"comment": {"member": "100/h", "ip": "3/h"}}
    people = [
        django_user_model.objects.create_user(username=f"person{i}", password="x") for i in range(5)
    ]
    age(*people)
    for person in people[:3]:
        ratelimit.check("comment", user=person, client_ip="203.0.113.9")
    with pytest.raises(ratelimit.RateLimited) as error:
        ratelimit.check("comment", user=people[3], client_ip="203.0.113.9")
    assert error.value.scope == "ip"
    # Another address has its own bucket; without an address (the admin, a
    # task) only the member's limit counts.
    ratelimit.check("comment", user=people[3], client_ip="198.51.100.7")
    ratelimit.check("comment", user=people[4])


# --- the answer ------------------------------------------------------------------------------


def test_a_rate_limit_is_answered_with_429_and_retry_after(rf):
    request = rf.post("/")
    request.user = None
    response = refused(request, ratelimit.RateLimited("comment", "member", 120), back_url="/c/x/")
    assert response.status_code == 429
    assert response["Retry-After"] == "120"
    body = response.content.decode()
    assert "You are commenting too often." in body and 'href="/c/x/"' in body


# --- Redis down: fail open ---------------------------------------------------------------


def test_limits_fail_open_when_redis_is_down(limits, redis_down, member, caplog):
    age(member)
    for _ in range(4):
        ratelimit.check("comment", user=member, client_ip="203.0.113.9")
    assert "not counted: cache unavailable" in caplog.text
