"""Input shapes of the moderation pages. The services validate again; their
errors come back on these forms."""

from datetime import datetime, time
from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.http import add_form_errors, error_text

from .models import DETAILS_MAX_LENGTH, REASON_MAX_LENGTH, ReportReason

if TYPE_CHECKING:  # django-stubs' helper types: a dev requirement only
    from django_stubs_ext import StrOrPromise

# Reasons that make sense for each kind of target.
MEMBER_ONLY_REASONS = {ReportReason.IMPERSONATION}
CONTENT_ONLY_REASONS = {ReportReason.MISINFORMATION, ReportReason.RULES}


def reason_choices(kind: str) -> "list[tuple[str, StrOrPromise]]":
    # A private message breaks no community's rules and misinforms nobody
    # publicly: it takes the reasons about members.
    excluded = CONTENT_ONLY_REASONS if kind in ("member", "message") else MEMBER_ONLY_REASONS
    return [(value, label) for value, label in ReportReason.choices if value not in excluded]


class ErrorsText(forms.Form):
    def errors_text(self) -> str:
        """Every error of the form as one sentence (for an inline note)."""
        # An ErrorList yields its messages as text (the stubs also allow
        # ValidationError items, hence str()).
        return " ".join(" ".join(map(str, errors)) for errors in self.errors.values())


class ReportForm(ErrorsText, forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a reason from the list.")},
    )
    details = forms.CharField(
        label=_("Details for the moderators"),
        required=False,
        max_length=DETAILS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional, except for “Something else”. Only moderators read it."),
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        assert isinstance(reason, forms.ChoiceField)  # declared above
        reason.choices = reason_choices(kind)


class NoteForm(forms.Form):
    # Translators: Form label (a noun): a moderator's note on a report.
    note = forms.CharField(label=_("Note"), required=False, max_length=REASON_MAX_LENGTH)


class MemberForm(ErrorsText, forms.Form):
    member = forms.CharField(
        label=_("Username"),
        max_length=150,
        error_messages={"required": _("Whom? Type their username.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].widget.attrs.update(
            {"autocapitalize": "none", "autocomplete": "off", "spellcheck": "false"}
        )


class BanForm(MemberForm):
    # Translators: Form label (a noun): why a moderator acts.
    reason = forms.CharField(label=_("Reason"), required=False, max_length=REASON_MAX_LENGTH)
    until = forms.DateField(
        label=_("Ban ends on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: the ban lasts until a moderator lifts it."),
    )

    def expires_at(self) -> datetime | None:
        """The start of the chosen day in the moderator's time zone."""
        day = self.cleaned_data.get("until")
        if day is None:
            return None
        return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())

    def add_service_error(self, error: ValidationError | Exception) -> None:
        """A refusal of services.member_ban on this form: its "expires_at"
        is our "until"; a permission refusal goes on the form as a whole."""
        if not isinstance(error, ValidationError):
            self.add_error(None, error_text(error))
            return
        if hasattr(error, "error_dict") and "expires_at" in error.error_dict:
            error = ValidationError({"until": error.error_dict["expires_at"]})
        add_form_errors(self, error)
