"""Property-based tests of the whole API against its own OpenAPI schema
(schemathesis, through the WSGI app: no network, no server process).

For every operation, a bounded number of generated requests (explicit
examples of the schema first, then generated ones, derandomized: the same
requests on every run) is sent as a seeded member with a read+write token,
so writes are exercised too. Each response must:

- not be a server error (no 5xx),
- have a status code the schema documents for the operation,
- have the documented content type,
- conform to the documented schema (the error envelope included).

Path parameters alternate between generated values (mostly 404s) and real
objects of the seeded data, so the success paths are fuzzed as well; DELETE
gets a fresh object each time.
"""

import itertools

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from apps.communities.tests.conftest import add_member, make_community
from apps.profiles.services import follow_create
from config.wsgi import application
from conftest import make_member

from .conftest import make_comment, make_post, make_token

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 20

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def keep_test_connection():
    """Django's WSGI handler closes the database connection at the end of each
    request when it looks unusable — and inside the test's transaction it
    does (autocommit is off). Django's test client disconnects that handler;
    schemathesis calls the WSGI app directly, so we do it here. (SQLite's
    in-memory test database ignores close(); PostgreSQL does not.)"""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(db, keep_test_connection):
    """A small site: a community with posts, comments, tags and two members."""
    # The token's member owns the community: the moderator endpoints are
    # exercised past their permission check too.
    member = make_member("marta")
    other = make_member("omar")
    community = make_community(member, "gardening")
    add_member(community, other)
    post = make_post(member, community, title="Tomatoes in winter", tags="tomatoes, winter")
    make_post(other, community, title="Compost", tags="compost")
    comment = make_comment(member, post, "First!")
    make_comment(other, post, "A reply", parent=comment)
    follow_create(follower=other, followee=member)
    return {
        "member": member,
        "community": community,
        "post": post,
        "comment": comment,
        "token": make_token(member),
        "counter": itertools.count(),
    }


# Loaded once, at collection, from the app itself: the schema endpoint needs
# no database (an anonymous GET).
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


def use_seeded_objects(case, seeded) -> None:
    """Every other case: point the path at real objects."""
    if next(seeded["counter"]) % 2:
        return
    path, params = case.path, case.path_parameters
    if not params:
        return
    member, post, comment = seeded["member"], seeded["post"], seeded["comment"]
    if case.method.upper() == "DELETE":
        # A fresh victim, so the shared post and comment survive for the others.
        post = make_post(member, seeded["community"], title="To delete")
        comment = make_comment(member, post, "To delete")
    if "post_id" in params:
        params["post_id"] = post.pk
    if "comment_id" in params:
        params["comment_id"] = comment.pk
    if "username" in params:
        params["username"] = "omar"
    if "slug" in params:
        params["slug"] = "tomatoes" if path.startswith("/api/v1/tags/") else "gardening"


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, seeded):
    use_seeded_objects(case, seeded)
    # call_and_validate raises on the first check that fails (CHECKS).
    response = case.call_and_validate(
        headers={"Authorization": f"Bearer {seeded['token']}"},
        checks=CHECKS,
    )
    assert response.status_code < 500
