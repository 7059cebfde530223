from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from apps.core.html import editable_text

from .languages import UNKNOWN_LANGUAGE
from .languages import language_choices as content_language_choices
from .models import Profile
from .validators import WebAddressField, available_time_zones


def language_choices():
    return [("", _("Browser default")), *settings.LANGUAGES]


def time_zone_choices():
    return [("", _("Site default (UTC)"))] + [(tz, tz) for tz in sorted(available_time_zones())]


class ProfileForm(forms.ModelForm):
    """The member's own profile. The avatar is checked by the service
    (Pillow, size and pixel limits) and errors come back on this form."""

    # Translators: A noun: form label and menu of the interface language.
    language = forms.ChoiceField(label=_("Language"), choices=language_choices, required=False)
    timezone = forms.ChoiceField(
        # Translators: A noun: form label.
        label=_("Time zone"),
        choices=time_zone_choices,
        required=False,
        # IANA zone names are identifiers, not words: browsers must not translate them.
        widget=forms.Select(attrs={"translate": "no"}),
    )
    reading_languages = forms.MultipleChoiceField(
        label=_("Languages you read"),
        choices=content_language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Your home, /all/, community and tag feeds show only posts in these languages. "
            "Tick none to read every language."
        ),
        error_messages={"invalid_choice": UNKNOWN_LANGUAGE},
    )
    avatar = forms.FileField(
        # Translators: A noun: form label of a member's profile picture.
        label=_("Avatar"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP, at most 2 MB. It is cropped to a square."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
    )

    class Meta:
        model = Profile
        fields = ("display_name", "bio", "website", "language", "timezone", "reading_languages")
        field_classes = {"website": WebAddressField}
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4}),
            "website": forms.URLInput(attrs={"placeholder": "https://"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # ClearableFileInput shows "currently" and a clear checkbox when set.
        self.fields["avatar"].initial = self.instance.avatar or None
        # The bio is stored as HTML: give back the text typed when it was plain.
        self.initial["bio"] = editable_text(self.instance.bio)
        self.fields["bio"].help_text = _(
            "Blank lines start a new paragraph. Links, bold, italics, lists and quotes "
            "can be written in HTML (<a>, <strong>, <em>, <ul>, <blockquote>)."
        )
