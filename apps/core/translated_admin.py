"""The admin's translated fields, each in its own language and direction.

django-modeltranslation's admin shows one input per language for every
translated field (Community name, description and rules, Tag name). The
text typed there is in that input's language, whatever the admin page's:
an Arabic or Hebrew name is written and read right-to-left on an English
page, an English one left-to-right on an Arabic page. `lang` also gives
spell checkers and screen readers the right language.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Field
from django.http import HttpRequest
from django.utils.translation import to_locale
from modeltranslation.admin import TranslationAdmin


def language_attrs(language: str) -> dict[str, str]:
    """`lang` and `dir` of an input holding text in `language` (a Django
    language code: "pt-br" → lang="pt-BR", "ar" → dir="rtl")."""
    return {
        "lang": to_locale(language).replace("_", "-"),
        "dir": "rtl" if language.split("-")[0] in settings.LANGUAGES_BIDI else "ltr",
    }


class TranslatedFieldsAdmin(TranslationAdmin):
    """A TranslationAdmin whose per-language inputs carry `lang` and `dir`."""

    def patch_translation_field(
        self, db_field: Field, field: forms.Field, request: HttpRequest, **kwargs: Any
    ) -> None:
        super().patch_translation_field(db_field, field, request, **kwargs)
        language = getattr(db_field, "language", None)  # set on the per-language fields only
        if language:
            self._get_widget_from_field(field).attrs.update(language_attrs(language))
