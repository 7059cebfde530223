from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    name = "apps.posts"
    verbose_name = _("Posts")

    def ready(self) -> None:
        from apps.core.cache import invalidate_feeds_on

        from .events import CONTENT_EVENTS

        # Feeds show titles, scores and hot ranks: every post write turns them over.
        invalidate_feeds_on(*CONTENT_EVENTS)
