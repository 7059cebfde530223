"""The allauth adapter with the registration modes on top of the profiles
one (apps.profiles.adapter, which creates the profile): ACCOUNT_ADAPTER
points here.

- closed: signup is closed (allauth shows account/signup_closed.html);
- domains: `clean_email` refuses addresses outside the allowlist;
- approval: the new account is filed as an application and made inactive;
- invite: the invite is used in the same transaction as the account;
- an inactive account that signs in (or has just applied) is told why.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext as _

from apps.profiles.adapter import QuorumAccountAdapter

from . import modes, services
from .models import Application, Mode


class RegistrationAccountAdapter(QuorumAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return modes.current().mode != Mode.CLOSED

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        registration = modes.current()
        if registration.mode == Mode.DOMAINS and not registration.allows_domain(email):
            raise ValidationError(
                # Translators: Signup error; %(domains)s is a list of email domains, e.g.
                # “example.org, example.com”.
                _("Only addresses at %(domains)s can join this site.")
                % {"domains": ", ".join(registration.domains) or "-"},
                code="domain_not_allowed",
            )
        return email

    def save_user(self, request, user, form, commit=True):
        registration = getattr(form, "registration", None) or modes.current()
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                data = getattr(form, "cleaned_data", {})
                if registration.mode == Mode.APPROVAL:
                    services.application_create(
                        user=user, answer=data.get("answer", ""), question=registration.question
                    )
                elif registration.mode == Mode.INVITE:
                    services.invite_redeem(token=data.get("invite", ""), user=user)
        return user

    def respond_user_inactive(self, request, user):
        application = Application.objects.filter(user_id=user.pk).first()
        if application is None:
            return super().respond_user_inactive(request, user)
        return render(request, "joining/inactive.html", {"application": application})
