"""Concurrent votes against a real PostgreSQL: no lost update, one vote per
member. SQLite serializes writers, so there is nothing to race there."""

import random

import pytest
from django.db import connection

from apps.comments.models import Comment, CommentVote
from apps.comments.services import comment_create, comment_vote
from apps.profiles.models import Profile
from conftest import make_member, run_concurrently

THREADS = 40

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: concurrent transactions (SQLite serializes writers)",
    ),
    pytest.mark.django_db(transaction=True),
]


def vote_job(comment_id, user, value):
    def job():
        comment = Comment.objects.select_related("post__community").get(pk=comment_id)
        comment_vote(user=user, comment=comment, value=value)

    return job


def assert_consistent(comment_id):
    comment = Comment.objects.get(pk=comment_id)
    values = list(CommentVote.objects.filter(comment_id=comment_id).values_list("value", flat=True))
    assert comment.score == sum(values)
    assert comment.upvotes == values.count(1)
    assert comment.downvotes == values.count(-1)
    author_karma = Profile.objects.get(user_id=comment.author_id).comment_karma
    assert author_karma == sum(values)
    return values


def test_forty_concurrent_upvotes_by_one_member_make_exactly_one_vote(post, member, other_member):
    comment = comment_create(author=member, post=post, body="Vote for me")
    errors = run_concurrently([vote_job(comment.pk, other_member, 1) for _ in range(THREADS)])
    assert errors == []
    values = assert_consistent(comment.pk)
    assert values == [1]


def test_forty_members_voting_at_once_lose_no_vote(post, member):
    comment = comment_create(author=member, post=post, body="Vote for me")
    voters = [make_member(f"racer{i}") for i in range(THREADS)]
    rng = random.Random(40)
    values = [rng.choice([1, 1, -1]) for _ in voters]
    jobs = [vote_job(comment.pk, voter, value) for voter, value in zip(voters, values, strict=True)]
    errors = run_concurrently(jobs)
    assert errors == []
    stored = assert_consistent(comment.pk)
    assert len(stored) == THREADS
    assert Comment.objects.get(pk=comment.pk).score == sum(values)


def test_one_member_flipping_votes_concurrently_stays_consistent(post, member, other_member):
    comment = comment_create(author=member, post=post, body="Make up your mind")
    rng = random.Random(7)
    jobs = [vote_job(comment.pk, other_member, rng.choice([1, -1, 0])) for _ in range(THREADS)]
    errors = run_concurrently(jobs)
    assert errors == []
    assert len(assert_consistent(comment.pk)) <= 1
