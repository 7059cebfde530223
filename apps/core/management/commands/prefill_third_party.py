"""`manage.py prefill_third_party`: give the third-party strings our catalogue
overrides (apps/core/third_party_strings.py) the third party's translation
wherever ours is still empty or fuzzy, so only the corrections are ours.
Run by `make messages` after makemessages."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import allauth
import django
import polib
import rest_framework
import rosetta
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import to_locale

SOURCE = "apps/core/third_party_strings.py"


# Third parties that name a locale differently from Django: DRF ships Hebrew
# as he_IL only.
LOCALE_ALIASES = {"he": ["he_IL"]}


def read_catalogue(directory: Path) -> polib.POFile | polib.MOFile | None:
    """The catalogue in an LC_MESSAGES directory: the .po when shipped, else
    the compiled .mo (DRF ships only .mo files for some locales)."""
    po_path = directory / "django.po"
    if po_path.exists():
        return polib.pofile(str(po_path))
    mo_path = directory / "django.mo"
    if mo_path.exists():
        return polib.mofile(str(mo_path))
    return None


def locale_catalogues(locale_dir: Path, locale: str) -> list[polib.POFile | polib.MOFile]:
    catalogues = []
    for name in [locale, *LOCALE_ALIASES.get(locale, [])]:
        catalogue = read_catalogue(locale_dir / name / "LC_MESSAGES")
        if catalogue is not None:
            catalogues.append(catalogue)
    return catalogues


def third_party_catalogues(locale: str) -> list[polib.POFile | polib.MOFile]:
    """Django's catalogues, then allauth's, rosetta's and DRF's: the first
    translation found wins."""
    django_dir = Path(django.__file__).parent
    allauth_dir = Path(allauth.__file__).parent
    paths = [
        django_dir / "conf" / "locale" / locale / "LC_MESSAGES" / "django.po",
        *sorted(django_dir.glob(f"contrib/*/locale/{locale}/LC_MESSAGES/django.po")),
        allauth_dir / "locale" / locale / "LC_MESSAGES" / "django.po",
    ]
    catalogues: list[polib.POFile | polib.MOFile] = [
        polib.pofile(str(path)) for path in paths if path.exists()
    ]
    for package in (rosetta, rest_framework):
        catalogues += locale_catalogues(Path(package.__path__[0]) / "locale", locale)
    return catalogues


def plural_count(po: polib.POFile | polib.MOFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def fit_plural_forms(forms: dict[int, str], count: int) -> dict[int, str]:
    """The third party's plural forms, as many as our catalogue's header
    declares: Django's pt_BR has three where ours has two (the extra form is
    the same as the last one kept); a missing form repeats the last one."""
    ordered = [forms[index] for index in sorted(forms)]
    return {index: ordered[min(index, len(ordered) - 1)] for index in range(count)}


def has_translation(entry: polib.POEntry | polib.MOEntry) -> bool:
    """polib's MOEntry has no translated(): a compiled catalogue holds no
    fuzzy entries, only translations (all plural forms, or none)."""
    if isinstance(entry, polib.POEntry):
        return entry.translated()
    if entry.msgid_plural:
        return all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def prefill(po: polib.POFile, sources: list[polib.POFile | polib.MOFile]) -> int:
    filled = 0
    for entry in po:
        ours = any(path == SOURCE for path, _line in entry.occurrences)
        if not ours or (entry.translated() and "fuzzy" not in entry.flags):
            continue
        for source in sources:
            found = source.find(entry.msgid, msgctxt=entry.msgctxt)
            if found is None or not has_translation(found):
                continue
            if entry.msgid_plural:
                entry.msgstr_plural = fit_plural_forms(found.msgstr_plural, plural_count(po))
            else:
                entry.msgstr = found.msgstr
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            filled += 1
            break
    return filled


class Command(BaseCommand):
    help = "Copy third-party translations into our catalogue where ours is empty"

    def handle(self, *args: Any, **options: Any) -> None:
        for code, _name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            locale = to_locale(code)
            path = Path(settings.BASE_DIR) / "locale" / locale / "LC_MESSAGES" / "django.po"
            po = polib.pofile(str(path), wrapwidth=79)
            filled = prefill(po, third_party_catalogues(locale))
            if filled:
                po.save()
                # Back to gettext's own wrapping, as makemessages wrote it.
                subprocess.run(["msgcat", "-o", str(path), str(path)], check=True)  # noqa: S603, S607
            self.stdout.write(f"{locale}: {filled} third-party strings prefilled")
