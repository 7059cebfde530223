from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "apps.communities"
    verbose_name = _("Communities")

    def ready(self) -> None:
        from apps.core.cache import invalidate_feeds_on

        from . import events

        # A community's pages show its name, description, visibility and
        # member count; its About page lists the moderators (a ban ends a
        # moderator's role). An approval only changes what that member sees;
        # a refusal in a restricted community drops a membership (the count).
        invalidate_feeds_on(
            events.community_created,
            events.community_updated,
            events.member_joined,
            events.member_left,
            events.member_refused,
            events.member_banned,
            events.member_unbanned,
            events.moderator_appointed,
            events.moderator_removed,
        )
