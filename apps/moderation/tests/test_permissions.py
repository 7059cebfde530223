"""The permission matrix: every moderation action, through the site's views
and through the admin, for every role. An allowed role gets the success
status and a change; every other role gets its refusal status and nothing is
written (all moderation-relevant rows compared before and after)."""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from apps.accounts.models import User
from apps.comments.models import Comment
from apps.communities.models import Ban, Community, Membership
from apps.moderation import policies, services
from apps.moderation.models import ModerationAction, Report, Suspension
from apps.posts.models import Post
from conftest import make_member

from .conftest import ROLES, add_member

pytestmark = pytest.mark.django_db

SITE_ROLES = [*ROLES, "owner", "plain_staff"]
MODERATORS = frozenset({"owner", "moderator", "staff_moderator", "superuser"})
STAFF_MODERATORS = frozenset({"staff_moderator", "superuser"})
STAFF = frozenset({"staff_moderator", "superuser", "plain_staff"})


@pytest.fixture
def world(
    community, owner, moderator, member, author, post, comment, banned_member,
    other_moderator, staff_moderator, superuser, plain_staff,
):  # fmt: skip
    """Everyone exists before the request, so a refused one changes nothing."""
    omar = make_member("omar")
    add_member(community, omar)
    report = services.report_create(reporter=omar, target=post, reason="spam")
    return {
        "community": community,
        "post": post,
        "comment": comment,
        "report": report,
        "omar": omar,
        "author": author,
        "root": superuser,
    }


def snapshot() -> tuple:
    return (
        list(Report.objects.order_by("id").values_list("status", "reporter_id", "post_id")),
        list(ModerationAction.objects.order_by("id").values_list("action", "actor_id")),
        list(Ban.objects.order_by("id").values_list("user_id", "reason", "expires_at")),
        list(Suspension.objects.order_by("id").values_list("member_id", "lifted_at")),
        list(
            Post.objects.order_by("id").values_list(
                "is_removed", "removal_reason", "is_locked", "is_pinned", "comment_count"
            )
        ),
        list(Comment.objects.order_by("id").values_list("is_removed", "removal_reason")),
        list(Membership.objects.order_by("id").values_list("user_id", "is_moderator")),
        list(Community.objects.order_by("id").values_list("owner_id")),
        list(User.objects.order_by("id").values_list("is_active", "is_staff", "is_superuser")),
    )


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: Callable[[dict], str]
    allowed: frozenset
    data: Callable[[dict], dict] = lambda world: {}
    ok: int = 302
    # Status for roles outside `allowed` (default 403); visitors are sent to log in.
    refused: dict = field(default_factory=dict)
    admin: bool = False

    def __str__(self) -> str:
        return self.name


def _post_url(action: str) -> Callable[[dict], str]:
    return lambda world: reverse("moderation:post_action", args=[world["post"].pk, action])


SITE_CASES = [
    Case(
        "report a post",
        "post",
        lambda w: reverse("moderation:report_post", args=[w["post"].pk]),
        allowed=frozenset(set(SITE_ROLES) - {"anonymous", "author", "banned_member"}),
        data=lambda w: {"reason": "spam"},
        refused={"author": 400, "banned_member": 403},
    ),
    Case(
        "see the queue",
        "get",
        lambda w: reverse("moderation:queue", args=["gardening"]),
        allowed=MODERATORS,
        ok=200,
    ),
    Case("remove a post", "post", _post_url("remove"), MODERATORS, lambda w: {"reason": "Spam"}),
    Case("lock a post", "post", _post_url("lock"), MODERATORS),
    Case("pin a post", "post", _post_url("pin"), MODERATORS),
    Case(
        "remove a comment",
        "post",
        lambda w: reverse("moderation:comment_action", args=[w["comment"].pk, "remove"]),
        MODERATORS,
        lambda w: {"reason": "Rude"},
    ),
    Case(
        "resolve a report",
        "post",
        lambda w: reverse("moderation:report_action", args=[w["report"].pk, "resolve"]),
        MODERATORS,
    ),
    Case(
        "ban a member",
        "post",
        lambda w: reverse("moderation:bans", args=["gardening"]),
        MODERATORS,
        lambda w: {"member": "omar", "reason": "Rude"},
    ),
    Case(
        "lift a ban",
        "post",
        lambda w: reverse("moderation:unban", args=["gardening"]),
        MODERATORS,
        lambda w: {"member": "boris"},
    ),
    Case(
        "appoint a moderator",
        "post",
        lambda w: reverse("moderation:team_action", args=["gardening", "appoint"]),
        frozenset({"owner"}),
        lambda w: {"member": "omar"},
    ),
    Case(
        "transfer ownership",
        "post",
        lambda w: reverse("moderation:team_action", args=["gardening", "transfer"]),
        frozenset({"owner"}),
        lambda w: {"member": "omar"},
    ),
    Case(
        "read the moderation log",
        "get",
        lambda w: reverse("moderation:community_log", args=["gardening"]),
        frozenset(SITE_ROLES),
        ok=200,
    ),
]


def _action(name: str, selected: Callable[[dict], int], reason: str = "x"):
    return lambda world: {
        "action": name,
        ACTION_CHECKBOX_NAME: [selected(world)],
        "reason": reason,
        "index": 0,
    }


