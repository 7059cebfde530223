from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RevisionsConfig(AppConfig):
    name = "apps.revisions"
    # Translators: Admin section: the stored versions of edited posts and comments.
    verbose_name = _("Edit history")

    def ready(self) -> None:
        from apps.comments.events import comment_edited
        from apps.posts.events import post_updated

        from . import receivers

        post_updated.connect(receivers.on_post_updated, dispatch_uid="revisions.post_updated")
        comment_edited.connect(receivers.on_comment_edited, dispatch_uid="revisions.comment_edited")
