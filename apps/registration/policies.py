"""Who may decide applications, make invites and see the invite tree; whether
an invite can still be used. Rules that can refuse return their reason,
`(code, translated sentence) | None`, in the shape of
apps.moderation.policies.report_refusal: the services raise it, views show it.

Roles: deciding applications needs an active staff account with the
permission "registration.decide_application" (superusers have it); the
invite tree needs "registration.view_invite". Invites are made by active
members whose karma reaches QUORUM_INVITE_MIN_KARMA (staff: always), while
the site is in the invite mode, with at most QUORUM_INVITES_ACTIVE_MAX
usable links at a time.
"""

from datetime import datetime

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.types import Actor
from apps.profiles.models import Profile

from . import modes
from .models import Application, ApplicationStatus, Invite, Mode

Refusal = tuple[str, str]

DECIDE_APPLICATION = "registration.decide_application"
VIEW_INVITE_TREE = "registration.view_invite"

# Refusals about the target's state rather than about who acts: services
# raise them as ValidationError; every other code is a PermissionDenied.
INPUT_REFUSALS = frozenset({"decided", "unknown", "revoked", "expired", "used_up"})


def _active(user: Actor) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _staff_with(user: Actor, permission: str) -> bool:
    return _active(user) and bool(user.is_staff) and user.has_perm(permission)


def can_decide_applications(user: Actor) -> bool:
    return _staff_with(user, DECIDE_APPLICATION)


def can_view_invite_tree(user: Actor) -> bool:
    return _staff_with(user, VIEW_INVITE_TREE)


def application_decision_refusal(user: Actor, application: Application) -> Refusal | None:
    if not can_decide_applications(user):
        return (
            "not_allowed",
            _("Only staff members allowed to decide applications can do that."),
        )
    if application.status != ApplicationStatus.PENDING:
        return ("decided", _("This application has already been decided."))
    return None


def invite_min_karma() -> int:
    return int(getattr(settings, "QUORUM_INVITE_MIN_KARMA", 50))


def invites_active_max() -> int:
    return int(getattr(settings, "QUORUM_INVITES_ACTIVE_MAX", 10))


def usable_invites(user: Actor):
    """The member's invites that can still be used (not revoked, not
    expired, not used up)."""
    return Invite.objects.filter(
        inviter_id=user.pk,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
        use_count__lt=F("max_uses"),
    )


def invite_create_refusal(user: Actor, *, karma: int | None = None) -> Refusal | None:
    """Why `user` may not make an invite link now, or None. Up to 3
    queries: the mode, the member's karma (unless passed) and their usable
    invites."""
    if not _active(user):
        return ("inactive", _("Sign in with an active account to invite people."))
    if modes.current().mode != Mode.INVITE:
        return (
            "not_invite_mode",
            _("This site does not use invites: people can join without one."),
        )
    if not user.is_staff:
        if karma is None:
            profile = Profile.objects.filter(user_id=int(user.pk or 0)).first()
            karma = profile.karma if profile else 0
        needed = invite_min_karma()
        if karma < needed:
            return (
                "karma",
                # Translators: %(needed)s is the karma needed to invite, %(karma)s the member's
                # karma (numbers).
                _("You can invite people once your karma reaches %(needed)s (it is %(karma)s).")
                % {"needed": needed, "karma": karma},
            )
    if usable_invites(user).count() >= invites_active_max():
        return (
            "too_many",
            _(
                # Translators: %(count)s is the most unused invite links a member may have.
                "You already have %(count)s invite links that can still be used: "
                "withdraw one before making another."
            )
            % {"count": invites_active_max()},
        )
    return None


def can_create_invite(user: Actor) -> bool:
    return invite_create_refusal(user) is None


def invite_refusal(invite: Invite | None, *, now: datetime | None = None) -> Refusal | None:
    """Why this invite cannot be used to join, or None."""
    now = now or timezone.now()
    if invite is None:
        return (
            "unknown",
            _("This invite link is not valid. Check that you copied all of it."),
        )
    if invite.revoked_at is not None:
        return ("revoked", _("This invite link was withdrawn by the member who made it."))
    if invite.expires_at <= now:
        return (
            "expired",
            _("This invite link has expired. Ask the member who invited you for a new one."),
        )
    if invite.use_count >= invite.max_uses:
        return (
            "used_up",
            _("This invite link has been used as many times as it allows. Ask for a new one."),
        )
    return None


def invite_revoke_refusal(user: Actor, invite: Invite) -> Refusal | None:
    if not _active(user) or (invite.inviter_id != user.pk and not user.is_staff):
        return ("not_yours", _("Only the member who made this invite link can withdraw it."))
    if invite.revoked_at is not None:
        return ("revoked", _("This invite link was already withdrawn."))
    return None
