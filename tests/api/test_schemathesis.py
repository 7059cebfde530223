"""Property-based tests of the whole API against its own OpenAPI schema
(schemathesis, through the WSGI app: no network, no server process).

For every operation, a bounded number of generated requests (explicit
examples of the schema first, then generated ones, valid and invalid,
derandomized: the same requests on every run) is sent as a seeded
moderator of the community with a read+write token, so writes and the
moderation operations are exercised past their permission checks. Every
check schemathesis has runs (the `--checks all` of its command line): no
5xx; a documented status, content type, headers and body; schema-valid
requests accepted (2xx, or a 401/403/404/409 that the state explains) and
schema-invalid ones refused; and the stateful checks where they apply.

Examples per operation: 100 in CI (CI=true, as .ci/run sets it), 25 in a
local run; SCHEMATHESIS_EXAMPLES=N sets any other number.

What the fuzzer cannot know from the schema alone, the test supplies for
the valid (positive) requests only, leaving invalid ones as generated:
- path parameters alternate between generated values (mostly 404s) and
  real objects the moderator may act on; DELETE gets a fresh object;
- values that name something in the database (a member to ban, a parent
  comment, a message's recipient, a filter's community, author, tag or
  root comment) or that must be in the future (a ban's end) are made real;
- cursors (`format: cursor`) are ones the server could have issued: an
  invented one is a 400, as the schema's description says.
"""

import itertools
import os
from datetime import UTC, datetime, timedelta

import pytest
import schemathesis
from django.core.exceptions import ValidationError
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.checks import CHECKS as REGISTERED_CHECKS
from schemathesis.checks import is_check_class, load_all_checks
from schemathesis.core.parameters import ParameterLocation

from apps.comments.models import Comment
from apps.communities.services import moderator_appoint
from apps.communities.tests.conftest import add_member, make_community
from apps.core.pagination import encode_cursor
from apps.drafts.models import Draft
from apps.drafts.services import draft_save
from apps.feeds.models import CustomFeed
from apps.feeds.services import custom_feed_create
from apps.messaging.services import message_send
from apps.moderation import services as moderation
from apps.posts.models import Post
from apps.profiles.services import follow_create
from config.wsgi import application
from conftest import make_member

from .conftest import make_comment, make_post, make_token

pytestmark = pytest.mark.django_db

# 100 in CI (.ci/run exports CI=true); 25 elsewhere, as 100 takes some 3.5
# minutes of this test alone on two cores.
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES") or (100 if os.environ.get("CI") else 25))

# Every check schemathesis registers, as `--checks all` runs them.
load_all_checks()
CHECKS = [check for check in REGISTERED_CHECKS.get_all() if not is_check_class(check)]

# Each moderation action, and the one that puts its target back in the state
# where it applies (a post to pin must not be pinned yet…).
MODERATION_ACTIONS = {
    "remove": "restore",
    "restore": "remove",
    "lock": "unlock",
    "unlock": "lock",
    "pin": "unpin",
    "unpin": "pin",
}


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
def seeded(db, keep_test_connection, django_capture_on_commit_callbacks):
    """A small site: a community owned by Olga, where Marta (the token's
    member) moderates and Omar is a plain member; posts, comments, a reply
    to Marta (a notification), a conversation."""
    owner = make_member("olga")
    member = make_member("marta")
    other = make_member("omar")
    community = make_community(owner, "gardening")
    add_member(community, member)
    add_member(community, other)
    moderator_appoint(actor=owner, community=community, user=member)
    # The events' receivers (notifications) run on commit.
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(member, community, title="Tomatoes in winter", tags="tomatoes, winter")
        others_post = make_post(other, community, title="Compost", tags="compost")
        comment = make_comment(member, post, "First!")
        others_comment = make_comment(other, post, "A reply", parent=comment)
        follow_create(follower=other, followee=member)
        message = message_send(sender=other, recipient=member, body="Hello Marta")
    return {
        "member": member,
        "other": other,
        "community": community,
        "post": post,
        "comment": comment,
        "others_post": others_post,
        "others_comment": others_comment,
        "conversation_id": message.conversation_id,
        "notification_id": member.notifications.values_list("pk", flat=True).first(),
        "token": make_token(member),
        "counter": itertools.count(),
    }


