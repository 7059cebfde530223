"""Site-wide suspensions: the account becomes inactive until the
suspension is lifted or runs out."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User

from .. import policies
from ..models import Action, Suspension
from ..tasks import end_member_sessions
from .shared import clean_reason, future, log_action, refuse


@transaction.atomic
def member_suspend(
    *, actor: User, member: User, reason: str, expires_at: datetime | None = None
) -> Suspension:
    """Suspend a member site-wide: their account becomes inactive, so Django's
    authentication refuses them from their very next request (the session
    backend loads no inactive user) and at login; their sessions are also
    deleted once the transaction commits. policies.suspend_refusal says who
    may suspend whom."""
    # The member's row first: two staff suspending at once are serialized,
    # and the second one sees the first's suspension.
    User.objects.select_for_update().filter(pk=member.pk).first()
    refuse(
        policies.suspend_refusal(actor, member),
        permission_codes=policies.MEMBER_PERMISSION_REFUSALS,
        field="member",
    )
    reason = clean_reason(reason, required=True)
    future(expires_at)
    suspension = Suspension(member=member, suspended_by=actor, reason=reason, expires_at=expires_at)
    suspension.save()
    User.objects.filter(pk=member.pk).update(is_active=False)
    member.is_active = False
    log_action(
        actor=actor,
        action=Action.MEMBER_SUSPENDED,
        community=None,
        target=member,
        reason=reason,
        expires_at=expires_at,
        as_staff=True,
        suspension=suspension,
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
    log_action(
        actor=actor,
        action=Action.MEMBER_UNSUSPENDED,
        community=None,
        target=member,
        reason=reason,
        as_staff=True,
        suspension=suspension,
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
