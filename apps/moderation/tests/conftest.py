"""Moderation personas on top of the community ones (apps.communities.tests.
conftest: owner olivia, moderator mia, banned boris, outsider oscar) and the
root ones (member marta, other_member omar):

    author            alba, who wrote `post`, a member of the community
    other_moderator   otto, owner (so moderator) of another community only
    staff_moderator   sam, staff in the "Moderators" group
    plain_staff       stan, staff without any permission
    superuser         root
"""

import pytest

from apps.comments.services import comment_create
from apps.communities.tests.conftest import (  # noqa: F401 - fixtures used by the tests
    add_member,
    banned_member,
    community,
    make_community,
    moderator,
    outsider,
    owner,
    private_community,
)
from apps.moderation.groups import moderators_group
from apps.posts import services as post_services
from conftest import make_member

ROLES = [
    "anonymous",
    "member",
    "author",
    "moderator",
    "other_moderator",
    "banned_member",
    "staff_moderator",
    "superuser",
]


def make_staff_moderator(username: str = "sam"):
    user = make_member(username, is_staff=True)
    user.groups.add(moderators_group())
    return user


@pytest.fixture
def author(community):  # noqa: F811
    user = make_member("alba")
    add_member(community, user)
    return user


@pytest.fixture
def member(community):  # noqa: F811 - the root fixture, joined to the community
    user = make_member("marta")
    add_member(community, user)
    return user


@pytest.fixture
def other_moderator(db):
    user = make_member("otto")
    make_community(user, "cycling")
    return user


@pytest.fixture
def staff_moderator(db):
    return make_staff_moderator()


@pytest.fixture
def plain_staff(db):
    return make_member("stan", is_staff=True)


@pytest.fixture
def superuser(db):
    return make_member("root", is_staff=True, is_superuser=True)


@pytest.fixture
def post(author, community):  # noqa: F811
    return post_services.post_create(
        author=author, community=community, title="Cheap seeds here", body="<p>Buy now</p>"
    )


@pytest.fixture
def comment(post, author):
    return comment_create(author=author, post=post, body="Visit my shop")


@pytest.fixture
def actor(request):
    """The user playing `role` (None for a visitor)."""

    def get(role: str):
        return None if role == "anonymous" else request.getfixturevalue(role)

    return get


def client_as(client, user):
    if user is not None:
        client.force_login(user)
    return client
