"""Link previews for staff: read-only (what the page said, why a fetch
failed), with one action, "fetch again", through the service."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy, ngettext

from apps.core.http import error_text

from . import services
from .models import LinkPreview


@admin.register(LinkPreview)
class LinkPreviewAdmin(admin.ModelAdmin):
    list_display = ["url", "post", "status", "title", "fetched_at", "error"]
    list_filter = ["status"]
    search_fields = ["url", "title"]
    list_select_related = ["post"]
    raw_id_fields = ["post", "image"]
    readonly_fields = [
        "post",
        "url",
        "title",
        "description",
        "site_name",
        "image",
        "status",
        "fetched_at",
        "error",
    ]
    actions = ["fetch_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_refetch_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff

    @admin.action(
        description=gettext_lazy("Fetch selected previews again"), permissions=["refetch"]
    )
    def fetch_again(self, request, queryset: QuerySet[LinkPreview]) -> None:
        done = 0
        for preview in queryset:
            try:
                services.link_preview_refetch(actor=request.user, preview=preview)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, error_text(error), messages.ERROR)
                return
            done += 1
        self.message_user(
            request,
            ngettext(
                # Translators: Admin message; %(count)d is the number of link previews queued.
                "%(count)d preview will be fetched again.",
                "%(count)d previews will be fetched again.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )
