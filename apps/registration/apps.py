from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "apps.registration"
    verbose_name = _("Registration")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system checks
