from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "apps.polls"
    verbose_name = _("Polls")

    def ready(self) -> None:
        from django.db.models import Exists, OuterRef

        from apps.posts.selectors import register_row_annotation

        from .models import Poll

        # Every post row knows whether it holds a poll in its own query: the
        # feeds' "Poll" badge, and no poll query on a post page without one.
        register_row_annotation(
            "has_poll", lambda: Exists(Poll.objects.filter(post_id=OuterRef("pk")))
        )
