"""The unread counter under concurrent replies and clicks, against a real
PostgreSQL (SQLite serializes writers: nothing to race there)."""

import pytest
from django.db import connection

from apps.comments.services import comment_create
from apps.communities.tests.conftest import add_member, make_community
from apps.notifications import services
from apps.notifications.models import Notification
from apps.posts.services import post_create
from apps.profiles.models import Profile
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


def unread(user) -> int:
    return Profile.objects.get(user=user).unread_notifications


@pytest.fixture
def setting():
    owner = make_member("olivia")
    community = make_community(owner, "gardening")
    author = make_member("alba")
    add_member(community, author)
    posts = [post_create(author=author, community=community, title=f"Post {i}") for i in range(3)]
    repliers = [make_member(f"racer{i}") for i in range(THREADS)]
    for member in repliers:
        add_member(community, member)
    return author, posts, repliers


def test_concurrent_replies_keep_the_counter_equal_to_the_unread_rows(setting):
    author, posts, repliers = setting

    def reply_job(member, post):
        return lambda: comment_create(author=member, post=post, body="Hi")

    jobs = [reply_job(member, posts[i % len(posts)]) for i, member in enumerate(repliers)]
    assert run_concurrently(jobs) == []
    rows = Notification.objects.filter(recipient=author)
    # One grouped notification per post, every reply counted in one of them.
    assert rows.count() == len(posts)
    assert sum(rows.values_list("count", flat=True)) == THREADS
    assert unread(author) == rows.filter(read_at__isnull=True).count()


def test_concurrent_mark_read_and_new_replies_stay_exact(setting):
    author, posts, repliers = setting
    for member in repliers[:5]:
        comment_create(author=member, post=posts[0], body="First wave")
    [grouped] = Notification.objects.filter(recipient=author)
    jobs = [
        (lambda: services.notification_mark_read(user=author, notification_id=grouped.pk))
        for _ in range(5)
    ] + [
        (lambda m=member: comment_create(author=m, post=posts[1], body="Second wave"))
        for member in repliers[5:]
    ]
    assert run_concurrently(jobs) == []
    assert (
        unread(author)
        == Notification.objects.filter(recipient=author, read_at__isnull=True).count()
    )
    assert unread(author) >= 0
