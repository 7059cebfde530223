"""Permission classes: who may call an endpoint at all. What a member may do
with a given object is decided by each app's policies, inside its services."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission, IsAuthenticated

from . import policies
from .models import AccessToken


class TokenScope(BasePermission):
    """A token with only the read scope may use safe methods (GET, HEAD,
    OPTIONS); writing needs the write scope. Session requests have no scope."""

    message = _("This access token's scope does not allow this request.")
    code = "insufficient_scope"

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, AccessToken):
            return True
        return policies.token_allows(token, request.method)


# For endpoints only members may call. Views that set permission_classes
# must keep TokenScope first: it is what makes read tokens read-only.
MEMBERS_ONLY = [TokenScope, IsAuthenticated]
