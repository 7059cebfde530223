from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Community, Visibility


class CommunityForm(forms.ModelForm):
    """Input shape of /communities/new/. The service validates again
    (full_clean) and decides uniqueness; errors come back on this form."""

    class Meta:
        model = Community
        fields = ("name", "slug", "description", "rules", "visibility")
        labels = {
            "name": _("Name"),
            "slug": _("Address"),
            "description": _("Description"),
            "rules": _("Rules"),
            "visibility": _("Who can read and post"),
        }
        help_texts = {
            "name": _("Shown at the top of every page of the community."),
            "slug": _(
                "Your community will live at /c/<address>/: 3 to 40 lowercase letters, "
                "digits and hyphens. It cannot change later."
            ),
            "description": _(
                "What the community is about, in a few sentences. Blank lines start a new "
                "paragraph; links, bold, italics and lists can be written in HTML."
            ),
            "rules": _("One rule per line. Shown on the community's About page."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "rules": forms.Textarea(attrs={"rows": 6}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visibility"].choices = Visibility.choices
        self.fields["slug"].widget.attrs.update(
            {"autocapitalize": "none", "autocomplete": "off", "spellcheck": "false"}
        )

    def clean_slug(self) -> str:
        return (self.cleaned_data.get("slug") or "").strip().lower()

    def clean_name(self) -> str:
        name = (self.cleaned_data.get("name") or "").strip()
        if not name:
            raise forms.ValidationError(_("Give your community a name."), code="required")
        return name
