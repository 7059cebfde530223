"""Fail when a shipped locale has untranslated or fuzzy entries.

Run after `makemessages` (CI does) so new strings nobody translated are
caught. Prints each offending msgid so a translator knows what to do.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Check that every shipped locale is completely translated."

    def handle(self, *args: object, **options: object) -> None:
        problems: list[str] = []
        source = settings.LANGUAGE_CODE
        for code, _name in settings.LANGUAGES:
            if code == source:
                continue
            locale_name = _to_locale(code)
            found = False
            for locale_dir in settings.LOCALE_PATHS:
                for po_path in sorted(Path(locale_dir, locale_name, "LC_MESSAGES").glob("*.po")):
                    found = True
                    catalog = polib.pofile(str(po_path))
                    for entry in catalog.untranslated_entries():
                        problems.append(f"{po_path}: untranslated: {entry.msgid!r}")
                    for entry in catalog.fuzzy_entries():
                        problems.append(f"{po_path}: fuzzy: {entry.msgid!r}")
                    self.stdout.write(f"{po_path}: {catalog.percent_translated()}% translated")
            if not found:
                problems.append(f"{code}: no catalogue under LOCALE_PATHS")
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(problems)} translation problem(s).")
        self.stdout.write(self.style.SUCCESS("Every shipped locale is complete."))


def _to_locale(code: str) -> str:
    from django.utils.translation import to_locale

    return to_locale(code)
