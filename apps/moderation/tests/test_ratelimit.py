"""Rate limits on posting, commenting, voting and reporting
(apps.core.ratelimit): per member, per client IP behind the trusted proxy,
tighter for new accounts, 429 pages, and failing open with Redis down."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.comments.models import Comment
from apps.comments.services import comment_create
from apps.core import ratelimit
from apps.moderation import services
from apps.moderation.models import Report
from apps.posts import services as post_services
from apps.posts.models import Post, PostVote
from conftest import make_member

from .conftest import add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    """Limits on, small enough to reach; every account is old unless made new."""
    settings.QUORUM_RATE_LIMITS_ENABLED = True
    settings.QUORUM_NEW_ACCOUNT_HOURS = 24
    settings.QUORUM_RATE_LIMITS = {
        "post": {"member": "2/h", "new_member": "1/h", "ip": "100/h"},
        "comment": {"member": "2/h", "new_member": "1/h", "ip": "100/h"},
        "vote": {"member": "2/h", "new_member": "1/h", "ip": "100/h"},
        "report": {"member": "2/h", "new_member": "1/h", "ip": "3/h"},
    }
    return settings


def age(*users, days: int = 30) -> None:
    for user in users:
        User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=days))
        user.refresh_from_db()


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


# --- per member ----------------------------------------------------------------------------------


def test_posting_is_limited_per_member(limits, author, community, other_member):
    age(author, other_member)
    add_member(community, other_member)
    for index in range(2):
        post_services.post_create(author=author, community=community, title=f"Post {index}")
    with pytest.raises(ratelimit.RateLimited) as error:
        post_services.post_create(author=author, community=community, title="One too many")
    assert "You are posting too often." in str(error.value)
    assert "Try again in" in str(error.value)
    assert error.value.retry_after > 0
    assert not Post.objects.filter(title="One too many").exists()
    # Someone else still may.
    post_services.post_create(author=other_member, community=community, title="Mine")


def test_new_accounts_have_tighter_limits(limits, author, community, member, post):
    age(author)  # member (marta) stays new
    comment_create(author=member, post=post, body="first")
    with pytest.raises(ratelimit.RateLimited) as error:
        comment_create(author=member, post=post, body="second")
    assert "New accounts have tighter limits for their first 24 hours." in str(error.value)
    comment_create(author=author, post=post, body="first")
    comment_create(author=author, post=post, body="second")
    with pytest.raises(ratelimit.RateLimited):
        comment_create(author=author, post=post, body="third")
    assert Comment.objects.count() == 3


def test_new_account_window_is_configurable(limits, member, post):
    limits.QUORUM_NEW_ACCOUNT_HOURS = 0
    comment_create(author=member, post=post, body="first")
    comment_create(author=member, post=post, body="second")
    with pytest.raises(ratelimit.RateLimited) as error:
        comment_create(author=member, post=post, body="third")
    assert "New accounts" not in str(error.value)


def test_votes_are_limited(limits, member, author, community, post):
    age(member, author)
    limits.QUORUM_RATE_LIMITS = {"vote": {"member": "2/h"}}
    other = post_services.post_create(author=author, community=community, title="Other")
    third = post_services.post_create(author=author, community=community, title="Third")
    post_services.post_vote(user=member, post=post, value=1)
    post_services.post_vote(user=member, post=other, value=1)
    with pytest.raises(ratelimit.RateLimited):
        post_services.post_vote(user=member, post=third, value=1)
    assert PostVote.objects.count() == 2


def test_reports_are_limited(limits, member, author, community):
    age(member, author)
    limits.QUORUM_RATE_LIMITS = {"report": {"member": "2/h"}}
    posts = [
        post_services.post_create(author=author, community=community, title=f"P{i}")
        for i in range(3)
    ]
    services.report_create(reporter=member, target=posts[0], reason="spam")
    services.report_create(reporter=member, target=posts[1], reason="spam")
    with pytest.raises(ratelimit.RateLimited) as error:
        services.report_create(reporter=member, target=posts[2], reason="spam")
    assert "You are sending too many reports." in str(error.value)
    assert Report.objects.count() == 2


def test_staff_are_not_limited(limits, staff_moderator, post):
    for index in range(5):
        comment_create(author=staff_moderator, post=post, body=f"note {index}")


def test_limits_can_be_switched_off(limits, member, post):
    limits.QUORUM_RATE_LIMITS_ENABLED = False
    for index in range(5):
        comment_create(author=member, post=post, body=f"c {index}")


# --- per client IP, behind one proxy ------------------------------------------------------------


def _report_as(client, user, post, forwarded: str):
    client.force_login(user)
    return client.post(
        reverse("moderation:report_post", args=[post.pk]),
        {"reason": "spam"},
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_per_ip_limit_counts_each_client_behind_the_proxy(limits, client, author, community):
    limits.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    post = post_services.post_create(author=author, community=community, title="Reported")
    people = [make_member(f"person{i}") for i in range(5)]
    age(*people)
    for person in people[:3]:
        assert _report_as(client, person, post, "203.0.113.9").status_code == 302
    response = _report_as(client, people[3], post, "203.0.113.9")
    assert response.status_code == 429
    assert "You are sending too many reports." in response.content.decode()
    assert int(response["Retry-After"]) > 0
    # Another client behind the same proxy has its own bucket.
    assert _report_as(client, people[3], post, "198.51.100.7").status_code == 302
    # A forged extra hop does not make a new client: the proxy's entry counts.
    forged = _report_as(client, people[4], post, "192.0.2.55, 203.0.113.9")
    assert forged.status_code == 429
    assert Report.objects.count() == 4


# --- what the pages say ------------------------------------------------------------------


def test_submit_page_answers_429_with_the_reason(limits, client, author, community):
    age(author)
    limits.QUORUM_RATE_LIMITS = {"post": {"member": "1/h"}}
    client.force_login(author)
    url = reverse("posts:submit", args=[community.slug])
    assert client.post(url, {"title": "First", "body": "x"}).status_code == 302
    response = client.post(url, {"title": "Second", "body": "y"})
    assert response.status_code == 429
    assert "You are posting too often." in response.content.decode()
    assert "Retry-After" in response
    assert not Post.objects.filter(title="Second").exists()


def test_comment_form_answers_429_and_htmx_keeps_the_form(limits, client, author, post):
    age(author)
    limits.QUORUM_RATE_LIMITS = {"comment": {"member": "1/h"}}
    client.force_login(author)
    url = reverse("comments:create", args=[post.community.slug, post.pk])
    assert client.post(url, {"body": "one"}).status_code == 302
    response = client.post(url, {"body": "two"})
    assert response.status_code == 429
    assert "You are commenting too often." in response.content.decode()
    htmx = client.post(url, {"body": "three"}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200  # htmx swaps only successful responses
    body = htmx.content.decode()
    assert "You are commenting too often." in body and "three" in body
    assert Comment.objects.count() == 1


def test_vote_widget_explains_the_limit(limits, client, member, author, community, post):
    age(member)
    limits.QUORUM_RATE_LIMITS = {"vote": {"member": "1/h"}}
    other = post_services.post_create(author=author, community=community, title="Other")
    client.force_login(member)
    client.post(reverse("posts:vote", args=[community.slug, post.pk]), {"value": "1"})
    response = client.post(
        reverse("posts:vote", args=[community.slug, other.pk]),
        {"value": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "You are voting too often." in response.content.decode()
    assert PostVote.objects.count() == 1


# --- Redis down: fail open --------------------------------------------------------------


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.2,
                "SOCKET_TIMEOUT": 0.2,
            },
        }
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False


def test_limits_fail_open_when_redis_is_down(limits, redis_down, client, author, member, post):
    age(author)
    for index in range(4):
        comment_create(author=author, post=post, body=f"still works {index}")
    services.report_create(reporter=member, target=post, reason="spam")
    client.force_login(member)
    other = post_services.post_create(author=author, community=post.community, title="Other")
    response = client.post(reverse("moderation:report_post", args=[other.pk]), {"reason": "spam"})
    assert response.status_code == 302
    assert Comment.objects.count() == 4 and Report.objects.count() == 2
