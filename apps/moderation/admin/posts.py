"""Posts: apps.posts' admin, with removal, locking and pinning through the
moderation services."""

from django.contrib import admin
from django.utils.translation import gettext_lazy, ngettext_lazy

from apps.posts.admin import PostAdmin as BasePostAdmin
from apps.posts.models import Post

from .. import services
from .shared import ModerationActionsMixin, live_link

MODERATION_FIELDS = ("is_removed", "removal_reason", "is_locked", "is_pinned", "is_deleted")


def _editable_field_names(model) -> list[str]:
    return [
        field.name
        for field in model._meta.get_fields()
        if getattr(field, "editable", False) and not field.auto_created and field.concrete
    ] + [field.name for field in model._meta.many_to_many]


admin.site.unregister(Post)


@admin.register(Post)
class PostAdmin(ModerationActionsMixin, BasePostAdmin):
    """apps.posts' admin, with moderation through the services."""

    actions = (
        "remove_posts",
        "restore_posts",
        "lock_posts",
        "unlock_posts",
        "pin_posts",
        "unpin_posts",
    )

    def get_list_display(self, request):
        return (*super().get_list_display(request), "on_site")

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), *MODERATION_FIELDS]
        if not request.user.is_superuser:
            # Staff moderators moderate; they do not rewrite members' posts.
            fields += _editable_field_names(Post)
        return tuple(dict.fromkeys(fields))

    @admin.display(description=gettext_lazy("on the site"))
    def on_site(self, obj: Post) -> str:
        return live_link(obj.get_absolute_url())

    def _posts(self, queryset):
        return queryset.select_related("community")

    @admin.action(
        description=gettext_lazy("Remove selected posts (reason required)"),
        permissions=["moderate"],
    )
    def remove_posts(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            self._posts(queryset),
            lambda post: services.post_remove(actor=request.user, post=post, reason=reason),
            # Translators: Admin message; %(count)d is the number of posts removed by moderators.
            ngettext_lazy("%(count)d post removed.", "%(count)d posts removed.", "count"),
        )

    @admin.action(description=gettext_lazy("Restore selected posts"), permissions=["moderate"])
    def restore_posts(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            self._posts(queryset),
            lambda post: services.post_restore(actor=request.user, post=post, reason=reason),
            # Translators: Admin message; %(count)d is the number of posts put back by moderators.
            ngettext_lazy("%(count)d post restored.", "%(count)d posts restored.", "count"),
        )

    def _set_flag(self, request, queryset, action: str, done) -> None:
        """Lock, unlock, pin or unpin (services.FLAG_ACTIONS) every selected post."""
        reason = self._reason(request)
        self._apply(
            request,
            self._posts(queryset),
            lambda post: services.post_flag_set(
                actor=request.user, post=post, action=action, reason=reason
            ),
            done,
        )

    @admin.action(description=gettext_lazy("Lock selected posts"), permissions=["moderate"])
    def lock_posts(self, request, queryset):
        # Translators: Admin message; %(count)d is the number of posts closed to new comments.
        done = ngettext_lazy("%(count)d post locked.", "%(count)d posts locked.", "count")
        self._set_flag(request, queryset, "lock", done)

    @admin.action(description=gettext_lazy("Unlock selected posts"), permissions=["moderate"])
    def unlock_posts(self, request, queryset):
        # Translators: Admin message; %(count)d is the number of posts opened again to comments.
        done = ngettext_lazy("%(count)d post unlocked.", "%(count)d posts unlocked.", "count")
        self._set_flag(request, queryset, "unlock", done)

    @admin.action(description=gettext_lazy("Pin selected posts"), permissions=["moderate"])
    def pin_posts(self, request, queryset):
        # Translators: Admin message; %(count)d is the number of posts pinned at the top of their
        # community.
        done = ngettext_lazy("%(count)d post pinned.", "%(count)d posts pinned.", "count")
        self._set_flag(request, queryset, "pin", done)

    @admin.action(description=gettext_lazy("Unpin selected posts"), permissions=["moderate"])
    def unpin_posts(self, request, queryset):
        # Translators: Admin message; %(count)d is the number of posts no longer pinned.
        done = ngettext_lazy("%(count)d post unpinned.", "%(count)d posts unpinned.", "count")
        self._set_flag(request, queryset, "unpin", done)
