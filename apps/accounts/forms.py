"""allauth.mfa's security-key forms with translated labels and a bounded name
(MFA_FORMS in the settings)."""

from __future__ import annotations

from allauth.mfa.webauthn.forms import AddWebAuthnForm as BaseAddWebAuthnForm
from allauth.mfa.webauthn.forms import EditWebAuthnForm as BaseEditWebAuthnForm
from django import forms
from django.utils.translation import gettext_lazy as _

KEY_NAME_MAX_LENGTH = 60


def key_name_field(*, required: bool) -> forms.CharField:
    return forms.CharField(
        label=_("Name of the key"),
        # Translators: examples of names for a security key or passkey.
        help_text=_("For example “Blue key” or “Phone”."),
        max_length=KEY_NAME_MAX_LENGTH,
        required=required,
    )


class AddWebAuthnForm(BaseAddWebAuthnForm):
    name = key_name_field(required=False)


class EditWebAuthnForm(BaseEditWebAuthnForm):
    name = key_name_field(required=True)
