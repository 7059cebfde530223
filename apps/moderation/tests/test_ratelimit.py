"""Rate limits as the members meet them: moderation's report limit (per
member, and per client IP behind the trusted proxy, passed explicitly by the
report page), and the limits of posting, commenting and voting through the
services and pages below moderation, which answer 429 with Retry-After.
apps.core.ratelimit itself is tested in apps/core/tests/test_ratelimit.py."""

from datetime import timedelta

import pytest
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


# --- reports -------------------------------------------------------------------------------


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


def test_reports_count_per_client_ip_when_the_caller_knows_it(limits, author, community):
    age(author)
    post = post_services.post_create(author=author, community=community, title="Reported")
    people = [make_member(f"person{i}") for i in range(5)]
    age(*people)
    for person in people[:3]:
        services.report_create(reporter=person, target=post, reason="spam", client_ip="203.0.113.9")
    with pytest.raises(ratelimit.RateLimited) as error:
        services.report_create(
            reporter=people[3], target=post, reason="spam", client_ip="203.0.113.9"
        )
    assert error.value.scope == "ip"
    # Without an address (the admin, a task) only the member's own limit counts.
    services.report_create(reporter=people[4], target=post, reason="spam")
    assert Report.objects.count() == 4


def _report_as(client, user, post, forwarded: str):
    client.force_login(user)
    return client.post(
        reverse("moderation:report_post", args=[post.pk]),
        {"reason": "spam"},
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_report_page_counts_each_client_behind_the_proxy(limits, client, author, community):
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


# --- posting, commenting and voting, through their services -----------------------------------


def test_posting_is_limited_per_member(limits, author, community, other_member):
    age(author, other_member)
    add_member(community, other_member)
    for index in range(2):
        post_services.post_create(author=author, community=community, title=f"Post {index}")
    with pytest.raises(ratelimit.RateLimited) as error:
        post_services.post_create(author=author, community=community, title="One too many")
    assert "You are posting too often." in str(error.value)
    assert error.value.retry_after > 0
    assert not Post.objects.filter(title="One too many").exists()
    # Someone else still may.
    post_services.post_create(author=other_member, community=community, title="Mine")
    assert Post.objects.filter(title="Mine").exists()


def test_comments_of_new_accounts_have_tighter_limits(limits, author, member, post):
    age(author)  # member (marta) stays new
    comment_create(author=member, post=post, body="first")
    with pytest.raises(ratelimit.RateLimited) as error:
        comment_create(author=member, post=post, body="second")
    assert error.value.scope == "new_member"
    comment_create(author=author, post=post, body="first")
    comment_create(author=author, post=post, body="second")
    with pytest.raises(ratelimit.RateLimited):
        comment_create(author=author, post=post, body="third")
    assert Comment.objects.count() == 3


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
    assert int(response["Retry-After"]) > 0
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
    assert htmx.status_code == 429  # base.html lets htmx swap it: the form shows why
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
    assert response.status_code == 429
    assert "You are voting too often." in response.content.decode()
    assert PostVote.objects.count() == 1


# --- Redis down: fail open --------------------------------------------------------------


def test_reports_and_comments_go_through_when_redis_is_down(
    limits, redis_down, client, author, member, post
):
    age(author)
    for index in range(4):
        comment_create(author=author, post=post, body=f"still works {index}")
    services.report_create(reporter=member, target=post, reason="spam")
    client.force_login(member)
    other = post_services.post_create(author=author, community=post.community, title="Other")
    response = client.post(reverse("moderation:report_post", args=[other.pk]), {"reason": "spam"})
    assert response.status_code == 302
    assert Comment.objects.count() == 4 and Report.objects.count() == 2
