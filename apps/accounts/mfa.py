"""allauth.mfa's adapter: the TOTP label and the staff rule on removing factors."""

from __future__ import annotations

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings

from .security import SECOND_FACTOR_TYPES, is_staff_account


class QuorumMFAAdapter(DefaultMFAAdapter):
    def get_totp_label(self, user) -> str:
        # The username, not the email: the label shows in the authenticator app.
        return user.get_username()

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Staff keep at least one second factor while the site requires it
        (QUORUM_STAFF_REQUIRE_MFA): the last one cannot be removed."""
        user = authenticator.user
        if not (settings.QUORUM_STAFF_REQUIRE_MFA and is_staff_account(user)):
            return True
        if authenticator.type not in SECOND_FACTOR_TYPES:
            return True
        others = Authenticator.objects.filter(
            user_id=user.pk, type__in=SECOND_FACTOR_TYPES
        ).exclude(pk=authenticator.pk)
        return others.exists()
