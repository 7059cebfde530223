"""The post rules in one place (policies with their reasons), the one vote
algorithm, the events every write sends, and the client address reaching
the rate limits."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.communities.models import Ban
from apps.core.cache import feed_version
from apps.core.ratelimit import RateLimited
from apps.posts import events, policies, services
from apps.posts.models import Post, PostVote
from apps.posts.votes import VoteChange, is_vote_value
from apps.profiles.models import Profile
from conftest import make_member

from .conftest import add_member, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    """Every post event sent during the test, as (signal name, kwargs)."""
    seen = []
    receivers = {}
    for name in ("post_created", "post_updated", "post_deleted", "post_voted"):

        def receiver(sender, name=name, **kwargs):
            kwargs.pop("signal", None)
            seen.append((name, kwargs))

        receivers[name] = receiver
        getattr(events, name).connect(receiver, weak=False)
    yield seen
    for name, receiver in receivers.items():
        getattr(events, name).disconnect(receiver)


# --- policies say why --------------------------------------------------------------------


def test_submit_refusal_names_the_reason(community, restricted_community, banned_member, member):
    assert policies.submit_refusal(AnonymousUser(), community)[0] == "login"
    assert policies.submit_refusal(banned_member, community)[0] == "banned"
    assert policies.submit_refusal(member, restricted_community)[0] == "not_approved"
    assert policies.submit_refusal(member, community) is None


def test_the_service_refuses_with_the_policys_sentence(banned_member, community):
    _code, sentence = policies.submit_refusal(banned_member, community)
    with pytest.raises(PermissionDenied, match=sentence):
        services.post_create(author=banned_member, community=community, title="Hi")
    assert not Post.objects.exists()


def test_vote_refusal_names_the_reason(post, member, banned_member, outsider, private_community):
    assert policies.vote_refusal(member, post) is None
    assert policies.vote_refusal(banned_member, post)[0] == "banned"
    assert policies.vote_refusal(AnonymousUser(), post)[0] == "login"
    Post.objects.filter(pk=post.pk).update(is_removed=True)
    post.refresh_from_db()
    assert policies.vote_refusal(member, post)[0] == "closed"
    hidden = make_post(private_community.owner, private_community)
    assert policies.vote_refusal(outsider, hidden)[0] == "cannot_read"


def test_a_closed_post_refuses_votes_as_bad_input(post, member, author):
    services.post_delete(actor=author, post=post)
    with pytest.raises(ValidationError) as error:
        services.post_vote(user=member, post=post, value=1)
    assert error.value.code == "closed"


# --- one vote algorithm ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "moves"),
    [
        (0, 1, (1, 1, 0)),
        (0, -1, (-1, 0, 1)),
        (1, -1, (-2, -1, 1)),
        (-1, 0, (1, 0, -1)),
        (1, 1, (0, 0, 0)),
    ],
)
def test_vote_change_moves_each_counter_by_the_difference(old, new, moves):
    change = VoteChange(old=old, new=new)
    assert (change.score, change.upvotes, change.downvotes) == moves
    assert change.changed == (old != new)


@pytest.mark.parametrize("value", [True, "1", 1.0, 2, None])
def test_only_small_ints_are_votes(value):
    assert not is_vote_value(value)


def test_post_votes_move_score_and_karma_through_the_shared_helper(post, member, author):
    services.post_vote(user=member, post=post, value=1)
    services.post_vote(user=member, post=post, value=-1)
    post.refresh_from_db()
    assert (post.score, post.upvotes, post.downvotes) == (-1, 0, 1)
    assert Profile.objects.get(user=author).post_karma == -1
    assert PostVote.objects.get(post=post, user=member).value == -1


# --- events --------------------------------------------------------------------------------


def test_every_post_write_sends_its_event_with_actor_and_community(
    author, member, community, received, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(author, community, body="<p>Hello @marta</p>")
        services.post_update(actor=author, post=post, title="New title", body="<p>x</p>")
        services.post_vote(user=member, post=post, value=1)
        services.post_vote(user=member, post=post, value=1)  # unchanged: no event
        services.post_delete(actor=author, post=post)
    names = [name for name, _kwargs in received]
    assert names == ["post_created", "post_updated", "post_voted", "post_deleted"]
    for _name, kwargs in received:
        assert kwargs["community_id"] == community.pk
        assert kwargs["post"].pk == post.pk
    created, _updated, voted, _deleted = (kwargs for _name, kwargs in received)
    assert created["actor"] == author and "@marta" in created["post"].body_text
    assert voted["actor"] == member and (voted["value"], voted["old_value"]) == (1, 0)


def test_no_event_for_a_write_that_rolled_back(author, community, received):
    with pytest.raises(ValidationError):
        services.post_create(author=author, community=community, title=" ")
    assert received == []


def test_a_vote_turns_the_community_feed_over(post, member, django_capture_on_commit_callbacks):
    before = feed_version(post.community_id)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_vote(user=member, post=post, value=1)
    assert feed_version(post.community_id) != before


# --- the client address reaches the rate limits ----------------------------------------------


@pytest.fixture
def one_per_address(settings):
    settings.QUORUM_RATE_LIMITS_ENABLED = True
    settings.QUORUM_RATE_LIMITS = "post.ip=1/h,vote.ip=1/h"


def test_post_create_limits_the_address_it_is_given(one_per_address, community):
    first, second = make_member("first"), make_member("second")
    services.post_create(author=first, community=community, title="One", client_ip="192.0.2.7")
    with pytest.raises(RateLimited):
        services.post_create(author=second, community=community, title="Two", client_ip="192.0.2.7")
    services.post_create(author=second, community=community, title="Two", client_ip="192.0.2.8")


def test_the_vote_view_passes_the_client_address(one_per_address, client, post, community):
    voters = [make_member("voter1"), make_member("voter2")]
    for voter in voters:
        add_member(community, voter)
    url = reverse("posts:vote", args=[community.slug, post.pk])
    client.force_login(voters[0])
    assert client.post(url, {"value": "1"}, REMOTE_ADDR="198.51.100.4").status_code == 302
    client.force_login(voters[1])
    refused = client.post(url, {"value": "1"}, REMOTE_ADDR="198.51.100.4")
    assert refused.status_code == 429 and refused.has_header("Retry-After")
    assert client.post(url, {"value": "1"}, REMOTE_ADDR="198.51.100.5").status_code == 302


def test_a_refused_delete_answers_403_with_its_reason(client, post, member):
    client.force_login(member)
    response = client.post(post.get_delete_url())
    assert response.status_code == 403
    assert "You can only delete your own posts." in response.content.decode()
    post.refresh_from_db()
    assert not post.is_deleted


def test_ban_shows_as_the_submit_pages_reason(client, community, owner):
    banned = make_member("benny")
    Ban.objects.create(community=community, user=banned, banned_by=owner)
    client.force_login(banned)
    response = client.get(reverse("posts:submit", args=[community.slug]))
    assert response.status_code == 403
    assert "You are banned from this community." in response.content.decode()
