"""Fixtures for the comment tests: communities of each visibility, a post,
and personas around them (author, moderator, banned member, outsider)."""

import pytest

from apps.comments.models import Comment
from apps.comments.services import comment_create
from apps.communities.models import Ban, Membership, Visibility
from apps.communities.tests.conftest import make_community
from apps.posts.tests.factories import make_post
from conftest import make_member


@pytest.fixture
def owner(db):
    return make_member("olivia")


@pytest.fixture
def community(owner):
    return make_community(owner, "gardening")


@pytest.fixture
def post(community, owner):
    return make_post(owner, community, "A post worth discussing", "<p>Body</p>", raw=True)


@pytest.fixture
def moderator(community):
    user = make_member("mod_max")
    Membership.objects.create(community=community, user=user, is_moderator=True)
    return user


@pytest.fixture
def banned_member(community, owner):
    user = make_member("bad_bart")
    Ban.objects.create(community=community, user=user, banned_by=owner)
    return user


@pytest.fixture
def private_community(owner):
    return make_community(owner, "secret-garden", visibility=Visibility.PRIVATE)


@pytest.fixture
def private_post(private_community, owner):
    return make_post(owner, private_community, "Members only", raw=True)


@pytest.fixture
def outsider(db):
    return make_member("outsider_otto")


@pytest.fixture
def comment(post, member) -> Comment:
    return comment_create(author=member, post=post, body="First!")


def reply(parent: Comment, author, body: str) -> Comment:
    return comment_create(author=author, post=parent.post, body=body, parent=parent)


def client_for(client, user):
    client.force_login(user)
    return client
