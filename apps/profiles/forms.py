from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Profile
from .validators import WebAddressField, available_time_zones


def language_choices():
    return [("", _("Browser default")), *settings.LANGUAGES]


def time_zone_choices():
    return [("", _("Site default (UTC)"))] + [(tz, tz) for tz in sorted(available_time_zones())]


class ProfileForm(forms.ModelForm):
    """The member's own profile. The avatar is checked by the service
    (Pillow, size and pixel limits) and errors come back on this form."""

    language = forms.ChoiceField(label=_("Language"), choices=language_choices, required=False)
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        required=False,
        # IANA zone names are identifiers, not words: browsers must not translate them.
        widget=forms.Select(attrs={"translate": "no"}),
    )
    avatar = forms.FileField(
        label=_("Avatar"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP, at most 2 MB. It is cropped to a square."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
    )

    class Meta:
        model = Profile
        fields = ("display_name", "bio", "website", "language", "timezone")
        field_classes = {"website": WebAddressField}
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4}),
            "website": forms.URLInput(attrs={"placeholder": "https://"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # ClearableFileInput shows "currently" and a clear checkbox when set.
        self.fields["avatar"].initial = self.instance.avatar or None
