import pytest

from conftest import PASSWORD, make_member


@pytest.fixture
def bruno(db):
    return make_member("bruno")


def login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client
