"""Personas of the notification tests, around one public community:

    author     alba, wrote `post`
    replier    bruno, replies
    mentioned  marta (the root `member`), gets @mentioned
    blocked    boyd, whom alba blocked
    owner      olivia, owns the community (so moderates it)

Events reach their receivers once the transaction commits: `committed()`
runs the on-commit callbacks of what happens inside it.
"""

from contextlib import contextmanager

import pytest

from apps.comments.services import comment_create
from apps.communities.tests.conftest import add_member, make_community
from apps.notifications.models import Notification
from apps.posts.tests.factories import make_post
from apps.profiles.models import Block, Profile
from conftest import make_member


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    @contextmanager
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return run


@pytest.fixture
def owner(db):
    return make_member("olivia")


@pytest.fixture
def community(owner):
    return make_community(owner, "gardening")


@pytest.fixture
def author(community):
    user = make_member("alba")
    add_member(community, user)
    return user


@pytest.fixture
def replier(community):
    user = make_member("bruno")
    add_member(community, user)
    return user


@pytest.fixture
def mentioned(community):
    user = make_member("marta")
    add_member(community, user)
    return user


@pytest.fixture
def blocked(community, author):
    user = make_member("boyd")
    add_member(community, user)
    Block.objects.create(blocker=author, blocked=user)
    return user


@pytest.fixture
def post(author, community, committed):
    with committed():
        return make_post(author, community, "Tomatoes in winter", "<p>Light!</p>")


def unread(user) -> int:
    return Profile.objects.get(user=user).unread_notifications


def notifications_of(user, **filters):
    return list(Notification.objects.filter(recipient=user, **filters))


def reply(committed, author, post, body="Nice", parent=None):
    with committed():
        return comment_create(author=author, post=post, body=body, parent=parent)