# Loaded once, at collection, from the app itself: the schema endpoint needs
# no database (an anonymous GET).
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
schema.config.generation.update(
    # The token is sent with every request (below); generated Authorization
    # headers and session cookies would only replace it.
    with_security_parameters=False,
    # Text never holds NUL: DRF refuses it in every field (PostgreSQL could
    # not store it), which the schema cannot say.
    allow_x00=False,
)
# Off: the constants of our code (mostly identifiers) stand in for any string
# the validator cannot check, such as a `format: cursor`, and make noise.
schema.config.analysis.constants.enabled = False

# A cursor the server could have issued: its sort key (a moment, a number or
# a text) and a primary key.
_cursor_keys = st.one_of(
    st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ),
    st.integers(min_value=-(2**31), max_value=2**31),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.text(alphabet=st.characters(categories=["L", "N"]), max_size=20),
)
schemathesis.openapi.format(
    "cursor",
    st.builds(encode_cursor, _cursor_keys, st.integers(min_value=1, max_value=2**62)),
)
# A tag as a member types it (`format: tag`): words that make a 2-40 character slug.
schemathesis.openapi.format(
    "tag", st.from_regex(r"#?[A-Za-z0-9]{2,12}([ _-][A-Za-z0-9]{1,12}){0,2}", fullmatch=True)
)
# A post's link: an address Django's URL validator accepts.
schemathesis.openapi.format(
    "uri",
    st.builds(
        "{}://{}.{}/{}".format,
        st.sampled_from(["http", "https"]),
        st.from_regex(r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?", fullmatch=True),
        st.sampled_from(["org", "com", "example", "fr"]),
        st.from_regex(r"[A-Za-z0-9._~/-]{0,40}", fullmatch=True),
    ),
)


def _tiny_png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(out, "PNG")
    return out.getvalue()


def _is_positive(case, location: ParameterLocation) -> bool:
    component = case.meta.components.get(location) if case.meta else None
    return component is None or component.mode.is_positive


def use_seeded_objects(case, seeded) -> None:
    """Every other case: point the path at real objects; in a valid body,
    make the values that name database rows real."""
    path = case.path
    action = path.rstrip("/").rsplit("/", 1)[-1]
    acts_on_others = action in MODERATION_ACTIONS or action == "vote"
    member, community = seeded["member"], seeded["community"]
    if action == "unban" and not community.bans.filter(user=seeded["other"]).exists():
        # Someone to unban, each time.
        moderation.member_ban(actor=member, community=community, member=seeded["other"], reason="")
    if isinstance(case.body, dict) and _is_positive(case, ParameterLocation.BODY):
        body = case.body
        if "member" in body:
            body["member"] = "omar"
        if "to" in body:
            body["to"] = "omar"
        if "parent_id" in body:
            body["parent_id"] = seeded["comment"].pk
        if body.get("expires_at"):
            body["expires_at"] = (datetime.now(UTC) + timedelta(days=7)).isoformat()
        if "community" in body:
            body["community"] = "gardening"
        if body.get("closes_at"):
            body["closes_at"] = (datetime.now(UTC) + timedelta(days=7)).isoformat()
        if case.path == "/api/v1/images/" and "file" in body:
            # Any bytes are a schema-valid file; only an image is a valid one.
            body["file"] = _tiny_png()
        if case.path == "/api/v1/polls/" and isinstance(body.get("options"), list):
            # Options differ in any case once trimmed (the schema cannot say it).
            body["options"] = [f"Option {index}" for index in range(len(body["options"]))]
    if (
        case.path == "/api/v1/images/"
        and isinstance(case.body, dict)
        and "alt" in case.body
        and not isinstance(case.body["alt"], str)
    ):
        # A multipart form has only texts: a number, an empty array or a one-item
        # one arrive as a valid text (or no field). The one wrong type a form can
        # carry is the field given twice, which the endpoint refuses
        # (apps.api.inputs.refuse_repeated).
        case.body["alt"] = ["one", "two"]
    if case.query and _is_positive(case, ParameterLocation.QUERY):
        # Filters that name rows: unknown ones are a 400 (tests/api/test_endpoints.py).
        real = {"community": "gardening", "author": "omar", "tag": "tomatoes"}
        for name, value in real.items():
            if case.query.get(name):
                case.query[name] = value
    params = case.path_parameters
    if not params or not _is_positive(case, ParameterLocation.PATH):
        return
    if next(seeded["counter"]) % 2:
        return
    post, comment = seeded["post"], seeded["comment"]
    if acts_on_others:
        post, comment = seeded["post"], seeded["others_comment"]
        if "comment_id" not in params:
            post = seeded["others_post"]
    if case.method.upper() == "DELETE":
        # A fresh victim, so the shared post and comment survive for the others.
        post = make_post(member, community, title="To delete")
        comment = make_comment(member, post, "To delete")
    if "post_id" in params:
        params["post_id"] = post.pk
    if "comment_id" in params:
        params["comment_id"] = comment.pk
    if "conversation_id" in params:
        params["conversation_id"] = seeded["conversation_id"]
    if "notification_id" in params and seeded["notification_id"]:
        params["notification_id"] = seeded["notification_id"]
    if "username" in params:
        params["username"] = "omar"
    if "slug" in params:
        params["slug"] = "tomatoes" if path.startswith("/api/v1/tags/") else "gardening"


def use_a_real_feed(case, seeded) -> None:
    """/feeds/: the member starts each case with no custom feed, so neither
    the limit of feeds nor a name already taken answers a valid request; a
    valid body's communities are real, and every other valid path names a
    feed of the member's."""
    if not case.path.startswith("/api/v1/feeds/"):
        return
    member = seeded["member"]
    CustomFeed.objects.filter(owner=member).delete()
    body = case.body if isinstance(case.body, dict) else {}
    if "communities" in body and _is_positive(case, ParameterLocation.BODY):
        body["communities"] = ["gardening"]
    params = case.path_parameters
    if not params or "feed_id" not in params or not _is_positive(case, ParameterLocation.PATH):
        return
    if next(seeded["counter"]) % 2 == 0:
        params["feed_id"] = custom_feed_create(owner=member, name="Seeded feed").pk


def use_a_real_draft(case, seeded) -> None:
    """/drafts/: the member starts each case with no draft, so the limit of
    drafts never answers a valid request; every other valid path names a
    draft of the member's."""
    if not case.path.startswith("/api/v1/drafts/"):
        return
    member = seeded["member"]
    Draft.objects.filter(author=member).delete()
    params = case.path_parameters
    if not params or "draft_id" not in params or not _is_positive(case, ParameterLocation.PATH):
        return
    if next(seeded["counter"]) % 2 == 0:
        params["draft_id"] = draft_save(author=member, community=seeded["community"]).pk


def use_a_real_root(case) -> None:
    """`?root=` of a thread: a comment of the post in the path, when it has one."""
    if not (case.query and case.query.get("root") is not None):
        return
    if not _is_positive(case, ParameterLocation.QUERY):
        return
    post_id = case.path_parameters.get("post_id")
    if isinstance(post_id, int) and 0 < post_id < 2**63:
        root = Comment.objects.filter(post_id=post_id).values_list("pk", flat=True).first()
        if root is not None:
            case.query["root"] = root


def prepare_moderation_target(case, seeded) -> None:
    """Before a moderation action on an existing post or comment (seeded, or
    a generated id that happens to exist), undo the action if it is already
    done: the fuzzer then meets the action's real work, not its "already
    done" refusal (a 400 that tests/api/test_search_and_moderation.py checks)."""
    action = case.path.rstrip("/").rsplit("/", 1)[-1]
    if action not in MODERATION_ACTIONS or not _is_positive(case, ParameterLocation.PATH):
        return
    params = case.path_parameters
    if not all(isinstance(value, int) and 0 < value < 2**63 for value in params.values()):
        return
    undo = MODERATION_ACTIONS[action]
    if "comment_id" in params:
        target = Comment.objects.filter(pk=params["comment_id"], post_id=params["post_id"]).first()
        kind = "comment"
    else:
        target = Post.objects.filter(pk=params["post_id"]).first()
        kind = "post"
    if target is None:
        return
    service = getattr(moderation, f"{kind}_{undo}")
    try:
        service(actor=seeded["member"], **{kind: target}, reason="Prepared by the test.")
    except ValidationError:
        pass  # already in the state the action applies to


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
    use_a_real_feed(case, seeded)
    use_a_real_draft(case, seeded)
    use_a_real_root(case)
    prepare_moderation_target(case, seeded)
    # call_and_validate raises on the first check that fails (CHECKS).
    response = case.call_and_validate(
        headers={"Authorization": f"Bearer {seeded['token']}"},
        checks=CHECKS,
    )
    assert response.status_code < 500
