"""Votes under real concurrency: PostgreSQL only (SQLite serializes writers,
so it cannot show a lost update)."""

from functools import partial

import pytest
from django.db import connection

from apps.posts import services
from apps.posts.models import Post, PostVote
from apps.profiles.models import Profile
from conftest import make_member, run_concurrently

from .conftest import make_community, make_post

THREADS = 40

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real threads"
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def setting():
    owner = make_member("olivia")
    community = make_community(owner, "gardening")
    post = make_post(owner, community, title="Race me")
    return owner, post


def test_one_member_voting_40_times_at_once_makes_one_vote(setting):
    owner, post = setting
    voter = make_member("racer")
    errors = run_concurrently(
        [lambda: services.post_vote(user=voter, post=post, value=1)] * THREADS
    )
    assert errors == []
    post.refresh_from_db()
    assert PostVote.objects.filter(post=post).count() == 1
    assert post.score == sum(PostVote.objects.filter(post=post).values_list("value", flat=True))
    assert (post.score, post.upvotes, post.downvotes) == (1, 1, 0)
    assert Profile.objects.get(user=owner).post_karma == 1


def test_40_members_voting_at_once_lose_no_vote(setting):
    owner, post = setting
    voters = [make_member(f"voter{i}") for i in range(THREADS)]
    errors = run_concurrently(
        [
            partial(services.post_vote, user=voter, post=post, value=1 if index % 4 else -1)
            for index, voter in enumerate(voters)
        ]
    )
    assert errors == []
    post.refresh_from_db()
    total = sum(PostVote.objects.filter(post=post).values_list("value", flat=True))
    assert PostVote.objects.filter(post=post).count() == THREADS
    assert post.score == total == 20
    assert (post.upvotes, post.downvotes) == (30, 10)
    assert Profile.objects.get(user=owner).post_karma == total
    from apps.posts.ranking import hot

    assert post.hot == pytest.approx(hot(total, post.created))
    assert Post.objects.filter(pk=post.pk, score=total).exists()


def test_one_member_flipping_votes_at_once_keeps_counters_exact(setting):
    """The vote read in the locking statement may be stale on PostgreSQL
    (taken before the wait for the lock): the compare-and-set write must
    notice and read again, so up, down and clear in any order leave the
    counters equal to the one row that stands."""
    owner, post = setting
    voter = make_member("flipper")
    values = [(1, -1, 0)[index % 3] for index in range(THREADS)]
    errors = run_concurrently(
        [partial(services.post_vote, user=voter, post=post, value=value) for value in values]
    )
    assert errors == []
    post.refresh_from_db()
    stored = list(PostVote.objects.filter(post=post).values_list("value", flat=True))
    assert len(stored) <= 1
    assert post.score == sum(stored)
    assert (post.upvotes, post.downvotes) == (stored.count(1), stored.count(-1))
    assert Profile.objects.get(user=owner).post_karma == sum(stored)