ADMIN_CASES = [
    Case(
        "admin: the reports",
        "get",
        lambda w: reverse("admin:moderation_report_changelist"),
        STAFF_MODERATORS,
        ok=200,
        admin=True,
    ),
    Case(
        "admin: the report queue",
        "get",
        lambda w: reverse("admin:moderation_report_queue"),
        STAFF_MODERATORS,
        ok=200,
        admin=True,
    ),
    Case(
        "admin: remove posts",
        "post",
        lambda w: reverse("admin:posts_post_changelist"),
        STAFF_MODERATORS,
        _action("remove_posts", lambda w: w["post"].pk),
        admin=True,
    ),
    Case(
        "admin: remove comments",
        "post",
        lambda w: reverse("admin:comments_comment_changelist"),
        STAFF_MODERATORS,
        _action("remove_comments", lambda w: w["comment"].pk),
        admin=True,
    ),
    Case(
        "admin: resolve reports",
        "post",
        lambda w: reverse("admin:moderation_report_changelist"),
        STAFF_MODERATORS,
        _action("resolve_reports", lambda w: w["report"].pk),
        admin=True,
    ),
    Case(
        "admin: suspend members",
        "post",
        lambda w: reverse("admin:accounts_user_changelist"),
        STAFF_MODERATORS,
        _action("suspend_members", lambda w: w["author"].pk),
        admin=True,
    ),
    Case(
        "admin: add a ban",
        "post",
        lambda w: reverse("admin:communities_ban_add"),
        STAFF_MODERATORS,
        lambda w: {"community": w["community"].pk, "user": w["omar"].pk, "reason": "Rude"},
        admin=True,
    ),
    Case(
        "admin: add a suspension",
        "post",
        lambda w: reverse("admin:moderation_suspension_add"),
        STAFF_MODERATORS,
        lambda w: {"member": w["omar"].pk, "reason": "Spam"},
        admin=True,
    ),
]


def _run(client, request, world, case: Case, role: str):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    url = case.url(world)
    before = snapshot()
    response = client.get(url) if case.method == "get" else client.post(url, case.data(world))
    after = snapshot()
    return user, response, before, after


def _refusal_status(case: Case, role: str, user) -> int:
    if user is None:
        return 302  # to the login page
    if case.admin and not user.is_staff:
        return 302  # to the admin's login page
    return case.refused.get(role, 403)


@pytest.mark.parametrize("role", SITE_ROLES)
@pytest.mark.parametrize("case", SITE_CASES, ids=str)
def test_site_matrix(client, request, world, case, role):
    user, response, before, after = _run(client, request, world, case, role)
    if role in case.allowed:
        assert response.status_code == case.ok, (case.name, role, response.status_code)
        if case.method == "post":
            assert after != before, f"{case.name} by {role} changed nothing"
    else:
        assert response.status_code == _refusal_status(case, role, user), (
            case.name,
            role,
            response.status_code,
        )
        if user is None:
            assert "/accounts/login/" in response["Location"]
        assert after == before, f"{case.name} refused to {role} but wrote something"


@pytest.mark.parametrize("role", SITE_ROLES)
@pytest.mark.parametrize("case", ADMIN_CASES, ids=str)
def test_admin_matrix(client, request, world, case, role):
    user, response, before, after = _run(client, request, world, case, role)
    if role in case.allowed:
        assert response.status_code == case.ok, (case.name, role, response.status_code)
        if case.method == "post":
            assert after != before, f"{case.name} by {role} changed nothing"
    else:
        assert response.status_code == _refusal_status(case, role, user), (
            case.name,
            role,
            response.status_code,
        )
        if response.status_code == 302:
            assert "/admin/login/" in response["Location"]
        assert after == before, f"{case.name} refused to {role} but wrote something"


# --- the policies themselves, role by role ---------------------------------------------------


@pytest.mark.parametrize("role", SITE_ROLES)
def test_policy_answers(request, world, role):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    community, post, comment = world["community"], world["post"], world["comment"]
    moderates = role in MODERATORS
    assert policies.can_view_queue(user, community) is moderates
    assert policies.can_remove_post(user, post) is moderates
    assert policies.can_lock_post(user, post) is moderates
    assert policies.can_pin_post(user, post) is moderates
    assert policies.can_remove_comment(user, comment) is moderates
    assert policies.moderates(user, world["report"].community) is moderates
    assert policies.can_ban(user, community) is moderates
    assert policies.can_manage_moderators(user, community) is (role == "owner")
    assert policies.can_transfer_ownership(user, community) is (role == "owner")
    assert policies.can_suspend(user, world["author"]) is (role in STAFF_MODERATORS)
    assert policies.is_staff_moderator(user) is (role in STAFF_MODERATORS)
    may_report = policies.report_refusal(user, post) is None
    assert may_report is (role not in {"anonymous", "author", "banned_member"})


def test_refusals_say_why_in_one_place(
    community, owner, moderator, member, post, staff_moderator, superuser
):
    services.report_create(reporter=member, target=post, reason="spam")
    assert policies.report_refusal(member, post) == (
        "duplicate",
        "You already reported this. The moderators will look at it.",
    )
    assert policies.ban_refusal(moderator, community, owner)[0] == "ban_owner"
    assert policies.ban_refusal(moderator, community, moderator)[0] == "ban_self"
    assert policies.ban_refusal(member, community, moderator)[0] == "not_moderator"
    assert policies.ban_refusal(moderator, community, member) is None
    assert policies.suspend_refusal(moderator, member)[0] == "not_staff_moderator"
    assert policies.suspend_refusal(staff_moderator, staff_moderator)[0] == "self"
    assert policies.suspend_refusal(staff_moderator, superuser)[0] == "staff_account"
    assert policies.suspend_refusal(staff_moderator, member) is None
    services.member_suspend(actor=staff_moderator, member=member, reason="Spam")
    assert policies.suspend_refusal(staff_moderator, member)[0] == "already"
