from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "apps.comments"
    verbose_name = _("Comments")

    def ready(self) -> None:
        from apps.core.cache import invalidate_feeds_on

        from .events import CONTENT_EVENTS

        # Feeds show comment counts; cached post pages show the comments and their scores.
        invalidate_feeds_on(*CONTENT_EVENTS)
