from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model


class QuorumAuthenticationBackend(AuthenticationBackend):
    """allauth's backend (username or email login), but the user of every
    request arrives with its profile in the same query: the language and
    time zone middleware and the header need it on every page."""

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("profile").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
