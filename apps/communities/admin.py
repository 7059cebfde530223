"""Staff's admin for communities, memberships and bans.

Every write goes through the services, as on the site: creating a community
makes its owner a moderator member, adding or removing a membership keeps
member_count exact and sends the events the feed cache listens to, a ban is
checked like one made on the site. The counters and the moderator flag are
read-only (moderators are appointed by the owner through apps.moderation,
which logs it); the forms ask the same policies as the services, so a
refusal is a form error, not a failed save. Lists use list_select_related
and no per-row queries.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.accounts.models import User
from apps.core.http import error_text, service_call
from apps.core.translated_admin import TranslatedFieldsAdmin

from . import policies, services
from .models import Ban, Community, Membership


def _with_check(form_class: type[forms.ModelForm], check) -> type[forms.ModelForm]:
    """`form_class` whose clean() also runs `check(cleaned_data)`, which
    returns (field or None, message) pairs: a policy's refusal as a form error."""

    # A class made at run time, from the form the admin builds.
    class CheckedForm(form_class):  # type: ignore[misc, valid-type]
        def clean(self):
            cleaned = super().clean()
            for field, message in check(cleaned):
                self.add_error(field, message)
            return cleaned

    return CheckedForm


@admin.register(Community)
class CommunityAdmin(TranslatedFieldsAdmin):
    # TranslatedFieldsAdmin: one field per language for name, description and rules
    # (apps/communities/translation.py), each with its lang and dir; English is
    # required, the rest fall back.
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
        # The address is in every link to the community, and the owner
        # changes only by a handover (apps.moderation, logged): set at creation.
        if obj is not None:
            return (*self.readonly_fields, "slug", "owner")
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        # Deleting a community takes its posts, comments and votes with it
        # and would leave the counters of the apps above (tag post counts,
        # karma) wrong: no service here can do it right.
        return False

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            return form

        def owner_check(cleaned):
            owner = cleaned.get("owner")
            refusal = owner and policies.create_refusal(request.user, owner=owner)
            return [("owner", refusal[1])] if refusal else []

        return _with_check(form, owner_check)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            changes = {f: data[f] for f in form.changed_data if f in services.editable_fields()}
            services.community_update(actor=request.user, community=obj, changes=changes)
            return
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            name, description, rules = obj.name, obj.description, obj.rules
        community = services.community_create(
            actor=request.user,
            owner=obj.owner,
            slug=obj.slug,
            name=name,
            description=description,
            rules=rules,
            visibility=obj.visibility,
            translations={f: data[f] for f in services.translated_text_fields() if f in data},
        )
        obj.pk, obj.created, obj.member_count = community.pk, community.created, 1
        obj._state.adding = False


def _each(modeladmin, request, objects, call) -> int:
    """Run the service `call` on each object; count what it changed and
    report what it refused, with the service's own reason."""
    done, refused = 0, []
    for obj in objects:
        with service_call() as outcome:
            done += bool(call(obj))
        if not outcome.ok:
            refused.append(f"{obj}: {outcome.message}")
    for line in refused[:20]:
        modeladmin.message_user(request, line, messages.ERROR)
    return done


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("community", "user", "is_moderator", "is_approved", "created")
    list_filter = ("is_moderator", "is_approved", "created")
    search_fields = ("community__slug", "community__name", "user__username")
    list_select_related = ("community", "user")
    autocomplete_fields = ("community",)
    raw_id_fields = ("user",)
    # Moderators are appointed by the owner (apps.moderation, logged).
    readonly_fields = ("is_moderator", "created")
    ordering = ("-created",)
    show_full_result_count = False
    actions = ("approve_to_post",)

    def get_readonly_fields(self, request, obj=None):
        # A membership is added, removed or approved (the action), never edited.
        if obj is not None:
            return (*self.readonly_fields, "community", "user", "is_approved")
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        # The owner's membership stays (the delete page and the bulk delete
        # both ask this for every membership they would delete).
        if obj is not None and obj.community.owner_id == obj.user_id:
            return False
        return super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            return form

        def add_check(cleaned):
            community, user = cleaned.get("community"), cleaned.get("user")
            refusal = (
                community and user and policies.member_add_refusal(request.user, community, user)
            )
            return [(None, refusal[1])] if refusal else []

        return _with_check(form, add_check)

    def save_model(self, request, obj, form, change):
        if change:
            return  # nothing is editable on an existing membership
        membership = services.member_add(
            actor=request.user, community=obj.community, user=obj.user, is_approved=obj.is_approved
        )
        if membership is None:  # they joined meanwhile: that membership is the one
            membership = Membership.objects.get(community=obj.community, user=obj.user)
        obj.pk, obj._state.adding = membership.pk, False

    def delete_model(self, request, obj):
        self._remove(request, [obj])

    def delete_queryset(self, request, queryset):
        self._remove(request, list(queryset.select_related("community", "user")))

    def _remove(self, request, memberships):
        with transaction.atomic():
            for membership in memberships:
                try:
                    services.member_remove(
                        actor=request.user, community=membership.community, user=membership.user
                    )
                except ValidationError as error:  # has_delete_permission keeps owners out
                    raise PermissionDenied(error_text(error)) from None

    @admin.action(description=_("Approve to post (restricted communities)"))
    def approve_to_post(self, request, queryset):
        approved = _each(
            self,
            request,
            queryset.select_related("community", "user"),
            lambda m: services.membership_approve(
                actor=request.user, community=m.community, user=m.user
            ),
        )
        self.message_user(
            request,
            # Translators: Admin message; %(count)d is the number of members approved to post.
            ngettext("%(count)d member approved.", "%(count)d members approved.", approved)
            % {"count": approved},
            messages.SUCCESS,
        )


class BanAdminForm(forms.ModelForm):
    """A ban's fields; BanAdmin.get_form adds the service's rules (policies)
    as form errors."""

    class Meta:
        model = Ban
        fields = ("community", "user", "reason", "expires_at")

    def clean_expires_at(self):
        expires_at = self.cleaned_data.get("expires_at")
        refusal = policies.ban_end_refusal(expires_at)
        if refusal is not None:
            raise forms.ValidationError(refusal[1], code=refusal[0])
        return expires_at


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    """Replaced by apps.moderation's subclass, which logs bans; kept right
    on its own too (made and lifted by the services)."""

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

    def ban_refusal(
        self, request: HttpRequest, community: Community, user: User
    ) -> policies.Refusal | None:
        """Why request.user may not ban `user` here: the rule the services
        apply (apps.moderation's subclass asks its own policy)."""
        return policies.ban_refusal(request.user, community, user)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            return form  # community and member are read-only: nothing to check

        def ban_check(cleaned):
            community, user = cleaned.get("community"), cleaned.get("user")
            refusal = community and user and self.ban_refusal(request, community, user)
            return [("user", refusal[1])] if refusal else []

        return _with_check(form, ban_check)

    def save_model(self, request, obj, form, change):
        # The form already asked the service's rules (ban_refusal, the end).
        ban = services.ban_create(
            actor=request.user,
            community=obj.community,
            user=obj.user,
            reason=obj.reason,
            expires_at=obj.expires_at,
        )
        obj.pk = ban.pk

    def delete_model(self, request, obj):
        services.ban_delete(actor=request.user, community=obj.community, user=obj.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for ban in queryset.select_related("community", "user"):
                self.delete_model(request, ban)
