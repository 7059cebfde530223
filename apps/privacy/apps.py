from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "apps.privacy"
    # Translators: Admin section name (a noun): deleted accounts and data exports.
    verbose_name = _("Privacy")
