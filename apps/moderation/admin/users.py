"""Users: apps.accounts' user admin, restricted for anyone who is not a
superuser, with suspensions through the moderation services."""

from datetime import timedelta

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext_lazy

from apps.accounts.admin import UserAdmin as BaseUserAdmin

from .. import services
from .shared import ModerationActionsMixin, live_link

User = get_user_model()

PRIVILEGED_FIELDS = ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")

admin.site.unregister(User)


@admin.register(User)
class UserAdmin(ModerationActionsMixin, BaseUserAdmin):
    """apps.accounts' user admin, with suspensions through the services.

    Anyone but a superuser sees every field read-only, cannot change (or set
    the password of) staff and superuser accounts, and never touches
    is_staff, is_superuser, groups or permissions. is_active is read-only for
    them too: it changes through suspensions, which end sessions and log."""

    actions: tuple[str, ...] = ("suspend_members", "unsuspend_members")

    def get_list_display(self, request):
        return (*super().get_list_display(request), "profile_link")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [*PRIVILEGED_FIELDS, "username", "email", "first_name", "last_name"]
        return tuple(dict.fromkeys(fields))

    def _privileged(self, obj) -> bool:
        return obj is not None and (obj.is_staff or obj.is_superuser)

    def has_change_permission(self, request, obj=None):
        if self._privileged(obj) and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._privileged(obj) and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def view_on_site(self, obj):
        """The change form's "View on site" button: the public profile."""
        return reverse("profiles:detail", args=[obj.username]) if obj.is_active else None

    # Translators: Admin column (a noun): link to the member's page on the site.
    @admin.display(description=gettext_lazy("public page"))
    def profile_link(self, obj) -> str:
        if not obj.is_active:
            return "-"
        return live_link(reverse("profiles:detail", args=[obj.username]))

    @admin.action(
        description=gettext_lazy("Suspend selected members (reason required)"),
        permissions=["suspend"],
    )
    def suspend_members(self, request, queryset):
        reason, days = self._reason(request), self._days(request)
        expires_at = timezone.now() + timedelta(days=days) if days else None
        self._apply(
            request,
            queryset,
            lambda member: services.member_suspend(
                actor=request.user, member=member, reason=reason, expires_at=expires_at
            ),
            # Translators: Admin message; %(count)d is the number of members suspended from the
            # whole site.
            ngettext_lazy("%(count)d member suspended.", "%(count)d members suspended.", "count"),
        )

    @admin.action(
        description=gettext_lazy("Lift the suspension of selected members"), permissions=["suspend"]
    )
    def unsuspend_members(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            queryset,
            lambda member: services.member_unsuspend(
                actor=request.user, member=member, reason=reason
            ),
            # Translators: Admin message; %(count)d is the number of site suspensions ended early.
            ngettext_lazy("%(count)d suspension lifted.", "%(count)d suspensions lifted.", "count"),
        )
