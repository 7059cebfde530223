"""docs/glossary.md is the catalogues' own vocabulary, and a few of its terms
are used the same way wherever they appear."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

GLOSSARY = Path(settings.BASE_DIR) / "docs" / "glossary.md"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
ROW = re.compile(
    r"^\| (?P<term>[^|]+) \| `(?P<msgid>[^`]+)`(?: \((?P<msgctxt>[^)]+)\))? \| (?P<rest>.+) \|$"
)


def catalogue(code: str) -> polib.POFile:
    return polib.pofile(
        str(Path(settings.BASE_DIR) / "locale" / to_locale(code) / "LC_MESSAGES" / "django.po")
    )


def glossary() -> list[dict]:
    header = [
        cell.strip()
        for cell in GLOSSARY.read_text().split("| Term |", 1)[1].split("\n", 1)[0].split("|")
    ]
    codes = [cell.lower() for cell in header if cell and cell != "msgid"]
    rows = []
    for line in GLOSSARY.read_text().splitlines():
        match = ROW.match(line)
        if match:
            cells = [cell.strip().replace("\\|", "|") for cell in match["rest"].split(" | ")]
            rows.append({**match.groupdict(), "words": dict(zip(codes, cells, strict=True))})
    return rows


def test_the_glossary_covers_every_shipped_language_and_the_issues_terms():
    rows = glossary()
    assert set(rows[0]["words"]) == set(LANGUAGES)
    terms = {row["term"] for row in rows}
    for term in ("community", "post (noun)", "comment (noun)", "moderator", "karma", "member",
                 "staff", "inbox", "notification", "mention", "follow", "block", "mute", "report",
                 "ban", "suspend", "two-factor authentication", "passkey", "session"):  # fmt: skip
        assert term in terms


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_glossary_is_what_the_catalogue_says(code):
    po = catalogue(code)
    for row in glossary():
        entry = (
            po.find(row["msgid"], msgctxt=row["msgctxt"])
            if row["msgctxt"]
            else po.find(row["msgid"])
        )
        assert entry is not None, row["msgid"]
        assert entry.msgstr == row["words"][code], (code, row["msgid"])


# (English word in a msgid, glossary term): every translation of a msgid with
# that word (in the same case and form) contains the glossary's word.
CONSISTENT = {
    "es": [("two-factor", "dos factores"), ("Community", "Comunidad"), ("karma", "karma")],
    "de": [("email address", "E-Mail-Adresse"), ("two-factor", "Zwei-Faktor"), ("karma", "Karma")],
    "fr": [("two-factor", "deux facteurs"), ("karma", "karma")],
    "pt-br": [("two-factor", "dois fatores"), ("karma", "karma")],
    "pl": [("karma", "karma")],
}


@pytest.mark.parametrize("code", CONSISTENT)
def test_a_few_glossary_terms_are_used_consistently(code):
    po = catalogue(code)
    for english, word in CONSISTENT[code]:
        pattern = re.compile(rf"\b{re.escape(english)}\b")
        for entry in po.translated_entries():
            if entry.obsolete or not pattern.search(entry.msgid):
                continue
            translations = (
                [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
            )
            for text in translations:
                assert word.lower() in text.lower(), (code, entry.msgid, text)
