from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.polls.models import Poll, PollBallot, PollOption, PollVote
from apps.polls.services import poll_create, poll_vote
from apps.posts.tests.factories import make_post

from .factories import make_poll

pytestmark = pytest.mark.django_db


def option_ids(poll) -> list[int]:
    return list(poll.options.values_list("pk", flat=True))


def test_a_poll_keeps_its_options_in_order(poll):
    assert [o.text for o in poll.options.all()] == ["Cherry", "Roma", "Beefsteak"]
    assert [o.position for o in poll.options.all()] == [1, 2, 3]
    assert poll.multiple is False and poll.closes_at is None


@pytest.mark.parametrize(
    ("options", "code"),
    [
        (["Only one"], "too_few"),
        ([f"Option {i}" for i in range(11)], "too_many"),
        (["Cherry", " cherry "], "duplicate"),
        (["Cherry", "CHERRY", "Roma"], "duplicate"),
        (["Cherry", "   ", "Roma"], "empty_option"),
        (["Cherry", "x" * 201], "too_long"),
    ],
)
def test_bad_options_are_refused_and_nothing_is_saved(member, post, options, code):
    with pytest.raises(ValidationError) as caught:
        poll_create(actor=member, post=post, options=options)
    assert caught.value.error_dict["options"][0].code == code
    assert not Poll.objects.exists() and not PollOption.objects.exists()


def test_a_closing_time_in_the_past_is_refused(member, post):
    with pytest.raises(ValidationError) as caught:
        poll_create(
            actor=member, post=post, options=["a", "b"], closes_at=timezone.now() - timedelta(1)
        )
    assert "closes_at" in caught.value.error_dict


def test_only_the_author_adds_a_poll(other_member, post):
    with pytest.raises(PermissionDenied):
        poll_create(actor=other_member, post=post, options=["a", "b"])


def test_a_post_has_one_poll(member, post, poll):
    with pytest.raises(ValidationError) as caught:
        poll_create(actor=member, post=post, options=["a", "b"])
    assert caught.value.error_dict["options"][0].code == "exists"
    assert Poll.objects.count() == 1


def test_a_member_votes_once(other_member, poll):
    first = option_ids(poll)[0]
    poll_vote(user=other_member, poll=poll, option_ids=[first])
    with pytest.raises(ValidationError) as caught:
        poll_vote(user=other_member, poll=poll, option_ids=[option_ids(poll)[1]])
    assert caught.value.code == "already_voted"
    assert PollBallot.objects.count() == 1
    poll.refresh_from_db()
    assert poll.voter_count == 1
    assert [o.votes for o in poll.options.all()] == [1, 0, 0]


def test_several_options_on_a_single_choice_poll_are_refused(other_member, poll):
    with pytest.raises(ValidationError) as caught:
        poll_vote(user=other_member, poll=poll, option_ids=option_ids(poll)[:2])
    assert caught.value.code == "single_choice"
    assert not PollBallot.objects.exists()


def test_a_multiple_choice_poll_counts_each_option_once(other_member, multi_poll):
    ids = option_ids(multi_poll)
    poll_vote(user=other_member, poll=multi_poll, option_ids=[ids[0], ids[2], ids[0]])
    multi_poll.refresh_from_db()
    assert multi_poll.voter_count == 1
    assert [o.votes for o in multi_poll.options.all()] == [1, 0, 1]
    assert PollVote.objects.count() == 2


def test_an_option_of_another_poll_is_refused(other_member, poll, multi_poll):
    with pytest.raises(ValidationError) as caught:
        poll_vote(user=other_member, poll=poll, option_ids=[option_ids(multi_poll)[0]])
    assert caught.value.code == "other_poll"
    assert not PollBallot.objects.exists()


def test_no_option_is_refused(other_member, poll):
    with pytest.raises(ValidationError) as caught:
        poll_vote(user=other_member, poll=poll, option_ids=[])
    assert caught.value.code == "no_choice"


def test_a_closed_poll_takes_no_vote(member, other_member, community):
    post = make_post(member, community, title="Closed soon")
    poll = make_poll(member, post, ["a", "b"], closes_at=timezone.now() + timedelta(hours=1))
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    poll.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        poll_vote(user=other_member, poll=poll, option_ids=option_ids(poll)[:1])
    assert caught.value.code == "closed"


def test_banned_member_cannot_vote(banned_member, poll):
    with pytest.raises(PermissionDenied):
        poll_vote(user=banned_member, poll=poll, option_ids=option_ids(poll)[:1])
    assert not PollBallot.objects.exists()


def test_a_member_who_cannot_read_the_post_cannot_vote(owner, other_member, private_community):
    post = make_post(owner, private_community, title="Members only")
    poll = make_poll(owner, post, ["a", "b"])
    with pytest.raises(PermissionDenied):
        poll_vote(user=other_member, poll=poll, option_ids=option_ids(poll)[:1])


def test_visitors_cannot_vote(poll):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        poll_vote(user=AnonymousUser(), poll=poll, option_ids=option_ids(poll)[:1])
