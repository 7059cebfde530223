"""API test fixtures: the community personas, posts and comments made
through the services, an API client, and tokens."""

import pytest
from rest_framework.test import APIClient

from apps.api.services import token_create
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
    restricted_community,
)
from apps.posts.tests.factories import make_post
from conftest import make_member

# High enough that no test but the throttling ones ever meets a limit.
TEST_RATES = {"anon": "10000/min", "member": "10000/min", "member_write": "10000/min"}


@pytest.fixture(autouse=True)
def _api_rates(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": TEST_RATES}


def make_token(user, scopes=("read", "write"), **extra) -> str:
    _token, raw = token_create(user=user, name=extra.pop("name", "tests"), scopes=scopes, **extra)
    return raw


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def make_comment(author, post, body="Nice.", parent=None):
    return comment_create(author=author, post=post, body=body, parent=parent)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def author(db):
    return make_member("alba")


@pytest.fixture
def post(author, community):  # noqa: F811
    return make_post(author, community, tags="tomatoes, winter")


@pytest.fixture
def author_api(author):
    """An API client authenticated as the post's author with a read+write token."""
    client = APIClient()
    client.credentials(**bearer(make_token(author)))
    return client


@pytest.fixture
def member_api(member):
    client = APIClient()
    client.credentials(**bearer(make_token(member)))
    return client


def error_of(response) -> dict:
    """The envelope's error object, after checking the envelope's shape."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["details"], dict)
    return body["error"]
