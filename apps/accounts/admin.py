from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from . import services
from .models import User


class StaffUserCreationForm(UserCreationForm):
    """The admin's "Add user" in one step: the email address allauth needs
    at login, whether staff vouch for it, and the groups (a translator is
    created ready to use /translate/)."""

    email = forms.EmailField(label=_("Email address"))
    email_verified = forms.BooleanField(
        label=_("Email address verified"),
        required=False,
        initial=True,
        help_text=_(
            "Tick when you know the address is theirs: they can log in at once. "
            "Untick to have them confirm it from a mail at their first login."
        ),
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Groups"),
        queryset=Group.objects.order_by("name"),
        required=False,
        widget=FilteredSelectMultiple(_("groups"), is_stacked=False),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("This email address is already in use."))
        return email


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = StaffUserCreationForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "email",
                    "email_verified",
                    "password1",
                    "password2",
                    "groups",
                ),
            },
        ),
    )
    list_display = (
        "username",
        "email",
        "is_active",
        "is_staff",
        "date_joined",
        "last_login",
    )
    list_filter = ("is_active", "is_staff", "is_superuser", "groups", "date_joined")
    search_fields = ("username", "email")
    ordering = ("-date_joined",)
    date_hierarchy = "date_joined"
    show_full_result_count = False
    readonly_fields = ("date_joined", "last_login")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        # Translators: Admin section heading of a member's page (a noun): email and other contact
        # details.
        (_("Contact"), {"fields": ("email",)}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    filter_horizontal = ("groups", "user_permissions")

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        services.account_create_by_staff(
            user=obj,
            email_verified=form.cleaned_data["email_verified"],
            groups=form.cleaned_data["groups"],
        )

    def save_related(self, request, form, formsets, change):
        if change:  # a new user's groups were set by the service
            super().save_related(request, form, formsets, change)


class GroupForm(forms.ModelForm):
    """Django's group page, plus who is in the group (Django only lets you
    add a group from each member's page)."""

    members = forms.ModelMultipleChoiceField(
        # Translators: A noun: the people who joined a community or the site.
        label=_("Members"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        required=False,
        widget=FilteredSelectMultiple(_("members"), is_stacked=False),
    )

    class Meta:
        model = Group
        fields = ("name", "permissions")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["members"].initial = self.instance.user_set.all()


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    form = GroupForm
    fields = ("name", "members", "permissions")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.group_members_set(group=form.instance, members=form.cleaned_data["members"])
