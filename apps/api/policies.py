"""Who may do what with tokens, and what a token lets a request do."""

from apps.accounts.types import Actor

from .models import AccessToken, Scope

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def can_manage_tokens(user: Actor) -> bool:
    """Signed-in, active members make tokens for themselves."""
    return bool(user.is_authenticated and user.is_active)


def can_revoke_token(user: Actor, token: AccessToken) -> bool:
    return bool(user.is_authenticated and token.user_id == user.pk)


def scope_for_method(method: str) -> str:
    """The scope a request needs: read for safe methods, write for the rest."""
    return Scope.READ if method.upper() in SAFE_METHODS else Scope.WRITE


def token_allows(token: AccessToken, method: str) -> bool:
    return scope_for_method(method) in token.scope_list
