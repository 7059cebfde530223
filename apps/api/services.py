"""Writes for personal access tokens. Keyword-only, atomic, validated."""

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User

from . import policies
from .models import PREFIX_LENGTH, AccessToken, Scope
from .selectors import TOKEN_PREFIX, hash_token

# Active tokens a member may hold at once: enough for every script, few
# enough that a leaked session cannot mint thousands.
MAX_ACTIVE_TOKENS = 20
# last_used is a hint for the member, not an audit log: write it at most
# this often, so a busy script does not turn every request into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _new_raw_token() -> tuple[str, str]:
    """(raw token, its prefix): qrm_<8 hex>_<43 url-safe characters>, 256
    random bits of secret after the prefix."""
    prefix = TOKEN_PREFIX + secrets.token_hex((PREFIX_LENGTH - len(TOKEN_PREFIX)) // 2)
    return f"{prefix}_{secrets.token_urlsafe(32)}", prefix


def _clean_scopes(scopes: Iterable[str]) -> str:
    chosen = sorted(set(scopes))
    if not chosen or any(scope not in Scope.values for scope in chosen):
        raise ValidationError(
            {"scopes": _("Choose read, or read and write.")}, code="invalid_scope"
        )
    return " ".join(chosen)


@transaction.atomic
def token_create(
    *,
    user: User,
    name: str,
    scopes: Iterable[str] = (Scope.READ,),
    expires: datetime | None = None,
) -> tuple[AccessToken, str]:
    """Make a token for `user`. Returns the row and the raw token, which is
    never stored and so can only be shown now."""
    if not policies.can_manage_tokens(user):
        raise PermissionDenied(_("Log in to create access tokens."))
    if expires is not None and expires <= timezone.now():
        raise ValidationError(
            {"expires": _("The expiry date must be in the future.")}, code="expired"
        )
    if AccessToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            # Translators: API tokens; %(count)s is the most active tokens a member may have (a
            # number).
            _("You have %(count)s active tokens, the most allowed. Revoke one first.")
            % {"count": MAX_ACTIVE_TOKENS},
            code="token_limit",
        )
    token = AccessToken(
        user=user, name=(name or "").strip(), scopes=_clean_scopes(scopes), expires=expires
    )
    for _attempt in range(3):
        raw, token.prefix = _new_raw_token()
        token.token_hash = hash_token(raw)
        token.full_clean(exclude=["user", "prefix"])
        try:
            with transaction.atomic():
                token.save()
        except IntegrityError:
            # Two tokens drew the same 32-bit prefix: draw again.
            token.pk = None
            continue
        return token, raw
    raise RuntimeError("could not draw a unique token prefix")


@transaction.atomic
def token_revoke(*, actor: User, token: AccessToken) -> AccessToken:
    """Revoke a token at once; revoking twice changes nothing."""
    if not policies.can_revoke_token(actor, token):
        raise PermissionDenied(_("You can only revoke your own tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        AccessToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=token.revoked_at
        )
    return token


def token_touch(*, token: AccessToken) -> None:
    """Record that the token was used (at most one UPDATE a minute per token;
    none at all in between)."""
    now = timezone.now()
    if token.last_used is not None and now - token.last_used < LAST_USED_RESOLUTION:
        return
    AccessToken.objects.filter(pk=token.pk).update(last_used=now)
    token.last_used = now
