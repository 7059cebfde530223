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

        from apps.comments.events import comment_edited
        from apps.posts.events import post_updated

        from . import receivers

        # Someone else's words edited: a line of the moderation log.
        post_updated.connect(receivers.on_post_updated, dispatch_uid="moderation.post_edited")
        comment_edited.connect(
            receivers.on_comment_edited, dispatch_uid="moderation.comment_edited"
        )
