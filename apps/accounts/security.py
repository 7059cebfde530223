"""Second factors and signed-in sessions: the rules Quorum adds to
allauth.mfa and allauth.usersessions.

- `has_second_factor`: an authenticator app or a security key / passkey
  (recovery codes alone are not a factor, they only stand in for one).
- `staff_must_enrol`: QUORUM_STAFF_REQUIRE_MFA makes a second factor mandatory
  for staff; the middleware sends them to enrolment, the MFA adapter refuses to
  remove their last factor.
- Sessions: `record_session` keeps each session's device, IP and last visit
  (at most every QUORUM_SESSION_SEEN_SECONDS); a password change ends every
  other session of the member, a password reset ends them all.
"""

from __future__ import annotations

import time

from allauth.mfa.models import Authenticator
from allauth.usersessions.adapter import get_adapter as get_usersessions_adapter
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

# The session key holding when the session's visit was last recorded (epoch seconds).
SESSION_SEEN_KEY = "_quorum_seen"

SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_second_factor(user: AbstractBaseUser) -> bool:
    """Whether the member has an authenticator app or a security key. One query."""
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTOR_TYPES).exists()


def is_staff_account(user) -> bool:
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser))


def staff_must_enrol(user) -> bool:
    """A staff account without a second factor while the site requires one."""
    return (
        settings.QUORUM_STAFF_REQUIRE_MFA and is_staff_account(user) and not has_second_factor(user)
    )


# --- Sessions -------------------------------------------------------------------


def record_session(request: HttpRequest) -> None:
    """Create or refresh the UserSession of this request's session (device,
    IP, last visit) and remember when, so the next visits within
    QUORUM_SESSION_SEEN_SECONDS write nothing."""
    try:
        UserSession.objects.create_from_request(request)
    except PermissionDenied:
        return  # no client address to record (allauth refuses to guess one)
    request.session[SESSION_SEEN_KEY] = int(time.time())


def session_visit_due(request: HttpRequest) -> bool:
    seen = request.session.get(SESSION_SEEN_KEY)
    if not isinstance(seen, int):
        return True
    return time.time() - seen >= settings.QUORUM_SESSION_SEEN_SECONDS


def end_other_sessions(*, user: AbstractBaseUser, keep_session_key: str | None) -> int:
    """End every signed-in session of `user` but the one keyed `keep_session_key`
    (the session store entry and its UserSession row). Returns how many ended."""
    sessions = list(
        UserSession.objects.filter(user_id=user.pk).exclude(session_key=keep_session_key or "")
    )
    get_usersessions_adapter().end_sessions(sessions)
    return len(sessions)


# --- Signal receivers (connected in AccountsConfig.ready) ------------------------------


def on_login(sender, request, user, **kwargs) -> None:
    """django.contrib.auth's user_logged_in: the login itself records the
    session (allauth's login through allauth.usersessions, other doors here),
    so the first page after it writes nothing more."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_SEEN_KEY] = int(time.time())


def on_logout(sender, request, user, **kwargs) -> None:
    """django.contrib.auth's user_logged_out: the session is over, forget its row."""
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        UserSession.objects.filter(session_key=session.session_key).delete()


def on_password_changed(sender, request, user, **kwargs) -> None:
    """allauth's password_changed and password_set: the session that changed
    it stays signed in, every other one ends."""
    end_other_sessions(user=user, keep_session_key=request.session.session_key)


def on_password_reset(sender, request, user, **kwargs) -> None:
    """allauth's password_reset: whoever had the old password is signed out everywhere."""
    current = request.session.session_key if request.user == user else None
    end_other_sessions(user=user, keep_session_key=current)
