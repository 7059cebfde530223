"""The shipped catalogues: complete, compiled, and faithful to their msgids.

A translation that drops or renames a placeholder raises KeyError (or shows
the wrong value) at runtime; one that breaks markup breaks the page. These
tests read every locale/<locale>/LC_MESSAGES/django.po of settings.LANGUAGES.
"""

import gettext
import io
import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import to_locale

PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]")
TAG = re.compile(r"<[^>]+>")
SHIPPED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogue_path(code: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / to_locale(code) / "LC_MESSAGES" / "django.po"


def single_value_forms(plural_forms: str) -> set[int]:
    """Plural forms used for exactly one number (Arabic's 0, 1 and 2; the
    singular where it means only 1): their text may leave the number out,
    as in "تعليقان" (two comments) or "un commentaire"."""
    expression = re.search(r"plural=(.+?);?\s*$", plural_forms).group(1)
    plural = gettext.c2py(expression)
    numbers = [*range(0, 2001), 1_000_000, 2_000_000, 10_000_000]
    uses = Counter(plural(n) for n in numbers)
    return {form for form, count in uses.items() if count == 1}


def test_every_shipped_language_has_a_catalogue():
    for code in SHIPPED:
        assert catalogue_path(code).exists(), code


def test_checktranslations_passes():
    """The CI guard itself: no untranslated or fuzzy entry in any shipped locale
    (it raises CommandError, listing them, otherwise)."""
    out = io.StringIO()
    call_command("checktranslations", stdout=out)
    assert "Every shipped locale is complete." in out.getvalue()


@pytest.mark.parametrize("code", SHIPPED)
def test_translations_keep_placeholders_and_markup(code):
    catalogue = polib.pofile(str(catalogue_path(code)))
    free_forms = single_value_forms(catalogue.metadata["Plural-Forms"])
    problems = []
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            wanted = Counter(PLACEHOLDER.findall(entry.msgid_plural))
            for form, text in entry.msgstr_plural.items():
                found = Counter(PLACEHOLDER.findall(text))
                unknown = found - wanted - Counter(PLACEHOLDER.findall(entry.msgid))
                missing = wanted - found
                if unknown or (missing and form not in free_forms):
                    problems.append((entry.msgid, form, text))
                if sorted(TAG.findall(text)) != sorted(TAG.findall(entry.msgid_plural)):
                    problems.append((entry.msgid, form, "markup", text))
        else:
            if Counter(PLACEHOLDER.findall(entry.msgstr)) != Counter(
                PLACEHOLDER.findall(entry.msgid)
            ):
                problems.append((entry.msgid, entry.msgstr))
            if sorted(TAG.findall(entry.msgstr)) != sorted(TAG.findall(entry.msgid)):
                problems.append((entry.msgid, "markup", entry.msgstr))
    assert not problems, problems


@pytest.mark.parametrize("code", SHIPPED)
def test_plural_entries_have_every_form(code):
    catalogue = polib.pofile(str(catalogue_path(code)))
    count = int(re.search(r"nplurals=(\d+)", catalogue.metadata["Plural-Forms"]).group(1))
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == list(range(count)), entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("code", SHIPPED)
def test_compiled_catalogue_matches_its_source(code):
    """The .mo Django reads says what the .po says (compiletranslations ran)."""
    source = polib.pofile(str(catalogue_path(code)))
    compiled = polib.mofile(str(catalogue_path(code).with_suffix(".mo")))

    def table(catalogue):
        return {
            (entry.msgctxt, entry.msgid): (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))
            for entry in catalogue
            if entry.msgid
            and (entry.msgstr or entry.msgstr_plural)
            and "fuzzy" not in getattr(entry, "flags", ())
        }

    assert table(compiled) == table(source)


def test_the_single_value_forms_of_arabic_are_zero_one_and_two():
    catalogue = polib.pofile(str(catalogue_path("ar")))
    assert single_value_forms(catalogue.metadata["Plural-Forms"]) == {0, 1, 2}


def test_compiled_catalogue_is_readable_by_other_users(tmp_path):
    """In the image root compiles the catalogues and the web process (another
    user) reads them: a .mo must not keep mkstemp's 0600."""
    from apps.core.management.commands.compiletranslations import compile_catalogue

    source = Path(settings.LOCALE_PATHS[0]) / "fr" / "LC_MESSAGES" / "django.po"
    po_path = tmp_path / "django.po"
    po_path.write_bytes(source.read_bytes())
    assert compile_catalogue(po_path)
    mode = po_path.with_suffix(".mo").stat().st_mode & 0o777
    assert mode & 0o044 == 0o044, oct(mode)
