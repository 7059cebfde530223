"""Poll fixtures on top of the community and post personas."""

import pytest

from apps.communities.tests.conftest import (  # noqa: F401 - fixtures used by the tests
    add_member,
    banned_member,
    community,
    make_community,
    owner,
    private_community,
)
from apps.posts.tests.factories import make_post

from .factories import make_poll


@pytest.fixture
def post(member, community):  # noqa: F811
    return make_post(member, community, title="Which tomato?")


@pytest.fixture
def poll(member, post):
    return make_poll(member, post, ["Cherry", "Roma", "Beefsteak"])


@pytest.fixture
def multi_poll(member, community):  # noqa: F811
    post = make_post(member, community, title="Which vegetables?")
    return make_poll(member, post, ["Beans", "Peas", "Leeks"], multiple=True)
