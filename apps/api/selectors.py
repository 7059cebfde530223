"""Reads for tokens."""

import hashlib
import hmac

from django.db.models import QuerySet

from apps.accounts.models import User

from .models import PREFIX_LENGTH, AccessToken

TOKEN_PREFIX = "qrm_"  # noqa: S105 - a marker that makes leaked tokens easy to spot


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_by_raw(raw: str) -> AccessToken | None:
    """The token row `raw` belongs to, with its member and profile (1 query),
    or None. The row is found by its public prefix; the secret is checked by
    comparing hashes in constant time. Revoked and expired tokens are
    returned too: the caller says why they are refused."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200 or len(raw) <= PREFIX_LENGTH:
        return None
    token = (
        AccessToken.objects.select_related("user__profile")
        .filter(prefix=raw[:PREFIX_LENGTH])
        .first()
    )
    if token is None or not hmac.compare_digest(token.token_hash, hash_token(raw)):
        return None
    return token


def tokens_of(user: User) -> QuerySet[AccessToken]:
    """A member's tokens, newest first, revoked ones included (1 query)."""
    return AccessToken.objects.filter(user=user).order_by("-created", "-id")
