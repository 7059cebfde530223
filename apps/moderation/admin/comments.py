"""Comments: apps.comments' (read-only) admin, with removal through the
moderation services."""

from django.contrib import admin
from django.utils.translation import gettext_lazy, ngettext_lazy

from apps.comments.admin import CommentAdmin as BaseCommentAdmin
from apps.comments.models import Comment

from .. import services
from .shared import ModerationActionsMixin

admin.site.unregister(Comment)


@admin.register(Comment)
class CommentAdmin(ModerationActionsMixin, BaseCommentAdmin):
    """apps.comments' (read-only) admin, with removal through the services."""

    actions = ("remove_comments", "restore_comments")

    def get_list_display(self, request):
        return (*super().get_list_display(request), "link_on_site")

    def _comments(self, queryset):
        return queryset.select_related("post__community")

    @admin.action(
        description=gettext_lazy("Remove selected comments (reason required)"),
        permissions=["moderate"],
    )
    def remove_comments(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            self._comments(queryset),
            lambda comment: services.comment_remove(
                actor=request.user, comment=comment, reason=reason
            ),
            # Translators: Admin message; %(count)d is the number of comments removed by
            # moderators.
            ngettext_lazy("%(count)d comment removed.", "%(count)d comments removed.", "count"),
        )

    @admin.action(description=gettext_lazy("Restore selected comments"), permissions=["moderate"])
    def restore_comments(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            self._comments(queryset),
            lambda comment: services.comment_restore(
                actor=request.user, comment=comment, reason=reason
            ),
            # Translators: Admin message; %(count)d is the number of comments put back by
            # moderators.
            ngettext_lazy("%(count)d comment restored.", "%(count)d comments restored.", "count"),
        )
