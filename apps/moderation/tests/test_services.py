"""The moderation services: what each writes, what it refuses, and that a
refusal writes nothing."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from apps.comments.services import comment_create, comment_delete
from apps.communities.models import Ban, Community, Membership
from apps.core import cache as core_cache
from apps.moderation import services
from apps.moderation.models import (
    Action,
    ModerationAction,
    Report,
    ReportReason,
    ReportStatus,
    Suspension,
)
from apps.posts import services as post_services
from apps.posts.models import Post
from apps.posts.selectors import PINNED_MAX
from conftest import PASSWORD, make_member

from .conftest import add_member

pytestmark = pytest.mark.django_db


def log() -> list[tuple]:
    return list(ModerationAction.objects.order_by("id").values_list("action", "actor__username"))


def fresh(obj):
    obj.refresh_from_db()
    return obj


# --- reports -----------------------------------------------------------------------------


def test_member_reports_a_post_once(member, post):
    report = services.report_create(reporter=member, target=post, reason=ReportReason.SPAM)
    assert (report.post, report.community, report.status) == (post, post.community, "open")
    with pytest.raises(ValidationError) as error:
        services.report_create(reporter=member, target=post, reason=ReportReason.HATE)
    assert error.value.code == "duplicate"
    assert Report.objects.count() == 1


def test_closed_report_lets_the_member_report_again(member, post, moderator):
    report = services.report_create(reporter=member, target=post, reason=ReportReason.SPAM)
    services.report_dismiss(actor=moderator, report=report)
    services.report_create(reporter=member, target=post, reason=ReportReason.SPAM)
    assert Report.objects.filter(status=ReportStatus.OPEN).count() == 1


def test_database_allows_one_open_report_per_member_and_target(member, post):
    from django.db import IntegrityError, transaction

    Report.objects.create(reporter=member, post=post, reason="spam", community=post.community)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(reporter=member, post=post, reason="hate", community=post.community)


def test_database_requires_exactly_one_target(member, post, comment):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(reporter=member, post=post, comment=comment, reason="spam")
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(reporter=member, reason="spam")


@pytest.mark.parametrize(
    "make_target, code",
    [
        (lambda ctx: ctx["post"], "own"),
        (lambda ctx: ctx["comment"], "own"),
        (lambda ctx: ctx["author"], "self"),
    ],
)
def test_reporting_your_own_content_or_yourself_is_refused(
    post, comment, author, make_target, code
):
    target = make_target({"post": post, "comment": comment, "author": author})
    with pytest.raises(ValidationError) as error:
        services.report_create(reporter=author, target=target, reason=ReportReason.SPAM)
    assert error.value.code == code
    assert Report.objects.count() == 0


def test_reporting_deleted_or_removed_content_is_refused(member, author, post, comment, moderator):
    post_services.post_delete(actor=author, post=post)
    with pytest.raises(ValidationError) as error:
        services.report_create(reporter=member, target=fresh(post), reason="spam")
    assert error.value.code == "deleted"
    other = post_services.post_create(author=author, community=post.community, title="Other")
    services.post_remove(actor=moderator, post=other, reason="Spam")
    with pytest.raises(ValidationError) as error:
        services.report_create(reporter=member, target=fresh(other), reason="spam")
    assert error.value.code == "removed"
    assert Report.objects.count() == 0


def test_banned_member_and_visitor_cannot_report(banned_member, post):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.report_create(reporter=banned_member, target=post, reason="spam")
    with pytest.raises(PermissionDenied):
        services.report_create(reporter=AnonymousUser(), target=post, reason="spam")
    assert Report.objects.count() == 0


def test_outsider_cannot_report_in_a_private_community(outsider, owner, private_community):
    secret = post_services.post_create(author=owner, community=private_community, title="Secret")
    with pytest.raises(PermissionDenied):
        services.report_create(reporter=outsider, target=secret, reason="spam")


def test_report_reason_must_be_known_and_other_needs_details(member, post):
    with pytest.raises(ValidationError) as error:
        services.report_create(reporter=member, target=post, reason="boring")
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.report_create(reporter=member, target=post, reason=ReportReason.OTHER)
    assert "details" in error.value.message_dict
    report = services.report_create(
        reporter=member, target=post, reason=ReportReason.OTHER, details="  Looks like a scam "
    )
    assert report.details == "Looks like a scam"


def test_member_reports_go_to_staff_only(member, author, moderator, staff_moderator):
    report = services.report_create(reporter=member, target=author, reason="impersonation")
    assert report.community is None
    with pytest.raises(PermissionDenied):
        services.report_resolve(actor=moderator, report=report)
    assert services.report_resolve(actor=staff_moderator, report=report, note="Talked") == 1


def test_resolving_closes_every_open_report_about_the_target(
    member, other_member, post, comment, moderator
):
    first = services.report_create(reporter=member, target=post, reason="spam")
    services.report_create(reporter=other_member, target=post, reason="hate")
    about_comment = services.report_create(reporter=member, target=comment, reason="spam")
    assert services.report_resolve(actor=moderator, report=first, note="Warned them") == 2
    assert set(Report.objects.filter(post=post).values_list("status", flat=True)) == {"resolved"}
    assert fresh(about_comment).status == ReportStatus.OPEN
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.post, entry.reason, entry.as_staff) == (
        Action.REPORT_RESOLVED,
        post,
        "Warned them",
        False,
    )
    with pytest.raises(ValidationError):
        services.report_dismiss(actor=moderator, report=first)
    assert ModerationAction.objects.count() == 1


def test_moderator_of_another_community_cannot_close_reports(member, post, other_moderator):
    report = services.report_create(reporter=member, target=post, reason="spam")
    with pytest.raises(PermissionDenied):
        services.report_dismiss(actor=other_moderator, report=report)
    assert fresh(report).status == ReportStatus.OPEN
    assert ModerationAction.objects.count() == 0


# --- posts -------------------------------------------------------------------------------------


def test_remove_and_restore_a_post(post, moderator, member, django_capture_on_commit_callbacks):
    report = services.report_create(reporter=member, target=post, reason="spam")
    version = core_cache.feed_version(post.community_id)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_remove(actor=moderator, post=post, reason="  Spam   link ")
    stored = fresh(post)
    assert (stored.is_removed, stored.removal_reason) == (True, "Spam link")
    assert fresh(report).status == ReportStatus.RESOLVED
    assert core_cache.feed_version(post.community_id) != version
    with django_capture_on_commit_callbacks(execute=True):
        services.post_restore(actor=moderator, post=post, reason="Appeal accepted")
    stored = fresh(post)
    assert (stored.is_removed, stored.removal_reason) == (False, "")
    assert log() == [("post_removed", "mia"), ("post_restored", "mia")]


def test_removal_needs_a_reason_and_refusals_write_nothing(post, moderator, member):
    with pytest.raises(ValidationError) as error:
        services.post_remove(actor=moderator, post=post, reason="   ")
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.post_remove(actor=member, post=post, reason="I don't like it")
    assert not fresh(post).is_removed
    assert ModerationAction.objects.count() == 0


def test_cannot_remove_twice_or_a_deleted_post(post, moderator, author):
    services.post_remove(actor=moderator, post=post, reason="Spam")
    with pytest.raises(ValidationError) as error:
        services.post_remove(actor=moderator, post=post, reason="Spam")
    assert error.value.code == "already"
    other = post_services.post_create(author=author, community=post.community, title="Gone")
    post_services.post_delete(actor=author, post=other)
    for call in (services.post_remove, services.post_restore, services.post_lock):
        with pytest.raises(ValidationError):
            call(actor=moderator, post=other, reason="x")
    assert ModerationAction.objects.count() == 1


def test_removal_unpins(post, moderator):
    services.post_pin(actor=moderator, post=post)
    services.post_remove(actor=moderator, post=post, reason="Spam")
    assert fresh(post).is_pinned is False
    with pytest.raises(ValidationError) as error:
        services.post_pin(actor=moderator, post=post)
    assert error.value.code == "removed"


def test_lock_and_unlock(post, moderator, member):
    services.post_lock(actor=moderator, post=post, reason="Heated")
    assert fresh(post).is_locked
    with pytest.raises(ValidationError):
        services.post_lock(actor=moderator, post=post)
    with pytest.raises(ValidationError):
        comment_create(author=member, post=fresh(post), body="Can I still?")
    services.post_unlock(actor=moderator, post=post)
    assert not fresh(post).is_locked
    assert [a for a, _ in log()] == ["post_locked", "post_unlocked"]


def test_pins_are_limited_per_community(community, author, moderator, owner):
    posts = [
        post_services.post_create(author=author, community=community, title=f"Post {i}")
        for i in range(PINNED_MAX + 1)
    ]
    for post in posts[:PINNED_MAX]:
        services.post_pin(actor=moderator, post=post)
    with pytest.raises(ValidationError) as error:
        services.post_pin(actor=moderator, post=posts[-1])
    assert error.value.code == "pin_limit"
    assert not fresh(posts[-1]).is_pinned
    # Another community has its own places.
    elsewhere = Community.objects.create(owner=owner, slug="elsewhere", name="Elsewhere")
    Membership.objects.create(community=elsewhere, user=owner, is_moderator=True)
    other = post_services.post_create(author=owner, community=elsewhere, title="Mine")
    services.post_pin(actor=owner, post=other)
    services.post_unpin(actor=moderator, post=posts[0])
    services.post_pin(actor=moderator, post=posts[-1])
    assert Post.objects.filter(community=community, is_pinned=True).count() == PINNED_MAX


def test_staff_moderator_acts_everywhere_and_is_logged_as_staff(post, staff_moderator):
    services.post_lock(actor=staff_moderator, post=post)
    entry = ModerationAction.objects.get()
    assert entry.as_staff is True and entry.actor == staff_moderator


def test_staff_without_the_permission_cannot_moderate(post, plain_staff):
    with pytest.raises(PermissionDenied):
        services.post_remove(actor=plain_staff, post=post, reason="x")
    with pytest.raises(PermissionDenied):
        services.member_suspend(actor=plain_staff, member=post.author, reason="x")
    assert ModerationAction.objects.count() == 0


# --- comments ----------------------------------------------------------------------------------


def test_comment_removal_keeps_the_comment_count_meaning(post, comment, member, moderator):
    comment_create(author=member, post=post, body="Second")
    assert fresh(post).comment_count == 2
    services.comment_remove(actor=moderator, comment=comment, reason="Advertising")
    assert fresh(post).comment_count == 1
    stored = fresh(comment)
    assert (stored.is_removed, stored.removal_reason, stored.body_text) == (
        True,
        "Advertising",
        "Visit my shop",
    )
    # The author deleting a removed comment does not count it twice.
    comment_delete(actor=comment.author, comment=stored)
    assert fresh(post).comment_count == 1
    with pytest.raises(ValidationError) as error:
        services.comment_restore(actor=moderator, comment=fresh(comment))
    assert error.value.code == "deleted"
    assert fresh(post).comment_count == 1


def test_comment_restore_counts_it_again(post, comment, moderator):
    services.comment_remove(actor=moderator, comment=comment, reason="Advertising")
    services.comment_restore(actor=moderator, comment=comment)
    assert fresh(post).comment_count == 1
    assert not fresh(comment).is_removed
    with pytest.raises(ValidationError):
        services.comment_restore(actor=moderator, comment=comment)
    assert [a for a, _ in log()] == ["comment_removed", "comment_restored"]


def test_deleted_comment_cannot_be_removed(post, comment, moderator):
    comment_delete(actor=comment.author, comment=comment)
    with pytest.raises(ValidationError) as error:
        services.comment_remove(actor=moderator, comment=comment, reason="x")
    assert error.value.code == "deleted"
    assert fresh(post).comment_count == 0
    assert ModerationAction.objects.count() == 0


def test_moderator_of_another_community_cannot_remove_comments(comment, other_moderator):
    with pytest.raises(PermissionDenied):
        services.comment_remove(actor=other_moderator, comment=comment, reason="x")
    assert not fresh(comment).is_removed


# --- bans --------------------------------------------------------------------------------------


def test_ban_and_unban_are_logged(community, moderator, member):
    until = timezone.now() + timedelta(days=3)
    ban = services.member_ban(
        actor=moderator, community=community, member=member, reason="Rude", expires_at=until
    )
    assert (ban.user, ban.reason, ban.expires_at, ban.banned_by) == (
        member,
        "Rude",
        until,
        moderator,
    )
    services.member_unban(actor=moderator, community=community, member=member)
    assert not Ban.objects.exists()
    entries = list(ModerationAction.objects.order_by("id"))
    assert [e.action for e in entries] == ["member_banned", "member_unbanned"]
    assert entries[0].member == member and entries[0].expires_at == until


def test_ban_refusals_write_nothing(community, owner, moderator, member, other_moderator):
    cases = [
        ({"actor": moderator, "member": owner}, ValidationError),
        ({"actor": moderator, "member": moderator}, ValidationError),
        (
            {
                "actor": moderator,
                "member": member,
                "expires_at": timezone.now() - timedelta(hours=1),
            },
            ValidationError,
        ),
        ({"actor": other_moderator, "member": member}, PermissionDenied),
        ({"actor": member, "member": moderator}, PermissionDenied),
    ]
    for kwargs, error in cases:
        with pytest.raises(error):
            services.member_ban(community=community, **kwargs)
    with pytest.raises(ValidationError):
        services.member_unban(actor=moderator, community=community, member=member)
    assert not Ban.objects.exists()
    assert ModerationAction.objects.count() == 0


def test_only_owner_or_staff_bans_a_moderator(community, owner, moderator, staff_moderator):
    second = make_member("nina")
    add_member(community, second, is_moderator=True)
    with pytest.raises(PermissionDenied):
        services.member_ban(actor=moderator, community=community, member=second)
    services.member_ban(actor=staff_moderator, community=community, member=second)
    assert not Membership.objects.get(community=community, user=second).is_moderator


# --- suspensions -------------------------------------------------------------------------------


def test_suspension_ends_sessions_at_once(
    author, member, staff_moderator, django_capture_on_commit_callbacks
):
    browser, bystander = Client(), Client()
    assert browser.login(username="alba", password=PASSWORD)
    assert bystander.login(username="marta", password=PASSWORD)
    assert Session.objects.count() == 2
    assert browser.get("/settings/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        services.member_suspend(actor=staff_moderator, member=author, reason="Spam wave")
    assert fresh(author).is_active is False
    assert Session.objects.count() == 1  # marta's
    assert bystander.get("/settings/").status_code == 200
    response = browser.get("/settings/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not browser.login(username="alba", password=PASSWORD)
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.member, entry.as_staff, entry.community) == (
        "member_suspended",
        author,
        True,
        None,
    )


def test_suspension_rules(author, staff_moderator, superuser, plain_staff, moderator):
    with pytest.raises(PermissionDenied):
        services.member_suspend(actor=moderator, member=author, reason="x")
    with pytest.raises(ValidationError):
        services.member_suspend(actor=staff_moderator, member=staff_moderator, reason="x")
    with pytest.raises(PermissionDenied):
        services.member_suspend(actor=staff_moderator, member=plain_staff, reason="x")
    with pytest.raises(ValidationError):
        services.member_suspend(actor=staff_moderator, member=author, reason="")
    with pytest.raises(ValidationError):
        services.member_suspend(
            actor=staff_moderator,
            member=author,
            reason="x",
            expires_at=timezone.now() - timedelta(days=1),
        )
    assert not Suspension.objects.exists() and fresh(author).is_active
    services.member_suspend(actor=superuser, member=plain_staff, reason="Compromised")
    assert not fresh(plain_staff).is_active


def test_unsuspend_and_expiry(author, staff_moderator, member):
    services.member_suspend(actor=staff_moderator, member=author, reason="Spam")
    with pytest.raises(ValidationError):
        services.member_suspend(actor=staff_moderator, member=author, reason="Again")
    services.member_unsuspend(actor=staff_moderator, member=author)
    assert fresh(author).is_active
    with pytest.raises(ValidationError):
        services.member_unsuspend(actor=staff_moderator, member=author)
    services.member_suspend(
        actor=staff_moderator,
        member=member,
        reason="Cool down",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    assert services.suspensions_lift_expired() == 0
    assert services.suspensions_lift_expired(now=timezone.now() + timedelta(hours=2)) == 1
    assert fresh(member).is_active
    assert list(
        ModerationAction.objects.filter(action="member_unsuspended")
        .order_by("id")
        .values_list("actor__username", flat=True)
    ) == ["sam", None]


# --- moderators and ownership ----------------------------------------------------------------


def test_owner_appoints_and_removes_moderators(community, owner, member, moderator):
    services.moderator_appoint(actor=owner, community=community, member=member)
    assert Membership.objects.get(community=community, user=member).is_moderator
    with pytest.raises(ValidationError):
        services.moderator_appoint(actor=owner, community=community, member=member)
    services.moderator_remove(actor=owner, community=community, member=member)
    with pytest.raises(ValidationError):
        services.moderator_remove(actor=owner, community=community, member=member)
    with pytest.raises(PermissionDenied):
        services.moderator_appoint(actor=moderator, community=community, member=member)
    with pytest.raises(ValidationError):
        services.moderator_remove(actor=owner, community=community, member=owner)
    assert [a for a, _ in log()] == ["moderator_appointed", "moderator_removed"]


def test_appointing_an_outsider_or_a_banned_member_is_refused(
    community, owner, outsider, banned_member
):
    for person in (outsider, banned_member):
        with pytest.raises(ValidationError):
            services.moderator_appoint(actor=owner, community=community, member=person)
    assert ModerationAction.objects.count() == 0


def test_ownership_transfer(community, owner, member, moderator, outsider, staff_moderator):
    with pytest.raises(PermissionDenied):
        services.ownership_transfer(actor=moderator, community=community, new_owner=member)
    with pytest.raises(PermissionDenied):
        services.ownership_transfer(actor=staff_moderator, community=community, new_owner=member)
    with pytest.raises(ValidationError):
        services.ownership_transfer(actor=owner, community=community, new_owner=outsider)
    with pytest.raises(ValidationError):
        services.ownership_transfer(actor=owner, community=community, new_owner=owner)
    assert fresh(community).owner == owner
    services.ownership_transfer(actor=owner, community=community, new_owner=member)
    assert fresh(community).owner == member
    assert Membership.objects.get(community=community, user=member).is_moderator
    assert Membership.objects.get(community=community, user=owner).is_moderator
    # The old owner is a moderator now, no longer the one who appoints.
    with pytest.raises(PermissionDenied):
        services.moderator_appoint(actor=owner, community=community, member=outsider)
    assert log() == [("ownership_transferred", "olivia")]
