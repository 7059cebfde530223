from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreviewsConfig(AppConfig):
    name = "apps.previews"
    verbose_name = _("Link previews")

    def ready(self) -> None:
        from apps.core.cache import invalidate_feeds_on

        from . import receivers
        from .events import link_preview_changed

        receivers.connect()
        # The post page shows the card: the anonymous page cache turns over.
        invalidate_feeds_on(link_preview_changed)
