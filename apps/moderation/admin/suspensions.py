"""Site-wide suspensions: made through the service (inactive account,
sessions ended, logged), lifted by an action."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext

from .. import policies, services
from ..models import Suspension
from ..services.shared import future
from .shared import ModerationActionsMixin


class ActiveSuspensionFilter(admin.SimpleListFilter):
    # Translators: Admin filter title: suspensions still running (an adjective phrase).
    title = gettext_lazy("in force")
    parameter_name = "active"

    def lookups(self, request, model_admin):
        return (
            # Translators: admin filter choice: the suspensions still running.
            ("yes", _("In force")),
            # Translators: admin filter choice: the suspensions ended early (a past participle).
            ("no", pgettext("suspension", "Lifted")),
        )

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(lifted_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(lifted_at__isnull=False)
        return queryset


class SuspensionForm(forms.ModelForm):
    class Meta:
        model = Suspension
        fields = ("member", "reason", "expires_at")

    def clean_expires_at(self):
        try:
            return future(self.cleaned_data.get("expires_at"))
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None


@admin.register(Suspension)
class SuspensionAdmin(ModerationActionsMixin, admin.ModelAdmin):
    """Site-wide suspensions. Adding one here suspends the member through the
    service (inactive account, sessions ended, logged); lifting is an action."""

    form = SuspensionForm
    list_display = (
        "member",
        "reason",
        "created",
        "expires_at",
        "lifted_at",
        "suspended_by",
        "lifted_by",
    )
    list_filter = (ActiveSuspensionFilter, "created")
    list_select_related = ("member", "suspended_by", "lifted_by")
    search_fields = ("member__username", "reason")
    autocomplete_fields = ("member",)
    ordering = ("-created", "-id")
    show_full_result_count = False
    actions = ("lift_suspensions",)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return (
                "member",
                "reason",
                "created",
                "expires_at",
                "lifted_at",
                "suspended_by",
                "lifted_by",
            )
        return ()

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and self.has_suspend_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        actor = request.user

        class ServiceCheckedForm(form):
            def clean(self):
                # The service's own rule (policies.suspend_refusal), shown on
                # the form instead of failing in save_model.
                cleaned = super().clean()
                member = cleaned.get("member")
                if member is not None and not change:
                    refusal = policies.suspend_refusal(actor, member)
                    if refusal is not None:
                        self.add_error("member", refusal[1])
                return cleaned

        return ServiceCheckedForm

    def save_model(self, request, obj, form, change):
        if change:
            return  # read-only once made
        suspension = services.member_suspend(
            actor=request.user, member=obj.member, reason=obj.reason, expires_at=obj.expires_at
        )
        obj.pk = suspension.pk

    @admin.action(description=gettext_lazy("Lift selected suspensions"), permissions=["suspend"])
    def lift_suspensions(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            queryset.filter(lifted_at__isnull=True).select_related("member"),
            lambda suspension: services.member_unsuspend(
                actor=request.user, member=suspension.member, reason=reason
            ),
            # Translators: Admin message; %(count)d is the number of site suspensions ended early.
            ngettext_lazy("%(count)d suspension lifted.", "%(count)d suspensions lifted.", "count"),
        )
