"""Writes of the registration: applications (created at signup in the
approval mode, decided by staff) and invites (made by members, used at
signup). Keyword-only, atomic; refusals come from policies.py."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.refusals import raise_refusal

from . import emails, modes, policies
from .models import Application, ApplicationStatus, Invite, InviteUse


def _raise(refusal: policies.Refusal, field: str | None = None) -> None:
    raise_refusal(refusal, input_codes=policies.INPUT_REFUSALS, field=field)


# --- applications ---------------------------------------------------------------------


def clean_answer(answer: str) -> str:
    """The applicant's answer, stripped; refused when empty or too long."""
    answer = (answer or "").strip()
    limit = modes.answer_max_length()
    if not answer:
        raise ValidationError(
            {"answer": _("Please answer the question: staff read it to decide.")},
            code="required",
        )
    if len(answer) > limit:
        raise ValidationError(
            {
                # Translators: Signup application; %(limit)s is the longest allowed answer,
                # %(length)s the length of the member's answer.
                "answer": _("Keep your answer to %(limit)s characters at most (it has %(length)s).")
                % {"limit": limit, "length": len(answer)}
            },
            code="too_long",
        )
    return answer


@transaction.atomic
def application_create(*, user: User, answer: str, question: str) -> Application:
    """File the application of a new account and make the account inactive:
    it cannot sign in until staff approve it."""
    answer = clean_answer(answer)
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    return Application.objects.create(user=user, question=question[:500], answer=answer)


@transaction.atomic
def _decide(*, actor: User, application: Application, status: str) -> Application:
    locked = Application.objects.select_for_update().select_related("user").get(pk=application.pk)
    refusal = policies.application_decision_refusal(actor, locked)
    if refusal:
        _raise(refusal)
    locked.status = status
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    User.objects.filter(pk=locked.user_id).update(is_active=status == ApplicationStatus.APPROVED)
    locked.user.is_active = status == ApplicationStatus.APPROVED
    application_pk = locked.pk
    transaction.on_commit(lambda: emails.send_decision(application_pk))
    return locked


def application_approve(*, actor: User, application: Application) -> Application:
    """Let the applicant in: the account becomes active and they are emailed."""
    return _decide(actor=actor, application=application, status=ApplicationStatus.APPROVED)


def application_refuse(*, actor: User, application: Application) -> Application:
    """Turn the applicant down: the account stays inactive (its username and
    address stay taken) and they are emailed."""
    return _decide(actor=actor, application=application, status=ApplicationStatus.REFUSED)


# --- invites ----------------------------------------------------------------------------


def invite_max_uses() -> int:
    return int(getattr(settings, "QUORUM_INVITE_MAX_USES", 10))


def invite_max_days() -> int:
    return int(getattr(settings, "QUORUM_INVITE_MAX_DAYS", 30))


@transaction.atomic
def invite_create(*, inviter: User, max_uses: int = 1, days: int = 7) -> Invite:
    """A new invite link of `inviter`, usable `max_uses` times for `days` days."""
    errors = {}
    if not 1 <= max_uses <= invite_max_uses():
        # Translators: Invite links; %(max)s is the most times one link may be used.
        errors["max_uses"] = _("Choose between 1 and %(max)s uses.") % {"max": invite_max_uses()}
    if not 1 <= days <= invite_max_days():
        # Translators: Invite links; %(max)s is the longest a link may stay valid, in days.
        errors["days"] = _("Choose between 1 and %(max)s days.") % {"max": invite_max_days()}
    if errors:
        raise ValidationError(errors, code="invalid")
    # Lock the inviter's row: two concurrent creations cannot both pass the cap.
    User.objects.select_for_update().filter(pk=inviter.pk).first()
    refusal = policies.invite_create_refusal(inviter)
    if refusal:
        _raise(refusal)
    return Invite.objects.create(
        token=secrets.token_urlsafe(24),
        inviter=inviter,
        max_uses=max_uses,
        expires_at=timezone.now() + timedelta(days=days),
    )


@transaction.atomic
def invite_revoke(*, actor: User, invite: Invite) -> Invite:
    locked = Invite.objects.select_for_update().get(pk=invite.pk)
    refusal = policies.invite_revoke_refusal(actor, locked)
    if refusal:
        code, message = refusal
        if code == "revoked":
            raise ValidationError(message, code=code)
        raise PermissionDenied(message)
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    return locked


def invite_by_token(token: str) -> Invite | None:
    token = (token or "").strip()
    if not token or len(token) > 64:
        return None
    return Invite.objects.select_related("inviter").filter(token=token).first()


@transaction.atomic
def invite_redeem(*, token: str, user: User) -> InviteUse:
    """Use one of the invite's uses for the new account `user`. The row is
    locked, so the last use cannot be taken twice."""
    token = (token or "").strip()
    invite = (
        Invite.objects.select_for_update().filter(token=token).first()
        if token and len(token) <= 64
        else None
    )
    refusal = policies.invite_refusal(invite)
    if refusal or invite is None:
        _raise(refusal or ("unknown", ""), field="invite")
        raise AssertionError("unreachable")
    Invite.objects.filter(pk=invite.pk).update(use_count=F("use_count") + 1)
    return InviteUse.objects.create(invite=invite, user=user)
