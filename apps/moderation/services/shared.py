"""Pieces every moderation service shares: reasons, refusals, the log line
(and its event), the post row lock."""

from datetime import datetime
from typing import NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.communities.models import Community
from apps.core.events import send_after_commit
from apps.posts.models import Post

from .. import policies
from ..events import SIGNAL_OF_ACTION
from ..models import (
    REASON_MAX_LENGTH,
    ModerationAction,
    Report,
    ReportStatus,
    TargetKind,
    target_kind,
)


def clean_reason(reason: str, *, required: bool, field: str = "reason") -> str:
    """A moderator's reason or note on one line: trimmed, at most 500 characters."""
    reason = " ".join((reason or "").split())
    if required and not reason:
        raise ValidationError({field: _("Give a reason: the author and the log will show it.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                # Translators: %(limit)d is the longest allowed length of a reason or note,
                # %(count)d its current length.
                field: _("Keep it under %(limit)d characters (it has %(count)d).")
                % {"limit": REASON_MAX_LENGTH, "count": len(reason)}
            }
        )
    return reason


def future(expires_at: datetime | None, field: str = "expires_at") -> datetime | None:
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({field: _("The end must be in the future.")}, code="in_the_past")
    return expires_at


def refuse(
    refusal: policies.Refusal | None, *, permission_codes: frozenset, field: str | None = None
) -> None:
    """Raise a policy's refusal: PermissionDenied when it is about who asks
    (`permission_codes`), else ValidationError (on `field` if given)."""
    if refusal is None:
        return
    code, message = refusal
    if code in permission_codes:
        raise PermissionDenied(message)
    raise ValidationError({field: message} if field else message, code=code)


def missing(what: str) -> NoReturn:
    messages = {
        "post": _("This post no longer exists."),
        "comment": _("This comment no longer exists."),
        "report": _("This report no longer exists."),
    }
    raise ValidationError(messages[what], code="missing")


def target_label(target) -> str:
    """What the log remembers a target by (title, excerpt or username)."""
    if target is None:
        return ""
    kind = target_kind(target)
    if kind == TargetKind.POST:
        return Truncator(target.title).chars(300)
    if kind == TargetKind.COMMENT:
        return Truncator(target.body_text).chars(120)
    if kind == TargetKind.MESSAGE:
        # Never the text: a private message stays between its two members
        # and the report that shows it to staff.
        # Translators: Label of a reported private message; %(id)s is its number.
        return _("private message %(id)s") % {"id": target.pk}
    return target.username


def affected_member(target) -> User | None:
    """Whom an action is about: the author of a post or comment, or the member."""
    if target is None:
        return None
    kind = target_kind(target)
    if kind == TargetKind.MEMBER:
        return target
    if kind == TargetKind.MESSAGE:
        return target.sender
    return target.author


def log_action(
    *,
    actor: User | None,
    action: str,
    community: Community | None,
    target=None,
    reason: str = "",
    expires_at: datetime | None = None,
    as_staff: bool | None = None,
    **event,
) -> ModerationAction:
    """One line of the moderation log (1 insert, + 1 query to know whether
    the actor acted as one of the community's moderators, + 1 for the author
    of a post or comment not loaded yet), and its event once the transaction
    commits (apps.moderation.events documents the keywords; `event` adds
    the ones of a particular signal)."""
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
    if target is not None and target_kind(target) != TargetKind.MESSAGE:
        # The log has no message column: a decision on a reported message
        # is private (PRIVATE_ACTIONS) and names it in target_label only.
        setattr(entry, target_kind(target), target)
    entry.save()
    send_after_commit(
        SIGNAL_OF_ACTION[action],
        ModerationAction,
        action=entry,
        kind=action,
        community_id=community.pk if community is not None else None,
        actor=actor,
        target=target,
        target_user=affected_member(target),
        reason=reason,
        **event,
    )
    return entry


def close_open_reports(*, target, actor: User | None, note: str) -> int:
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


def lock_post(post: Post) -> Post:
    """The post row, locked (first, as the lock order says), with fresh
    state, its community and its author."""
    locked = (
        Post.objects.select_for_update(of=("self",))
        .select_related("community", "author")
        .filter(pk=post.pk)
        .first()
    )
    if locked is None:
        missing("post")
    return locked
