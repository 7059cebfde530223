"""Content languages: the language a post or comment is written in, and the
languages a member reads. One place for the codes (settings.LANGUAGES), the
default a new post or comment gets, the check of a submitted code and the
reading-language filter the feeds apply."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

FALLBACK_LANGUAGE = "en"


def language_codes() -> list[str]:
    """The shipped languages' codes, in settings order (`en`, `es`, … `pt-br`)."""
    return [code for code, _name in settings.LANGUAGES]


def language_choices() -> list[tuple[str, Any]]:
    """(code, name) pairs for a select, named in the page's language
    (settings.LANGUAGES holds lazy translations)."""
    return [(code, name) for code, name in settings.LANGUAGES]


def is_rtl(code: str) -> bool:
    return code.split("-")[0] in settings.LANGUAGES_BIDI


def normalize(code: str | None) -> str:
    """A code as stored: lowercase, hyphenated (`pt_BR` → `pt-br`)."""
    return (code or "").strip().lower().replace("_", "-")


def shipped(code: str | None) -> str | None:
    """`code` if it is a shipped language (or its base language is: `de-at`
    → `de`), else None."""
    code = normalize(code)
    codes = language_codes()
    if code in codes:
        return code
    base = code.split("-")[0]
    return base if base in codes else None


def default_content_language(author) -> str:
    """What a new post or comment is written in unless its author says
    otherwise: the author's profile language, else the language of the
    request (the active one), else English. No query: the profile comes with
    the user (apps.profiles.backends)."""
    profile = getattr(author, "profile", None)
    return shipped(getattr(profile, "language", "")) or shipped(get_language()) or FALLBACK_LANGUAGE


def current_content_language() -> str:
    """The form's initial language: the active one, which is the member's
    profile language when they chose one (MemberPreferencesMiddleware)."""
    return default_content_language(None)


# Translators: %(value)s is the language code a member or an API client sent.
UNKNOWN_LANGUAGE = gettext_lazy(
    "“%(value)s” is not a language of this site. Choose one from the list."
)


def language_field(**kwargs) -> forms.ChoiceField:
    """The language select of the submit, edit and comment forms."""
    return forms.ChoiceField(
        # Translators: A noun: form label and menu of the interface language.
        label=gettext_lazy("Language"),
        choices=language_choices,
        required=False,
        initial=current_content_language,
        error_messages={"invalid_choice": UNKNOWN_LANGUAGE},
        **kwargs,
    )


def clean_content_language(code: str | None, *, author) -> str:
    """The language a member chose for a post or comment: empty or None
    means the default; an unknown code is refused with a ValidationError on
    the `language` field (code `unknown_language`)."""
    if code is None or not str(code).strip():
        return default_content_language(author)
    code = normalize(code)
    if code not in language_codes():
        raise ValidationError(
            {
                "language": ValidationError(
                    # Translators: %(value)s is the language code a member or an API client sent.
                    _("“%(value)s” is not a language of this site. Choose one from the list.")
                    % {"value": code[:20]},
                    code="unknown_language",
                )
            }
        )
    return code


def clean_reading_languages(codes) -> list[str]:
    """A member's reading languages as stored: shipped codes, each once, in
    settings order. An unknown code is refused (ValidationError on
    `reading_languages`)."""
    chosen = {normalize(code) for code in codes or []}
    unknown = chosen - set(language_codes())
    if unknown:
        raise ValidationError(
            {
                "reading_languages": ValidationError(
                    # Translators: %(value)s is the language code a member or an API client sent.
                    _("“%(value)s” is not a language of this site. Choose one from the list.")
                    % {"value": sorted(unknown)[0][:20]},
                    code="unknown_language",
                )
            }
        )
    return [code for code in language_codes() if code in chosen]


def reading_languages(viewer) -> list[str]:
    """The languages `viewer` reads, or [] for every language (visitors,
    and members who chose none). No query: the profile comes with the user."""
    if viewer is None or not viewer.is_authenticated:
        return []
    profile = getattr(viewer, "profile", None)
    return list(getattr(profile, "reading_languages", None) or [])
