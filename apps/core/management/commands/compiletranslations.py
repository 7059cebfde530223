"""Compile every .po file under LOCALE_PATHS to .mo with polib.

Unlike `compilemessages` this needs no GNU gettext, so `make run` works on
any machine with Python. Fuzzy entries are left out, as msgfmt does.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo without GNU gettext."

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                catalog = polib.pofile(str(po_path))
                for entry in catalog.fuzzy_entries():
                    catalog.remove(entry)
                mo_path = po_path.with_suffix(".mo")
                catalog.save_as_mofile(str(mo_path))
                compiled += 1
                if options["verbosity"] > 1:
                    self.stdout.write(f"compiled {mo_path}")
        self.stdout.write(self.style.SUCCESS(f"Compiled {compiled} translation catalogue(s)."))
