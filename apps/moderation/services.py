"""Every moderation action, whatever the front-end: the site's views, the
admin's actions and forms, the API.

Each service is keyword-only, typed and atomic. It checks its policy first
(PermissionDenied), then its input (ValidationError), both with translated
messages, and only then writes: the change and one ModerationAction, in the
same transaction — a refused action writes nothing. Services whose change
shows in feeds call apps.core.cache.content_changed.

Lock order, the same as apps.comments.services so that no two services wait
on each other in a circle: post row → comment row → community row → user
row. Rows are locked with `of=("self",)` so a select_related join does not
lock the community along with every post.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.accounts.models import User
from apps.comments.models import Comment
from apps.communities import policies as community_policies
from apps.communities import services as community_services
from apps.communities.models import Ban, Community, Membership
from apps.core import ratelimit
from apps.core.cache import content_changed
from apps.posts.models import Post
from apps.posts.selectors import PINNED_MAX

from . import policies
from .models import (
    DETAILS_MAX_LENGTH,
    REASON_MAX_LENGTH,
    Action,
    ModerationAction,
    Report,
    ReportReason,
    ReportStatus,
    Suspension,
    TargetKind,
    target_kind,
)
from .tasks import end_member_sessions

# --- shared pieces ---------------------------------------------------------------------


def clean_reason(reason: str, *, required: bool, field: str = "reason") -> str:
    """A moderator's reason or note on one line: trimmed, at most 500 characters."""
    reason = " ".join((reason or "").split())
    if required and not reason:
        raise ValidationError({field: _("Give a reason: the author and the log will show it.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                field: _("Keep it under %(limit)d characters (it has %(count)d).")
                % {"limit": REASON_MAX_LENGTH, "count": len(reason)}
            }
        )
    return reason


def _future(expires_at: datetime | None, field: str = "expires_at") -> datetime | None:
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({field: _("The end must be in the future.")}, code="in_the_past")
    return expires_at


def target_label(target) -> str:
    """What the log remembers a target by (title, excerpt or username)."""
    if target is None:
        return ""
    kind = target_kind(target)
    if kind == TargetKind.POST:
        return Truncator(target.title).chars(300)
    if kind == TargetKind.COMMENT:
        return Truncator(target.body_text).chars(120)
    return target.username


def _log(
    *,
    actor: User | None,
    action: str,
    community: Community | None,
    target=None,
    reason: str = "",
    expires_at: datetime | None = None,
    as_staff: bool | None = None,
) -> ModerationAction:
    """One line of the moderation log (1 insert, + 1 query to know whether
    the actor acted as one of the community's moderators)."""
    if as_staff is None:
        as_staff = actor is None or policies.acts_as_staff(actor, community)
    entry = ModerationAction(
        actor=actor,
        as_staff=as_staff,
        action=action,
        community=community,
        target_label=target_label(target),
        reason=reason,
        expires_at=expires_at,
    )
    if target is not None:
        setattr(entry, target_kind(target), target)
    entry.save()
    return entry


def _close_open_reports(*, target, actor: User | None, note: str) -> int:
    """Removing something settles the reports about it (1 UPDATE)."""
    return (
        Report.objects.open()
        .about(target)
        .update(
            status=ReportStatus.RESOLVED,
            resolved_at=timezone.now(),
            resolved_by=actor,
            note=note[:REASON_MAX_LENGTH],
        )
    )


def _lock_post(post: Post) -> Post:
    """The post row, locked (first, as the lock order says), with fresh state."""
    locked = (
        Post.objects.select_for_update(of=("self",))
        .select_related("community")
        .filter(pk=post.pk)
        .first()
    )
    if locked is None:
        raise ValidationError(_("This post no longer exists."), code="missing")
    return locked


def _refresh(obj, locked, fields: list[str]) -> None:
    for name in fields:
        setattr(obj, name, getattr(locked, name))


# --- reports ------------------------------------------------------------------------------


@transaction.atomic
def report_create(*, reporter: User, target, reason: str, details: str = "") -> Report:
    """A member reports a post, a comment or a member. One OPEN report per
    member per target (a partial unique constraint decides races)."""
    refusal = policies.report_refusal(reporter, target)
    if refusal is not None:
        code, message = refusal
        if code in policies.PERMISSION_REFUSALS:
            raise PermissionDenied(message)
        raise ValidationError(message, code=code)
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Choose a reason from the list.")}, code="reason")
    details = (details or "").strip()
    if len(details) > DETAILS_MAX_LENGTH:
        raise ValidationError(
            {
                "details": _("Keep it under %(limit)d characters (it has %(count)d).")
                % {"limit": DETAILS_MAX_LENGTH, "count": len(details)}
            }
        )
    if reason == ReportReason.OTHER and not details:
        raise ValidationError(
            {"details": _("Say what is wrong: “Something else” needs a few words.")},
            code="details",
        )
    duplicate = _("You already reported this. The moderators will look at it.")
    if Report.objects.open().about(target).filter(reporter=reporter).exists():
        raise ValidationError(duplicate, code="duplicate")
    ratelimit.check("report", user=reporter)
    kind = target_kind(target)
    community = None
    if kind == TargetKind.POST:
        community = target.community
    elif kind == TargetKind.COMMENT:
        community = target.post.community
    report = Report(reporter=reporter, reason=reason, details=details, community=community)
    setattr(report, kind, target)
    report.full_clean(
        exclude=["reporter", "post", "comment", "member", "community"],
        validate_unique=False,
        validate_constraints=False,
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        # The same member's second click won the race to the constraint.
        raise ValidationError(duplicate, code="duplicate") from None
    return report


def _close_reports(*, actor: User, report: Report, status: str, note: str) -> int:
    if not policies.moderates(actor, report.community):
        raise PermissionDenied(_("Only the community's moderators can close its reports."))
    note = clean_reason(note, required=False, field="note")
    locked = Report.objects.select_for_update(of=("self",)).filter(pk=report.pk).first()
    if locked is None:
        raise ValidationError(_("This report no longer exists."), code="missing")
    if locked.status != ReportStatus.OPEN:
        raise ValidationError(_("This report is already closed."), code="closed")
    target = locked.target
    closed = (
        Report.objects.open()
        .about(target)
        .update(status=status, resolved_at=timezone.now(), resolved_by=actor, note=note)
    )
    action = Action.REPORT_RESOLVED if status == ReportStatus.RESOLVED else Action.REPORT_DISMISSED
    _log(actor=actor, action=action, community=locked.community, target=target, reason=note)
    report.status = status
    return closed


@transaction.atomic
def report_resolve(*, actor: User, report: Report, note: str = "") -> int:
    """The reports were right (and the moderator acted on them). Closes every
    open report about the same target: the decision is about the target, not
    about one reporter's copy. Returns how many reports it closed."""
    return _close_reports(actor=actor, report=report, status=ReportStatus.RESOLVED, note=note)


@transaction.atomic
def report_dismiss(*, actor: User, report: Report, note: str = "") -> int:
    """Nothing wrong here: closes every open report about the same target."""
    return _close_reports(actor=actor, report=report, status=ReportStatus.DISMISSED, note=note)


# --- posts ---------------------------------------------------------------------------------


@transaction.atomic
def post_remove(*, actor: User, post: Post, reason: str) -> Post:
    """Remove a post: others see "[removed]", its author sees it with the
    reason, its comments stay. It leaves the pinned posts, and the open
    reports about it are resolved."""
    if not policies.can_remove_post(actor, post):
        raise PermissionDenied(_("Only the community's moderators can remove posts."))
    reason = clean_reason(reason, required=True)
    locked = _lock_post(post)
    if locked.is_deleted:
        raise ValidationError(
            _("Its author deleted this post: there is nothing to remove."), code="deleted"
        )
    if locked.is_removed:
        raise ValidationError(_("This post is already removed."), code="already")
    Post.objects.filter(pk=locked.pk).update(
        is_removed=True, removal_reason=reason, is_pinned=False
    )
    locked.is_removed, locked.removal_reason, locked.is_pinned = True, reason, False
    _close_open_reports(target=locked, actor=actor, note=reason)
    _log(
        actor=actor,
        action=Action.POST_REMOVED,
        community=locked.community,
        target=locked,
        reason=reason,
    )
    content_changed(community_id=locked.community_id)
    _refresh(post, locked, ["is_removed", "removal_reason", "is_pinned"])
    return post


@transaction.atomic
def post_restore(*, actor: User, post: Post, reason: str = "") -> Post:
    """Undo a removal: the post shows again (it stays unpinned)."""
    if not policies.can_restore_post(actor, post):
        raise PermissionDenied(_("Only the community's moderators can restore posts."))
    reason = clean_reason(reason, required=False)
    locked = _lock_post(post)
    if locked.is_deleted:
        raise ValidationError(
            _("Its author deleted this post: it cannot come back."), code="deleted"
        )
    if not locked.is_removed:
        raise ValidationError(_("This post is not removed."), code="not_removed")
    Post.objects.filter(pk=locked.pk).update(is_removed=False, removal_reason="")
    locked.is_removed, locked.removal_reason = False, ""
    _log(
        actor=actor,
        action=Action.POST_RESTORED,
        community=locked.community,
        target=locked,
        reason=reason,
    )
    content_changed(community_id=locked.community_id)
    _refresh(post, locked, ["is_removed", "removal_reason"])
    return post


def _set_post_flag(
    *, actor: User, post: Post, field: str, value: bool, action: str, reason: str
) -> Post:
    locked = _lock_post(post)
    if locked.is_deleted:
        raise ValidationError(_("Its author deleted this post."), code="deleted")
    if getattr(locked, field) == value:
        messages = {
            ("is_locked", True): _("This post is already locked."),
            ("is_locked", False): _("This post is not locked."),
            ("is_pinned", True): _("This post is already pinned."),
            ("is_pinned", False): _("This post is not pinned."),
        }
        raise ValidationError(messages[(field, value)], code="unchanged")
    if field == "is_pinned" and value:
        if locked.is_removed:
            raise ValidationError(
                _("A removed post cannot be pinned: restore it first."), code="removed"
            )
        # The community row serializes pins: two moderators pinning at once
        # cannot both take the last place.
        Community.objects.select_for_update().filter(pk=locked.community_id).first()
        pinned = Post.objects.filter(community_id=locked.community_id, is_pinned=True).count()
        if pinned >= PINNED_MAX:
            raise ValidationError(
                ngettext(
                    "A community can pin at most %(count)d post: unpin it first.",
                    "A community can pin at most %(count)d posts: unpin one first.",
                    PINNED_MAX,
                )
                % {"count": PINNED_MAX},
                code="pin_limit",
            )
    Post.objects.filter(pk=locked.pk).update(**{field: value})
    setattr(locked, field, value)
    _log(actor=actor, action=action, community=locked.community, target=locked, reason=reason)
    content_changed(community_id=locked.community_id)
    setattr(post, field, value)
    return post


@transaction.atomic
def post_lock(*, actor: User, post: Post, reason: str = "") -> Post:
    """No new comments on the post (existing ones stay)."""
    if not policies.can_lock_post(actor, post):
        raise PermissionDenied(_("Only the community's moderators can lock posts."))
    reason = clean_reason(reason, required=False)
    return _set_post_flag(
        actor=actor,
        post=post,
        field="is_locked",
        value=True,
        action=Action.POST_LOCKED,
        reason=reason,
    )


@transaction.atomic
def post_unlock(*, actor: User, post: Post, reason: str = "") -> Post:
    if not policies.can_lock_post(actor, post):
        raise PermissionDenied(_("Only the community's moderators can unlock posts."))
    reason = clean_reason(reason, required=False)
    return _set_post_flag(
        actor=actor,
        post=post,
        field="is_locked",
        value=False,
        action=Action.POST_UNLOCKED,
        reason=reason,
    )


@transaction.atomic
def post_pin(*, actor: User, post: Post, reason: str = "") -> Post:
    """Pin to the top of the community's feed (at most PINNED_MAX, the
    number the feed shows)."""
    if not policies.can_pin_post(actor, post):
        raise PermissionDenied(_("Only the community's moderators can pin posts."))
    reason = clean_reason(reason, required=False)
    return _set_post_flag(
        actor=actor,
        post=post,
        field="is_pinned",
        value=True,
        action=Action.POST_PINNED,
        reason=reason,
    )


@transaction.atomic
def post_unpin(*, actor: User, post: Post, reason: str = "") -> Post:
    if not policies.can_pin_post(actor, post):
        raise PermissionDenied(_("Only the community's moderators can unpin posts."))
    reason = clean_reason(reason, required=False)
    return _set_post_flag(
        actor=actor,
        post=post,
        field="is_pinned",
        value=False,
        action=Action.POST_UNPINNED,
        reason=reason,
    )


# --- comments -------------------------------------------------------------------------------


def _lock_comment(comment: Comment) -> dict:
    """Lock the post row, then the comment row (the lock order), and read the
    comment's state fresh under the lock."""
    Post.objects.select_for_update(of=("self",)).filter(pk=comment.post_id).first()
    state = (
        Comment.objects.select_for_update(of=("self",))
        .filter(pk=comment.pk)
        .values("is_deleted", "is_removed")
        .first()
    )
    if state is None:
        raise ValidationError(_("This comment no longer exists."), code="missing")
    return state


@transaction.atomic
def comment_remove(*, actor: User, comment: Comment, reason: str) -> Comment:
    """Remove a comment: others see "[removed by moderators]", its author
    still sees the text, its replies stay. The post's comment_count (comments
    neither deleted nor removed) goes down by one."""
    if not policies.can_remove_comment(actor, comment):
        raise PermissionDenied(_("Only the community's moderators can remove comments."))
    reason = clean_reason(reason, required=True)
    state = _lock_comment(comment)
    if state["is_deleted"]:
        raise ValidationError(
            _("Its author deleted this comment: there is nothing to remove."), code="deleted"
        )
    if state["is_removed"]:
        raise ValidationError(_("This comment is already removed."), code="already")
    Comment.objects.filter(pk=comment.pk).update(is_removed=True, removal_reason=reason)
    Post.objects.filter(pk=comment.post_id).update(comment_count=F("comment_count") - 1)
    comment.is_removed, comment.removal_reason = True, reason
    _close_open_reports(target=comment, actor=actor, note=reason)
    community = comment.post.community
    _log(
        actor=actor,
        action=Action.COMMENT_REMOVED,
        community=community,
        target=comment,
        reason=reason,
    )
    content_changed(community_id=community.pk)
    return comment


@transaction.atomic
def comment_restore(*, actor: User, comment: Comment, reason: str = "") -> Comment:
    """Undo a removal; the post's comment_count goes back up by one."""
    if not policies.can_restore_comment(actor, comment):
        raise PermissionDenied(_("Only the community's moderators can restore comments."))
    reason = clean_reason(reason, required=False)
    state = _lock_comment(comment)
    if state["is_deleted"]:
        raise ValidationError(
            _("Its author deleted this comment: it cannot come back."), code="deleted"
        )
    if not state["is_removed"]:
        raise ValidationError(_("This comment is not removed."), code="not_removed")
    Comment.objects.filter(pk=comment.pk).update(is_removed=False, removal_reason="")
    Post.objects.filter(pk=comment.post_id).update(comment_count=F("comment_count") + 1)
    comment.is_removed, comment.removal_reason = False, ""
    community = comment.post.community
    _log(
        actor=actor,
        action=Action.COMMENT_RESTORED,
        community=community,
        target=comment,
        reason=reason,
    )
    content_changed(community_id=community.pk)
    return comment


# --- bans ------------------------------------------------------------------------------------


@transaction.atomic
def member_ban(
    *,
    actor: User,
    community: Community,
    member: User,
    reason: str = "",
    expires_at: datetime | None = None,
) -> Ban:
    """Ban a member from a community (until `expires_at`, or for good), with
    apps.communities.services.ban_create, and log it. Never the owner,
    never oneself, never until a time already past; a moderator only by the
    owner or staff."""
    if not policies.can_ban(actor, community):
        raise PermissionDenied(_("Only the community's moderators can ban members."))
    if community.owner_id == member.pk:
        raise ValidationError(
            {"member": _("The owner of a community cannot be banned from it.")}, code="ban_owner"
        )
    if actor.pk == member.pk:
        raise ValidationError({"member": _("You cannot ban yourself.")}, code="ban_self")
    _future(expires_at)
    reason = clean_reason(reason, required=False)
    try:
        ban = community_services.ban_create(
            actor=actor, community=community, user=member, reason=reason, expires_at=expires_at
        )
    except ValidationError as error:
        # Its field is "user"; ours (and our forms') is "member".
        if hasattr(error, "error_dict") and "user" in error.error_dict:
            raise ValidationError({"member": error.error_dict["user"]}) from None
        raise
    _log(
        actor=actor,
        action=Action.MEMBER_BANNED,
        community=community,
        target=member,
        reason=reason,
        expires_at=expires_at,
    )
    return ban


@transaction.atomic
def member_unban(*, actor: User, community: Community, member: User, reason: str = "") -> None:
    """Lift a ban (apps.communities.services.ban_delete) and log it."""
    if not policies.can_ban(actor, community):
        raise PermissionDenied(_("Only the community's moderators can lift bans."))
    reason = clean_reason(reason, required=False)
    if not community_services.ban_delete(actor=actor, community=community, user=member):
        raise ValidationError(_("This member is not banned here."), code="not_banned")
    _log(
        actor=actor,
        action=Action.MEMBER_UNBANNED,
        community=community,
        target=member,
        reason=reason,
    )


# --- site-wide suspensions ------------------------------------------------------------------


@transaction.atomic
def member_suspend(
    *, actor: User, member: User, reason: str, expires_at: datetime | None = None
) -> Suspension:
    """Suspend a member site-wide: their account becomes inactive, so Django's
    authentication refuses them from their very next request (the session
    backend loads no inactive user) and at login; their sessions are also
    deleted once the transaction commits. Staff moderators only; staff and
    superuser accounts only by a superuser."""
    if not policies.can_suspend(actor):
        raise PermissionDenied(_("Only staff moderators can suspend members."))
    if member.pk == actor.pk:
        raise ValidationError({"member": _("You cannot suspend yourself.")}, code="self")
    if not policies.can_suspend(actor, member):
        raise PermissionDenied(_("Only a superuser can suspend a staff account."))
    reason = clean_reason(reason, required=True)
    _future(expires_at)
    User.objects.select_for_update().filter(pk=member.pk).first()
    if Suspension.objects.active().filter(member=member).exists():
        raise ValidationError(_("This member is already suspended."), code="already")
    suspension = Suspension(member=member, suspended_by=actor, reason=reason, expires_at=expires_at)
    suspension.save()
    User.objects.filter(pk=member.pk).update(is_active=False)
    member.is_active = False
    _log(
        actor=actor,
        action=Action.MEMBER_SUSPENDED,
        community=None,
        target=member,
        reason=reason,
        expires_at=expires_at,
        as_staff=True,
    )
    transaction.on_commit(lambda: end_member_sessions.enqueue(user_id=member.pk))
    return suspension


def _lift(*, actor: User | None, member: User, reason: str) -> Suspension:
    User.objects.select_for_update().filter(pk=member.pk).first()
    suspension = Suspension.objects.select_for_update().active().filter(member=member).first()
    if suspension is None:
        raise ValidationError(_("This member is not suspended."), code="not_suspended")
    suspension.lifted_at = timezone.now()
    suspension.lifted_by = actor
    suspension.save(update_fields=["lifted_at", "lifted_by"])
    User.objects.filter(pk=member.pk).update(is_active=True)
    member.is_active = True
    _log(
        actor=actor,
        action=Action.MEMBER_UNSUSPENDED,
        community=None,
        target=member,
        reason=reason,
        as_staff=True,
    )
    return suspension


@transaction.atomic
def member_unsuspend(*, actor: User, member: User, reason: str = "") -> Suspension:
    """Lift a suspension: the account is active again (they log in anew)."""
    if not policies.can_suspend(actor, member):
        raise PermissionDenied(_("Only staff moderators can lift suspensions."))
    return _lift(actor=actor, member=member, reason=clean_reason(reason, required=False))


def suspensions_lift_expired(*, now: datetime | None = None) -> int:
    """Lift every suspension whose end has passed (the log shows no actor).
    Run by `manage.py lift_expired_suspensions` (cron, or the task worker's
    schedule). Returns how many it lifted."""
    now = now or timezone.now()
    lifted = 0
    expired = Suspension.objects.active().filter(expires_at__lte=now).select_related("member")
    for suspension in expired:
        with transaction.atomic():
            try:
                _lift(actor=None, member=suspension.member, reason=_("The suspension ended."))
            except ValidationError:
                continue  # lifted meanwhile
        lifted += 1
    return lifted


# --- moderators and ownership ----------------------------------------------------------------


@transaction.atomic
def moderator_appoint(*, actor: User, community: Community, member: User) -> Membership:
    """The owner makes a member a moderator (apps.communities.services), logged."""
    if not policies.can_manage_moderators(actor, community):
        raise PermissionDenied(_("Only the owner can appoint moderators."))
    if Membership.objects.filter(community=community, user=member, is_moderator=True).exists():
        raise ValidationError(
            {"member": _("%(name)s is already a moderator.") % {"name": member.username}},
            code="already",
        )
    membership = community_services.moderator_appoint(actor=actor, community=community, user=member)
    _log(actor=actor, action=Action.MODERATOR_APPOINTED, community=community, target=member)
    return membership


@transaction.atomic
def moderator_remove(*, actor: User, community: Community, member: User, reason: str = "") -> None:
    """The owner takes a moderator's role away (not their membership), logged."""
    if not policies.can_manage_moderators(actor, community):
        raise PermissionDenied(_("Only the owner can remove moderators."))
    reason = clean_reason(reason, required=False)
    if not community_services.moderator_remove(actor=actor, community=community, user=member):
        raise ValidationError(
            {"member": _("%(name)s is not a moderator here.") % {"name": member.username}},
            code="not_moderator",
        )
    _log(
        actor=actor,
        action=Action.MODERATOR_REMOVED,
        community=community,
        target=member,
        reason=reason,
    )


@transaction.atomic
def ownership_transfer(*, actor: User, community: Community, new_owner: User) -> Community:
    """The owner hands the community to another member, who becomes its owner
    (and a moderator); the old owner stays a moderator."""
    if not policies.can_transfer_ownership(actor, community):
        raise PermissionDenied(_("Only the owner can hand the community over."))
    if new_owner.pk == community.owner_id:
        raise ValidationError({"member": _("They already own this community.")}, code="same")
    if not new_owner.is_active:
        raise ValidationError({"member": _("This account is not active.")}, code="inactive")
    locked = Community.objects.select_for_update().get(pk=community.pk)
    if locked.owner_id != actor.pk:
        raise PermissionDenied(_("Only the owner can hand the community over."))
    membership = (
        Membership.objects.select_for_update().filter(community=locked, user=new_owner).first()
    )
    if membership is None:
        raise ValidationError(
            {"member": _("Only a member of the community can become its owner.")},
            code="not_member",
        )
    if community_policies.is_banned(new_owner, locked):
        raise ValidationError(
            {"member": _("A banned member cannot become the owner.")}, code="banned"
        )
    Community.objects.filter(pk=locked.pk).update(owner=new_owner)
    Membership.objects.filter(pk=membership.pk).update(is_moderator=True, is_approved=True)
    Membership.objects.filter(community=locked, user=actor).update(is_moderator=True)
    community.owner = new_owner
    _log(
        actor=actor,
        action=Action.OWNERSHIP_TRANSFERRED,
        community=community,
        target=new_owner,
        as_staff=False,
    )
    return community
