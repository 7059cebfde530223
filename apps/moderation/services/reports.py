"""Reports: members report posts, comments and members; moderators resolve
or dismiss every open report about a target at once."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core import ratelimit

from .. import policies
from ..models import (
    DETAILS_MAX_LENGTH,
    Action,
    Report,
    ReportReason,
    ReportStatus,
    TargetKind,
    target_kind,
)
from .shared import clean_reason, log_action, missing, refuse


def _clean_details(reason: str, details: str) -> str:
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Choose a reason from the list.")}, code="reason")
    details = (details or "").strip()
    if len(details) > DETAILS_MAX_LENGTH:
        raise ValidationError(
            {
                # Translators: %(limit)d is the longest allowed length of a reason or note,
                # %(count)d its current length.
                "details": _("Keep it under %(limit)d characters (it has %(count)d).")
                % {"limit": DETAILS_MAX_LENGTH, "count": len(details)}
            }
        )
    if reason == ReportReason.OTHER and not details:
        raise ValidationError(
            {"details": _("Say what is wrong: “Something else” needs a few words.")},
            code="details",
        )
    return details


@transaction.atomic
def report_create(
    *, reporter: User, target, reason: str, details: str = "", client_ip: str | None = None
) -> Report:
    """A member reports a post, a comment or a member (policies.report_refusal
    decides who may, and that it is their only open report about it; a
    partial unique constraint decides races). Rate-limited per member and,
    with `client_ip`, per client address."""
    refuse(
        policies.report_refusal(reporter, target),
        permission_codes=policies.PERMISSION_REFUSALS,
    )
    details = _clean_details(reason, details)
    ratelimit.check("report", user=reporter, client_ip=client_ip)
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
        raise ValidationError(policies.duplicate_report_message(), code="duplicate") from None
    return report


def _close_reports(*, actor: User, report: Report, status: str, note: str) -> int:
    if not policies.moderates(actor, report.community):
        raise PermissionDenied(_("Only the community's moderators can close its reports."))
    note = clean_reason(note, required=False, field="note")
    locked = (
        Report.objects.select_for_update(of=("self",))
        .select_related("community", "post__community", "post__author", "comment__post__community")
        .select_related("comment__author", "member", "message__sender")
        .filter(pk=report.pk)
        .first()
    )
    if locked is None:
        missing("report")
    if locked.status != ReportStatus.OPEN:
        raise ValidationError(_("This report is already closed."), code="closed")
    target = locked.target
    still_open = Report.objects.open().about(target)
    reporters = list(User.objects.filter(pk__in=still_open.values("reporter_id")))
    closed = still_open.update(
        status=status, resolved_at=timezone.now(), resolved_by=actor, note=note
    )
    action = Action.REPORT_RESOLVED if status == ReportStatus.RESOLVED else Action.REPORT_DISMISSED
    log_action(
        actor=actor,
        action=action,
        community=locked.community,
        target=target,
        reason=note,
        decision=status,
        report=locked,
        reporters=reporters,
        note=note,
    )
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
