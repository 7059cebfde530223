from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Sessions end with a password change or reset (apps/accounts/security.py).
        from allauth.account import signals as account_signals
        from django.contrib.auth import signals as auth_signals

        from . import security

        auth_signals.user_logged_in.connect(security.on_login, dispatch_uid="accounts_seen")
        auth_signals.user_logged_out.connect(security.on_logout, dispatch_uid="accounts_logout")
        for signal in (account_signals.password_changed, account_signals.password_set):
            signal.connect(security.on_password_changed, dispatch_uid="accounts_password")
        account_signals.password_reset.connect(
            security.on_password_reset, dispatch_uid="accounts_reset"
        )
