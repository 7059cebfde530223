from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "apps.moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from apps.core.cache import invalidate_feeds_on

        from . import events

        # Removed, locked or pinned posts and comments show in feeds and
        # pages; the community's page lists its owner and moderators.
        invalidate_feeds_on(events.content_moderated, events.membership_moderated)
