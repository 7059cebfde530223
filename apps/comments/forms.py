"""Input shapes for the HTML views. The rules themselves live in services
(`comment_body`, `comment_vote`); the forms call them so errors show next to
the field and the text the member typed stays in the textarea."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.posts.votes import VOTE_VALUES
from apps.profiles.languages import language_field

from .services import MAX_BODY_LENGTH, comment_body


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        # Required and the size are checked by comment_body with our own
        # messages; the attributes only help browsers say it early.
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "required": True, "maxlength": MAX_BODY_LENGTH}),
    )
    language = language_field()

    def __init__(self, *args, label: str | None = None, prefix_id: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["body"].label = label
        if prefix_id:
            # Several forms on one page: unique ids keep each label on its textarea.
            self.auto_id = f"{prefix_id}-%s"

    def clean_body(self) -> str:
        body = self.cleaned_data.get("body") or ""
        comment_body(body)  # raises ValidationError with the member-facing message
        return body


class VoteForm(forms.Form):
    value = forms.TypedChoiceField(
        choices=[(str(value), str(value)) for value in VOTE_VALUES], coerce=int
    )
