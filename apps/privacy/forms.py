from django import forms
from django.utils.translation import gettext_lazy as _

KEEP, REMOVE = "keep", "remove"


class DeleteAccountForm(forms.Form):
    """Input shape of /settings/delete/. Who may delete was settled by the
    reauthentication (password or second factor) before the page shows."""

    content = forms.ChoiceField(
        label=_("Your posts and comments"),
        choices=[
            (KEEP, _("Keep them, shown as “[deleted]” (conversations stay readable)")),
            (REMOVE, _("Remove their text too")),
        ],
        initial=KEEP,
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account cannot be restored."),
        error_messages={"required": _("Tick the box to confirm that you want to leave.")},
    )

    @property
    def remove_content(self) -> bool:
        return self.cleaned_data.get("content") == REMOVE
