"""Input shape of the custom feed pages. The services check everything
again and word every refusal (a blank or taken name, an address the member
cannot read, too many communities), so the fields here are lenient: they
only cap what is parsed and hand the addresses on."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.communities.models import Community

from .models import DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH, FeedVisibility


class AnyChoices(forms.MultipleChoiceField):
    """Checkboxes whose posted values go to the service as they are: a value
    that is not among the choices (a private community's address typed into
    a hand-made request) gets the service's sentence, not Django's."""

    def valid_value(self, value) -> bool:
        return True


class CustomFeedForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), required=False, max_length=NAME_MAX_LENGTH * 4, strip=True
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH * 4,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what this feed gathers."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can read it"),
        choices=FeedVisibility.choices,
        initial=FeedVisibility.PRIVATE,
        widget=forms.RadioSelect,
    )
    communities = AnyChoices(
        label=_("Communities"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The communities you joined, and those already in this feed."),
    )
    more = forms.CharField(
        label=_("Other communities"),
        required=False,
        max_length=2000,
        help_text=_(
            "Optional: addresses of other communities you can read, separated by commas or "
            "spaces (e.g. gardening, c/python)."
        ),
    )

    def __init__(self, *args, choices: list[Community], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["communities"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [
            (community.slug, f"{community.name} (c/{community.slug})") for community in choices
        ]
        self.fields["name"].widget.attrs.update({"maxlength": NAME_MAX_LENGTH})
        self.fields["description"].widget.attrs.update({"maxlength": DESCRIPTION_MAX_LENGTH})
        self.fields["more"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def addresses(self) -> list[str]:
        """The checked communities, then the typed ones (the service folds doubles)."""
        typed = re.split(r"[\s,]+", self.cleaned_data.get("more") or "")
        return [*self.cleaned_data.get("communities", []), *(slug for slug in typed if slug)]

    def service_fields(self) -> dict:
        return {
            "name": self.cleaned_data.get("name", ""),
            "description": self.cleaned_data.get("description", ""),
            "visibility": self.cleaned_data["visibility"],
            "communities": self.addresses(),
        }
