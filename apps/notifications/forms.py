from django import forms

from .models import Kind
from .preferences import Choice


class NotificationSettingsForm(forms.Form):
    """Two checkboxes per kind: `site_<kind>` and `email_<kind>`. An unchecked
    box is absent from a POST, which is what "off" means."""

    def __init__(self, *args, initial_choices: dict[str, Choice], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            choice = initial_choices[kind.value]
            self.fields[f"site_{kind.value}"] = forms.BooleanField(
                required=False, initial=choice.site, label=kind.label
            )
            self.fields[f"email_{kind.value}"] = forms.BooleanField(
                required=False, initial=choice.email, label=kind.label
            )

    def rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        """(kind label, site box, email box), for the settings table."""
        return [
            (str(kind.label), self[f"site_{kind.value}"], self[f"email_{kind.value}"])
            for kind in Kind
        ]

    def choices(self) -> dict[str, Choice]:
        data = self.cleaned_data
        return {
            kind: Choice(site=data[f"site_{kind}"], email=data[f"email_{kind}"])
            for kind in Kind.values
        }
