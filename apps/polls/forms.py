from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import MAX_OPTIONS, OPTION_MAX_LENGTH


class PollForm(forms.Form):
    """The poll part of /c/<slug>/submit/poll/: the question is the post's
    title; up to MAX_OPTIONS option inputs (empty ones are ignored), single
    or multiple choice, an optional closing time in the member's time zone.
    apps.polls.services checks the options (2 to 10, distinct)."""

    multiple = forms.BooleanField(
        label=_("Members may choose several options"),
        required=False,
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_(
            "Optional. After this time the poll takes no more votes and shows its results."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index in range(1, MAX_OPTIONS + 1):
            field = forms.CharField(
                required=False,
                max_length=OPTION_MAX_LENGTH,
                # Translators: The label of a poll's option input; %(number)s is its position.
                label=gettext("Option %(number)s") % {"number": index},
            )
            self.fields[f"option_{index}"] = field

    def option_fields(self):
        return [self[f"option_{index}"] for index in range(1, MAX_OPTIONS + 1)]

    def options(self) -> list[str]:
        """The options typed, in order, empty inputs left out."""
        values = (self.cleaned_data.get(f"option_{i}") or "" for i in range(1, MAX_OPTIONS + 1))
        return [value.strip() for value in values if value.strip()]
