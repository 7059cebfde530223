from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import TOKEN_NAME_MAX_LENGTH, Scope

SCOPE_CHOICES = [
    ("read", _("Read only: GET requests")),
    ("read write", _("Read and write: post, comment, vote, follow, join")),
]
EXPIRY_CHOICES = [
    ("30", _("In 30 days")),
    ("90", _("In 90 days")),
    ("365", _("In a year")),
    ("7", _("In 7 days")),
    # Translators: An API token's expiry: it never expires.
    ("never", _("Never")),
]


class TokenForm(forms.Form):
    """Input shape of /settings/tokens/; the service validates again."""

    name = forms.CharField(
        label=_("Name"),
        max_length=TOKEN_NAME_MAX_LENGTH,
        help_text=_("What the token is for, e.g. “feed reader on my laptop”."),
        error_messages={"required": _("Give the token a name.")},
    )
    scopes = forms.ChoiceField(
        # Translators: A noun: what an API token may do (read only, or read and write).
        label=_("Access"),
        choices=SCOPE_CHOICES,
        initial="read",
        widget=forms.RadioSelect,
    )
    # Translators: Column heading (a verb, 3rd person): when an API token stops working.
    expiry = forms.ChoiceField(label=_("Expires"), choices=EXPIRY_CHOICES, initial="30")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update({"autocomplete": "off"})

    def clean_name(self) -> str:
        name = (self.cleaned_data.get("name") or "").strip()
        if not name:
            raise forms.ValidationError(_("Give the token a name."), code="required")
        return name

    def scope_list(self) -> list[str]:
        chosen = self.cleaned_data["scopes"].split()
        return [scope for scope in chosen if scope in Scope.values]

    def expires_at(self):
        expiry = self.cleaned_data["expiry"]
        if expiry == "never":
            return None
        return timezone.now() + timedelta(days=int(expiry))
