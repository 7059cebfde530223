"""Staff see who left and which exports were made; nothing is edited here
(deletion and export belong to the member, through apps.privacy.services).

The user admin loses its "Delete": a hard delete would cascade past every
counter and leave the username free. A superuser erases an account (a
member who asked by mail) with the action below, through the same service
as the member's own deletion."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.accounts.models import User
from apps.moderation.admin.users import UserAdmin as ModerationUserAdmin

from . import services
from .models import DataExport, Departure

admin.site.unregister(User)


@admin.register(User)
class UserAdmin(ModerationUserAdmin):
    actions = (*ModerationUserAdmin.actions, "erase_accounts")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_erase_permission(self, request) -> bool:
        return request.user.is_superuser

    @admin.action(
        description=_("Erase the selected accounts (keeps their usernames reserved)"),
        permissions=["erase"],
    )
    def erase_accounts(self, request, queryset):
        erased = 0
        for member in queryset:
            try:
                services.account_delete(actor=request.user, user=member)
            except PermissionDenied as refusal:
                self.message_user(request, f"{member.username}: {refusal}", messages.ERROR)
            else:
                erased += 1
        if erased:
            self.message_user(
                request,
                # Translators: Admin message; %(count)d is the number of member accounts deleted.
                ngettext("%(count)d account erased.", "%(count)d accounts erased.", erased)
                % {"count": erased},
                messages.SUCCESS,
            )


class ReadOnlyAdmin(admin.ModelAdmin):
    show_facets = admin.ShowFacets.NEVER
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Departure)
class DepartureAdmin(ReadOnlyAdmin):
    list_display = ("user", "created", "content_removed", "votes_withdrawn_at")
    list_filter = ("content_removed", "created")
    list_select_related = ("user",)
    search_fields = ("user__username",)
    ordering = ("-created",)
    fields = readonly_fields = ("user", "created", "content_removed", "votes_withdrawn_at")


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyAdmin):
    list_display = ("user", "created", "ready_at", "downloaded_at")
    list_filter = ("created",)
    list_select_related = ("user",)
    search_fields = ("user__username",)
    ordering = ("-created", "-id")
    # The archive's storage name stays out of sight: it is the member's data.
    fields = readonly_fields = ("user", "created", "ready_at", "downloaded_at")
