"""The moderation log: every line, private entries and staff names
included. Read-only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from ..models import ModerationAction
from .shared import CappedCountPaginator, live_link, target_text, target_url


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    """The whole log, private entries and staff names included. Read-only."""

    show_facets = admin.ShowFacets.NEVER
    paginator = CappedCountPaginator
    list_display = (
        "created",
        "actor",
        "as_staff",
        "action",
        "community",
        "target",
        "reason",
        "expires_at",
        "on_site",
    )
    list_display_links = ("created",)
    list_filter = ("action", "as_staff", "created")
    list_select_related = (
        "actor",
        "community",
        "post__community",
        "comment__post__community",
        "member",
    )
    search_fields = ("actor__username", "target_label", "reason", "community__slug")
    search_help_text = gettext_lazy(
        "Moderator's username, the target's title or name, the reason, or the community's address."
    )
    ordering = ("-created", "-id")
    show_full_result_count = False
    readonly_fields = (
        "created",
        "actor",
        "as_staff",
        "action",
        "community",
        "target",
        "on_site",
        "reason",
        "expires_at",
    )
    fields = readonly_fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def view_on_site(self, obj):
        return target_url(obj) or None

    # Translators: A noun: what a moderation action was about (a post, a comment, a member…).
    @admin.display(description=gettext_lazy("target"))
    def target(self, obj: ModerationAction) -> str:
        return target_text(obj)

    @admin.display(description=gettext_lazy("on the site"))
    def on_site(self, obj: ModerationAction) -> str:
        url = target_url(obj)
        return live_link(url) if url else "-"
