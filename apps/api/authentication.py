"""How API requests say who they are.

1. `Authorization: Bearer <token>`: a personal access token from
   /settings/tokens/. Checked first; its WWW-Authenticate challenge makes
   unauthenticated requests 401s rather than 403s.
2. The site's session cookie, with CSRF enforced on unsafe methods exactly as
   DRF's SessionAuthentication does (a page of another site cannot make a
   signed-in member's browser write through the API).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import (
    BaseAuthentication,
    SessionAuthentication,
    get_authorization_header,
)

from . import selectors, services


class TokenInvalid(exceptions.AuthenticationFailed):
    default_detail = _("This access token is not valid.")
    default_code = "token_invalid"


class TokenExpired(exceptions.AuthenticationFailed):
    default_detail = _("This access token has expired. Create a new one in your settings.")
    default_code = "token_expired"


class TokenRevoked(exceptions.AuthenticationFailed):
    default_detail = _("This access token was revoked.")
    default_code = "token_revoked"


class CSRFFailed(exceptions.PermissionDenied):
    default_detail = _(
        "CSRF check failed: send the X-CSRFToken header with session requests that write,"
        " or use an access token."
    )
    default_code = "csrf_failed"


class BearerTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer qrm_…`. 1 query per request (token, member and
    profile together), plus an UPDATE of last_used at most once a minute."""

    keyword = "Bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise TokenInvalid()
        try:
            raw = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise TokenInvalid() from None
        token = selectors.token_by_raw(raw)
        if token is None or not token.user.is_active:
            raise TokenInvalid()
        if token.is_revoked:
            raise TokenRevoked()
        if token.is_expired:
            raise TokenExpired()
        services.token_touch(token=token)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'


class CsrfSessionAuthentication(SessionAuthentication):
    """DRF's session authentication (CSRF enforced for signed-in members),
    with a CSRF failure reported under its own error code."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise CSRFFailed() from None
