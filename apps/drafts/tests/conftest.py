"""Draft fixtures on top of the community personas (apps.communities.tests)."""

import pytest

from apps.communities.tests.conftest import (  # noqa: F401 - fixtures used by the tests
    add_member,
    banned_member,
    community,
    make_community,
    owner,
    private_community,
)
from conftest import PASSWORD


def login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def writer_client(client, member):
    return login(client, member)
