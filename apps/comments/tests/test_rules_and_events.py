"""The comment rules in one place (policies with their reasons, computed once
per page), the events every write sends (with what notifications need),
refusals answered 403/429, and the client address reaching the rate limits."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.comments import events, policies, services
from apps.comments.models import Comment
from apps.comments.tests.conftest import reply
from apps.core.cache import feed_version
from apps.core.ratelimit import RateLimited
from apps.posts.models import Post
from apps.profiles.models import Profile
from conftest import make_member

pytestmark = pytest.mark.django_db

NAMES = ("comment_created", "comment_edited", "comment_deleted", "comment_voted")


@pytest.fixture
def received():
    seen = []
    receivers = {}
    for name in NAMES:

        def receiver(sender, name=name, **kwargs):
            kwargs.pop("signal", None)
            seen.append((name, kwargs))

        receivers[name] = receiver
        getattr(events, name).connect(receiver, weak=False)
    yield seen
    for name, receiver in receivers.items():
        getattr(events, name).disconnect(receiver)


# --- policies ------------------------------------------------------------------------------


def test_comment_refusal_names_the_reason(post, member, banned_member, comment):
    assert policies.comment_refusal(member, post) is None
    assert policies.comment_refusal(AnonymousUser(), post)[0] == "login"
    assert policies.comment_refusal(banned_member, post)[0] == "cannot_contribute"
    Comment.objects.filter(pk=comment.pk).update(is_deleted=True)
    comment.refresh_from_db()
    assert policies.comment_refusal(member, post, comment)[0] == "bad_parent"
    Post.objects.filter(pk=post.pk).update(is_locked=True)
    post.refresh_from_db()
    assert policies.comment_refusal(banned_member, post)[0] == "closed"


def test_service_raises_what_the_policy_says(post, banned_member, member):
    with pytest.raises(PermissionDenied, match="You cannot comment in this community"):
        services.comment_create(author=banned_member, post=post, body="Hi")
    Post.objects.filter(pk=post.pk).update(is_locked=True)
    post.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.comment_create(author=member, post=post, body="Hi")
    assert error.value.code == "closed"


def test_comment_vote_refusal_names_the_reason(comment, other_member, banned_member):
    assert policies.comment_vote_refusal(other_member, comment) is None
    assert policies.comment_vote_refusal(banned_member, comment)[0] == "cannot_contribute"
    assert policies.comment_vote_refusal(AnonymousUser(), comment)[0] == "login"


def test_the_page_asks_the_comment_rule_once(client, post, banned_member):
    client.force_login(banned_member)
    page = client.get(
        reverse("comments:post_detail", args=[post.community.slug, post.pk, post.slug])
    )
    assert page.context["comment_refusal"][0] == "cannot_contribute"
    assert "You cannot comment in this community." in page.content.decode()


# --- votes share the posts' algorithm --------------------------------------------------------


def test_comment_votes_move_score_and_karma(comment, other_member, member):
    services.comment_vote(user=other_member, comment=comment, value=1)
    services.comment_vote(user=other_member, comment=comment, value=-1)
    comment.refresh_from_db()
    assert (comment.score, comment.upvotes, comment.downvotes) == (-1, 0, 1)
    assert Profile.objects.get(user=member).comment_karma == -1


# --- events ----------------------------------------------------------------------------------


def test_comment_created_carries_the_post_and_parent_for_notifications(
    comment, other_member, member, received, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        child = reply(comment, other_member, "A reply")
    ((name, kwargs),) = received
    assert name == "comment_created"
    assert kwargs["comment"] == child and kwargs["actor"] == other_member
    assert kwargs["community_id"] == comment.post.community_id
    with_post = kwargs["comment"]
    assert Comment.post.is_cached(with_post) and Comment.parent.is_cached(with_post)
    assert with_post.parent.author_id == member.pk
    assert with_post.post.author_id == comment.post.author_id


def test_every_comment_write_sends_its_event(
    comment, member, other_member, received, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_update(actor=member, comment=comment, body="Edited")
        services.comment_vote(user=other_member, comment=comment, value=1)
        services.comment_vote(user=other_member, comment=comment, value=1)  # no change
        services.comment_delete(actor=member, comment=comment)
    names = [name for name, _kwargs in received]
    assert names == ["comment_edited", "comment_voted", "comment_deleted"]
    for _name, kwargs in received:
        assert kwargs["community_id"] == comment.post.community_id and kwargs["actor"]


def test_a_new_comment_turns_the_feeds_over(post, member, django_capture_on_commit_callbacks):
    before = feed_version(post.community_id), feed_version()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(author=member, post=post, body="Hi")
    assert feed_version(post.community_id) != before[0] and feed_version() != before[1]


# --- refusals and the client address ------------------------------------------------------------


@pytest.fixture
def one_per_address(settings):
    settings.QUORUM_RATE_LIMITS_ENABLED = True
    settings.QUORUM_RATE_LIMITS = "comment.ip=1/h,vote.ip=1/h"


def test_comment_create_limits_the_address_it_is_given(one_per_address, post):
    first, second = make_member("first"), make_member("second")
    services.comment_create(author=first, post=post, body="One", client_ip="192.0.2.9")
    with pytest.raises(RateLimited):
        services.comment_create(author=second, post=post, body="Two", client_ip="192.0.2.9")


def test_the_comment_form_is_refused_with_429_per_address(one_per_address, client, post):
    url = reverse("comments:create", args=[post.community.slug, post.pk])
    client.force_login(make_member("first"))
    assert client.post(url, {"body": "One"}, REMOTE_ADDR="203.0.113.3").status_code == 302
    client.force_login(make_member("second"))
    response = client.post(url, {"body": "Two"}, REMOTE_ADDR="203.0.113.3")
    assert response.status_code == 429 and response.has_header("Retry-After")
    assert "You are commenting too often." in response.content.decode()
    htmx = client.post(url, {"body": "Two"}, REMOTE_ADDR="203.0.113.3", HTTP_HX_REQUEST="true")
    assert htmx.status_code == 429 and "You are commenting too often." in htmx.content.decode()


def test_a_refused_comment_vote_by_a_banned_member_is_403(client, comment, banned_member):
    url = reverse("comments:vote", args=[comment.post.community.slug, comment.post_id, comment.pk])
    client.force_login(banned_member)
    response = client.post(url, {"value": "1"})
    assert response.status_code == 403
    assert "You cannot vote in this community." in response.content.decode()
