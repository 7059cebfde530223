"""Bans: apps.communities' ban admin, with bans made and lifted by the
moderation services (and so logged)."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy, ngettext_lazy

from apps.accounts.models import User
from apps.communities.admin import BanAdmin as BaseBanAdmin
from apps.communities.models import Ban, Community

from .. import policies, services
from .shared import ModerationActionsMixin

admin.site.unregister(Ban)


@admin.register(Ban)
class BanAdmin(ModerationActionsMixin, BaseBanAdmin):
    """apps.communities' ban admin; bans are made and lifted by the services
    (and so logged), here as on the site."""

    actions = ("lift_bans",)

    def ban_refusal(
        self, request: HttpRequest, community: Community, user: User
    ) -> policies.Refusal | None:
        # Our policy (staff moderators), not apps.communities' (any staff):
        # the rule member_ban applies, shown on the form by the base admin.
        return policies.ban_refusal(request.user, community, user)

    def save_model(self, request, obj, form, change):
        ban = services.member_ban(
            actor=request.user,
            community=obj.community,
            member=obj.user,
            reason=obj.reason,
            expires_at=obj.expires_at,
        )
        obj.pk = ban.pk

    def delete_model(self, request, obj):
        services.member_unban(actor=request.user, community=obj.community, member=obj.user)

    def delete_queryset(self, request, queryset):
        for ban in queryset.select_related("community", "user"):
            self.delete_model(request, ban)

    @admin.action(description=gettext_lazy("Lift selected bans"), permissions=["moderate"])
    def lift_bans(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            queryset.select_related("community", "user"),
            lambda ban: services.member_unban(
                actor=request.user, community=ban.community, member=ban.user, reason=reason
            ),
            # Translators: Admin message; %(count)d is the number of community bans ended.
            ngettext_lazy("%(count)d ban lifted.", "%(count)d bans lifted.", "count"),
        )
