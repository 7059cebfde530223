from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API's plumbing: personal access tokens, authentication,
    permissions, throttles, the error envelope, pagination and schema helpers.
    The endpoints themselves live in each app's `api/` package."""

    name = "apps.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        # OpenAPI extensions register themselves when imported.
        from . import schema  # noqa: F401
