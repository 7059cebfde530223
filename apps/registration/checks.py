"""System checks of the registration settings (`manage.py check`, run at
startup): a mistyped mode or the domains mode without domains would
otherwise only show when someone tries to sign up."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from . import modes
from .models import Mode


@register()
def registration_settings(app_configs, **kwargs) -> list[Error]:
    try:
        mode = modes.setting_mode()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="registration.E001")]
    domains = modes.parse_domains(getattr(settings, "QUORUM_REGISTRATION_DOMAINS", ""))
    if mode == Mode.DOMAINS and not domains:
        return [
            Error(
                "QUORUM_REGISTRATION_MODE is 'domains' but QUORUM_REGISTRATION_DOMAINS is empty: "
                "nobody could sign up.",
                id="registration.E002",
            )
        ]
    return []
