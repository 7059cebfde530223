"""Concurrent votes on a poll against a real PostgreSQL: one ballot per
member, counts exact. SQLite serializes writers, so there is nothing to
race there."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.polls.models import Poll, PollBallot, PollOption, PollVote
from apps.polls.services import poll_vote
from conftest import make_member, run_concurrently

THREADS = 20

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: concurrent transactions (SQLite serializes writers)",
    ),
    pytest.mark.django_db(transaction=True),
]


def vote_job(poll_id, user, option_ids):
    def job():
        poll = Poll.objects.select_related("post__community").get(pk=poll_id)
        poll_vote(user=user, poll=poll, option_ids=option_ids)

    return job


def assert_counts_exact(poll_id) -> Poll:
    poll = Poll.objects.get(pk=poll_id)
    assert poll.voter_count == PollBallot.objects.filter(poll=poll).count()
    for option in PollOption.objects.filter(poll=poll):
        assert option.votes == PollVote.objects.filter(option=option).count()
    return poll


def test_twenty_votes_sent_at_once_by_one_member_make_one_ballot(poll, other_member):
    first, second = list(poll.options.values_list("pk", flat=True))[:2]
    jobs = [vote_job(poll.pk, other_member, [first if i % 2 else second]) for i in range(THREADS)]
    errors = run_concurrently(jobs)
    assert len(errors) == THREADS - 1
    assert all(isinstance(e, ValidationError) and e.code == "already_voted" for e in errors), errors
    poll = assert_counts_exact(poll.pk)
    assert poll.voter_count == 1
    assert PollVote.objects.count() == 1


def test_twenty_members_voting_at_once_lose_no_vote(multi_poll):
    ids = list(multi_poll.options.values_list("pk", flat=True))
    voters = [make_member(f"voter{i}") for i in range(THREADS)]
    choices = [ids[: 1 + i % 3] for i in range(THREADS)]
    jobs = [vote_job(multi_poll.pk, v, chosen) for v, chosen in zip(voters, choices, strict=True)]
    errors = run_concurrently(jobs)
    assert errors == []
    poll = assert_counts_exact(multi_poll.pk)
    assert poll.voter_count == THREADS
    expected = [sum(1 for chosen in choices if pk in chosen) for pk in ids]
    assert [o.votes for o in PollOption.objects.filter(poll=poll)] == expected
