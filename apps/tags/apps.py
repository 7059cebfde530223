from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TagsConfig(AppConfig):
    name = "apps.tags"
    verbose_name = _("Tags")

    def ready(self) -> None:
        from apps.core.cache import invalidate_feeds_on

        from . import events

        # Every feed shows its posts' tag names. Tags are site-wide
        # (community_id=None): this bumps the global version, and a
        # community's own pages catch up when their entries expire.
        invalidate_feeds_on(events.tag_updated, events.tag_deleted)
