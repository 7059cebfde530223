"""Staff moderators' admin for communities, memberships and bans.

Writes that touch counters or rules go through the services (adding or
removing a membership keeps member_count exact; a ban is validated like
one made on the site). Lists use list_select_related and no per-row queries.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from . import services
from .models import Ban, Community, Membership


@admin.register(Community)
class CommunityAdmin(TranslationAdmin):
    # TranslationAdmin: one field per language for name, description and rules
    # (apps/communities/translation.py); English is required, the rest fall back.
    list_display = (
        "slug",
        "name",
        "visibility",
        "owner",
        "member_count",
        "post_count",
        "created",
    )
    list_display_links = ("slug", "name")
    list_filter = ("visibility", "created")
    search_fields = ("slug", "name")
    list_select_related = ("owner",)
    raw_id_fields = ("owner",)
    readonly_fields = ("member_count", "post_count", "created")
    ordering = ("-created",)
    date_hierarchy = "created"
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        # The address is in every link to the community: set once, at creation.
        if obj is not None:
            return (*self.readonly_fields, "slug")
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        # Saved in English, so the original columns keep the English text
        # whatever language the admin is shown in.
        with transaction.atomic(), translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            if not change:
                obj.member_count = 1
            super().save_model(request, obj, form, change)
            if not change:
                Membership.objects.create(
                    community=obj, user=obj.owner, is_moderator=True, is_approved=True
                )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("community", "user", "is_moderator", "is_approved", "created")
    list_filter = ("is_moderator", "is_approved", "created")
    search_fields = ("community__slug", "community__name", "user__username")
    list_select_related = ("community", "user")
    autocomplete_fields = ("community",)
    raw_id_fields = ("user",)
    readonly_fields = ("created",)
    ordering = ("-created",)
    show_full_result_count = False
    actions = ("approve_to_post",)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return (*self.readonly_fields, "community", "user")
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # A new membership: the row and member_count together.
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            Community.objects.filter(pk=obj.community_id).update(member_count=F("member_count") + 1)

    def delete_model(self, request, obj):
        self._delete([obj])

    def delete_queryset(self, request, queryset):
        self._delete(list(queryset.select_related("community")))

    def _delete(self, memberships):
        for membership in memberships:
            if membership.community.owner_id == membership.user_id:
                raise PermissionDenied(_("The owner's membership cannot be deleted."))
        with transaction.atomic():
            for membership in memberships:
                membership.delete()
                Community.objects.filter(pk=membership.community_id).update(
                    member_count=F("member_count") - 1
                )

    @admin.action(description=_("Approve to post (restricted communities)"))
    def approve_to_post(self, request, queryset):
        updated = queryset.update(is_approved=True)
        self.message_user(
            request,
            ngettext("%(count)d member approved.", "%(count)d members approved.", updated)
            % {"count": updated},
            messages.SUCCESS,
        )


class BanAdminForm(forms.ModelForm):
    """The service's rules as form errors (the model's clean() refuses the owner)."""

    class Meta:
        model = Ban
        fields = ("community", "user", "reason", "expires_at")

    def clean_expires_at(self):
        expires_at = self.cleaned_data.get("expires_at")
        if expires_at is not None and expires_at <= timezone.now():
            raise forms.ValidationError(_("The end of a ban must be in the future."))
        return expires_at


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    form = BanAdminForm
    list_display = ("community", "user", "reason", "expires_at", "banned_by", "created")
    list_filter = ("expires_at", "created")
    search_fields = ("community__slug", "user__username", "reason")
    list_select_related = ("community", "user", "banned_by")
    autocomplete_fields = ("community",)
    raw_id_fields = ("user", "banned_by")
    readonly_fields = ("banned_by", "created")
    ordering = ("-created",)
    date_hierarchy = "created"
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return (*self.readonly_fields, "community", "user")
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        # Staff pass can_ban; the form already checked the owner and the expiry.
        ban = services.ban_create(
            actor=request.user,
            community=obj.community,
            user=obj.user,
            reason=obj.reason,
            expires_at=obj.expires_at,
        )
        obj.pk = ban.pk
