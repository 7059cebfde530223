"""Staff screens of the registration. Deciding applications and withdrawing
invites go through the services (the applicant is emailed, the account
activated); everything else is read-only. The site's own pages do the same:
/joining/applications/ and /joining/tree/."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy, ngettext

from apps.core.http import error_text

from . import policies, services
from .models import Application, ApplicationStatus, Invite, SiteRegistration


def _apply(modeladmin, request: HttpRequest, objects, call, done) -> None:
    """Run `call` on each object; report how many worked (`done(count)`) and
    each refusal with the service's own message (the first 20)."""
    succeeded, refused = 0, []
    for obj in objects:
        try:
            call(obj)
        except (ValidationError, PermissionDenied) as error:
            refused.append(f"{obj}: {error_text(error)}")
        else:
            succeeded += 1
    if succeeded:
        modeladmin.message_user(request, done(succeeded))
    for line in refused[:20]:
        modeladmin.message_user(request, line, level=messages.WARNING)


@admin.register(SiteRegistration)
class SiteRegistrationAdmin(admin.ModelAdmin):
    fields = ("mode", "domains", "question", "updated")
    readonly_fields = ("updated",)

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not SiteRegistration.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        obj.pk = 1
        super().save_model(request, obj, form, change)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("created", "user", "email", "short_answer", "status", "decided_by")
    list_filter = ("status",)
    list_select_related = ("user", "decided_by")
    search_fields = ("user__username", "user__email", "answer")
    ordering = ("-created", "-id")
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    fields = (
        "user",
        "email",
        "question",
        "answer",
        "status",
        "created",
        "decided_at",
        "decided_by",
    )
    readonly_fields = fields
    actions = ("approve", "refuse")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_decide_permission(self, request) -> bool:
        return policies.can_decide_applications(request.user)

    @admin.display(description=gettext_lazy("email address"))
    def email(self, obj: Application) -> str:
        return obj.user.email

    # Translators: A noun: what an applicant wrote to join the site.
    @admin.display(description=gettext_lazy("answer"))
    def short_answer(self, obj: Application) -> str:
        return obj.answer if len(obj.answer) <= 80 else obj.answer[:79] + "…"

    @admin.action(description=gettext_lazy("Approve selected applications"), permissions=["decide"])
    def approve(self, request, queryset) -> None:
        _apply(
            self,
            request,
            queryset.filter(status=ApplicationStatus.PENDING).select_related("user"),
            lambda application: services.application_approve(
                actor=request.user, application=application
            ),
            lambda count: (
                ngettext(
                    # Translators: Admin message; %(count)s is the number of applications to join
                    # the site approved.
                    "%(count)s application approved.",
                    "%(count)s applications approved.",
                    count,
                )
                % {"count": count}
            ),
        )

    @admin.action(description=gettext_lazy("Refuse selected applications"), permissions=["decide"])
    def refuse(self, request, queryset) -> None:
        _apply(
            self,
            request,
            queryset.filter(status=ApplicationStatus.PENDING).select_related("user"),
            lambda application: services.application_refuse(
                actor=request.user, application=application
            ),
            lambda count: (
                # Translators: Admin message; %(count)s is the number of applications to join the
                # site refused.
                ngettext("%(count)s application refused.", "%(count)s applications refused.", count)
                % {"count": count}
            ),
        )


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin):
    list_display = ("created", "inviter", "use_count", "max_uses", "expires_at", "revoked_at")
    list_select_related = ("inviter",)
    search_fields = ("inviter__username",)
    ordering = ("-created", "-id")
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    fields = ("inviter", "use_count", "max_uses", "expires_at", "revoked_at", "created", "tree")
    readonly_fields = fields
    actions = ("withdraw",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_withdraw_permission(self, request) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    @admin.display(description=gettext_lazy("invite tree"))
    def tree(self, obj: Invite) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("registration:tree"), gettext_lazy("Who invited whom")
        )

    @admin.action(
        description=gettext_lazy("Withdraw selected invite links"), permissions=["withdraw"]
    )
    def withdraw(self, request, queryset) -> None:
        _apply(
            self,
            request,
            queryset.filter(revoked_at__isnull=True),
            lambda invite: services.invite_revoke(actor=request.user, invite=invite),
            lambda count: (
                ngettext(
                    # Translators: Admin message; %(count)s is the number of invite links cancelled.
                    "%(count)s invite link withdrawn.",
                    "%(count)s invite links withdrawn.",
                    count,
                )
                % {"count": count}
            ),
        )
