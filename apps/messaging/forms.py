"""Input shapes of the HTML views; the rules live in the services (the form
calls message_body so errors show next to the field, text kept)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .services import max_length, message_body


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        # Required and the size are checked by message_body with our own
        # messages; the attributes only help browsers say it early.
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "required": True}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["maxlength"] = max_length()

    def clean_body(self) -> str:
        body = self.cleaned_data.get("body") or ""
        message_body(body)  # raises ValidationError with the member-facing message
        return body


class NewMessageForm(MessageForm):
    """A first message, to a member named by their username."""

    to = forms.CharField(
        label=pgettext_lazy("message recipient", "To"),
        max_length=150,
        help_text=_("Their username."),
    )

    field_order = ["to", "body"]
