"""Compile every .po file under LOCALE_PATHS to .mo with polib.

Unlike `compilemessages` this needs no GNU gettext, so `make run` works on
any machine with Python. Fuzzy entries are left out, as msgfmt does. A .mo
is only rewritten when its content changes, and atomically (a temporary
file renamed over it), so parallel test workers or a running server never
read half a file. The test suite runs it on start (conftest.py), so the
.mo files always match the .po sources a test reads.

The temporary file comes from mkstemp, which creates it with mode 0600; the
.mo is made world-readable (0644) before it is renamed into place, because
in the image the catalogues are compiled by root at build time and read by
the web process running as another user.
"""

import os
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

MO_FILE_MODE = 0o644


def compile_catalogue(po_path: Path) -> bool:
    """Write po_path's .mo next to it; True if the .mo changed."""
    catalog = polib.pofile(str(po_path))
    for entry in catalog.fuzzy_entries():
        catalog.remove(entry)
    mo_path = po_path.with_suffix(".mo")
    handle, temporary = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
    os.close(handle)
    try:
        catalog.save_as_mofile(temporary)
        os.chmod(temporary, MO_FILE_MODE)
        new = Path(temporary).read_bytes()
        if mo_path.exists() and mo_path.read_bytes() == new:
            return False
        os.replace(temporary, mo_path)
        return True
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def compile_all() -> tuple[int, int]:
    """(catalogues found, .mo files rewritten) over every LOCALE_PATHS entry."""
    found = changed = 0
    for locale_dir in settings.LOCALE_PATHS:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
            found += 1
            changed += compile_catalogue(po_path)
    return found, changed


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo without GNU gettext."

    def handle(self, *args, **options):
        found, changed = compile_all()
        self.stdout.write(
            self.style.SUCCESS(f"Compiled {found} translation catalogue(s), {changed} changed.")
        )
