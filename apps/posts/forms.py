from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from tinymce.widgets import TinyMCE

from apps.media.models import ALT_MAX_LENGTH
from apps.profiles.languages import language_field
from apps.profiles.validators import WebAddressField
from apps.tags.services import parse_tags

from .models import (
    BODY_MAX_LENGTH,
    KEYWORD_FILTER_MAX_LENGTH,
    LINK_MAX_LENGTH,
    MAX_TAGS,
    TITLE_MAX_LENGTH,
)


class PostForm(forms.Form):
    """Input shape of the submit and edit pages. The body comes from TinyMCE
    or, without JavaScript, from the same textarea as plain text; either way
    the service sanitizes it. The service validates everything again."""

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        error_messages={"required": _("Give your post a title.")},
    )
    link = WebAddressField(
        label=_("Link"),
        required=False,
        max_length=LINK_MAX_LENGTH,
        assume_scheme="https",
        help_text=_("Optional: a web address (http:// or https://) the post is about."),
    )
    body = forms.CharField(
        label=_("Text"),
        required=False,
        strip=False,
        widget=TinyMCE(attrs={"rows": 14, "cols": 60}),
        help_text=_(
            "Optional. Without the editor, type plain text: a blank line starts a new paragraph."
        ),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=400,
    )
    language = language_field(
        help_text=_(
            "The language the post is written in. Screen readers use it, and members who chose "
            "their reading languages see the post only if they read this one."
        ),
    )
    # A one-time token: a form sent twice (double click, reload) makes one post.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, with_image: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_image:
            self._add_image_fields()
        # Set here, not on the field: `lazy % values` would be translated once,
        # at import, in whatever language was active then.
        self.fields["tags"].help_text = gettext(
            # Translators: Help text of the tags field; %(count)s is the most tags a post may have.
            # Keep the example tags as they are.
            "Up to %(count)s, separated by commas, e.g. python, web-development."
        ) % {"count": MAX_TAGS}
        self.fields["tags"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["link"].widget.attrs.update({"placeholder": "https://"})

    def _add_image_fields(self) -> None:
        """The submit page's image without JavaScript: a file field and its
        alternative text, placed after the text. The view uploads the image
        (apps.media.services.image_upload) and appends it to the body; the
        editor uploads its own images as they are pasted or chosen."""
        self.fields["image"] = forms.FileField(
            label=_("Image"),
            required=False,
            help_text=_(
                "Optional: a JPEG, PNG, GIF or WebP image, shown below the text. "
                "It is converted and its metadata (such as location) removed."
            ),
            widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
        )
        self.fields["image_alt"] = forms.CharField(
            label=_("Image description"),
            required=False,
            max_length=ALT_MAX_LENGTH,
            help_text=_(
                "What the image shows, for people who cannot see it (read by screen readers)."
            ),
        )
        order = list(self.fields)
        for name in ("image", "image_alt"):
            order.remove(name)
        position = order.index("body") + 1
        self.order_fields([*order[:position], "image", "image_alt", *order[position:]])

    def clean_body(self) -> str:
        body = self.cleaned_data.get("body") or ""
        if len(body) > BODY_MAX_LENGTH:
            raise ValidationError(
                # Translators: %(limit)s is the longest allowed length, %(count)s the length of the
                # member's text (numbers).
                _("The text is too long: at most %(limit)s characters (it has %(count)s).")
                % {
                    "limit": number_format(BODY_MAX_LENGTH, force_grouping=True),
                    "count": number_format(len(body), force_grouping=True),
                },
                code="long",
            )
        return body

    def clean_tags(self) -> list[str]:
        return parse_tags(self.cleaned_data.get("tags") or "", limit=MAX_TAGS)


class KeywordFilterForm(forms.Form):
    """A word or phrase to hide from the member's feeds (the service trims
    it, checks the cap and the length again)."""

    phrase = forms.CharField(
        label=_("Word or phrase"),
        max_length=KEYWORD_FILTER_MAX_LENGTH,
        error_messages={
            "required": _("Enter a word or phrase to filter."),
            # Translators: %(limit_value)d is the longest filter, in characters.
            "max_length": _("A filter is at most %(limit_value)d characters long."),
        },
        help_text=_(
            "Posts whose title contains it, in any case, are hidden from your home and /all/ "
            "feeds. It is matched as plain text."
        ),
    )
