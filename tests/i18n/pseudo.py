"""A throwaway pseudo-locale that makes unmarked strings visible.

Every msgid of our catalogue and of the catalogues of the apps we render
(Django, its contrib apps, allauth) becomes ⟦ ⟧-wrapped text with accented
letters, placeholders and markup left intact. A page rendered in it shows
any string nobody marked for translation as plain ASCII letters outside ⟦ ⟧.
"""

import fcntl
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polib

PSEUDO_LANGUAGE = "eo"  # a real code Django knows, that Quorum does not ship
OPEN, CLOSE = "⟦", "⟧"
ACCENTS = str.maketrans("aeiouyAEIOUYcnszCNSZ", "àéîöüýÀÉÎÖÜÝçñšžÇÑŠŽ")
# Keep placeholders, tags, entities and template variables exactly as they are.
PROTECTED = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr%]|\{[^{}]*\}|<[^>]+>|&[#a-zA-Z0-9]+;"
)


def pseudo(text: str) -> str:
    if not text:
        return text
    parts, last = [], 0
    for match in PROTECTED.finditer(text):
        parts.append(text[last : match.start()].translate(ACCENTS))
        parts.append(match.group(0))
        last = match.end()
    parts.append(text[last:].translate(ACCENTS))
    return OPEN + "".join(parts) + CLOSE


def source_catalogues(base_dir: Path) -> list[Path]:
    """Catalogues whose msgids can appear on our pages: ours (extracted fresh
    by makemessages, so strings added since the last extraction count too)
    and those of the apps we render."""
    import allauth
    import django
    import rest_framework

    django_dir = Path(django.__file__).parent
    found = [
        django_dir / "conf/locale/es/LC_MESSAGES/django.po",
        *sorted(django_dir.glob("contrib/*/locale/es/LC_MESSAGES/django.po")),
        Path(allauth.__file__).parent / "locale/es/LC_MESSAGES/django.po",
        # DRF ships compiled catalogues only: its messages are the API's
        # error messages (tests/i18n/test_pseudo_locale_api.py).
        Path(rest_framework.__file__).parent / "locale/es/LC_MESSAGES/django.mo",
    ]
    return [path for path in found if path.exists()]


def _entries(path: Path) -> polib.POFile | polib.MOFile:
    return polib.mofile(str(path)) if path.suffix == ".mo" else polib.pofile(str(path))


# Run in a child process from the project directory. makemessages files each
# source under the locale directory next to it, and ./locale sits next to
# all of ours: every file is sent to the scratch directory instead, so the
# extraction never writes into the repository's locale/.
_EXTRACT = """
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.core.management.commands import makemessages

target = sys.argv[1]
settings.LOCALE_PATHS = [target]

class Command(makemessages.Command):
    def find_files(self, root):
        files = super().find_files(root)
        for found in files:
            found.locale_dir = target
        return files

call_command(Command(), locale=[sys.argv[2]], verbosity=0, ignore_patterns=sys.argv[3:])
"""
IGNORED = [".venv/*", "staticfiles/*", "var/*", "test-artifacts/*", "tests/*", "bench/*"]


def extract_project_catalogue(base_dir: Path, work_dir: Path) -> Path | None:
    """Run makemessages for the pseudo language into a scratch locale
    directory. Needs GNU gettext (xgettext); returns None without it."""
    if shutil.which("xgettext") is None:
        return None
    locale_dir = work_dir / "extract" / "locale"
    locale_dir.mkdir(parents=True, exist_ok=True)
    # makemessages writes a temporary <template>.py next to each template it
    # reads and deletes it after: two runs on one checkout at once (xdist
    # workers, two test runs) would delete each other's. One at a time.
    with _locked(Path(tempfile.gettempdir()) / f"quorum-makemessages-{_digest(base_dir)}.lock"):
        subprocess.run(
            [sys.executable, "-c", _EXTRACT, str(locale_dir), PSEUDO_LANGUAGE, *IGNORED],
            cwd=base_dir,
            check=True,
        )
    po = locale_dir / "eo" / "LC_MESSAGES" / "django.po"
    return po if po.exists() else None


def build_pseudo_locale(base_dir: Path, work_dir: Path) -> Path:
    """Write <work_dir>/locale/eo/LC_MESSAGES/django.mo; return the locale dir.
    A process builds it once: later calls copy the first build."""
    target = work_dir / "locale" / PSEUDO_LANGUAGE / "LC_MESSAGES"
    built = _built.get(base_dir)
    if built is not None and built.exists():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target / "django.mo")
        return work_dir / "locale"
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    seen: set[tuple[str, str]] = set()
    sources = source_catalogues(base_dir)
    ours = extract_project_catalogue(base_dir, work_dir)
    if ours is not None:
        sources.append(ours)
    sources += sorted((base_dir / "locale").glob("*/LC_MESSAGES/django.po"))
    for path in sources:
        for entry in _entries(path):
            key = (entry.msgctxt or "", entry.msgid)
            if key in seen or not entry.msgid:
                continue
            seen.add(key)
            new = polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt)
            if entry.msgid_plural:
                new.msgid_plural = entry.msgid_plural
                new.msgstr_plural = {0: pseudo(entry.msgid), 1: pseudo(entry.msgid_plural)}
            else:
                new.msgstr = pseudo(entry.msgid)
            catalogue.append(new)
    target.mkdir(parents=True, exist_ok=True)
    catalogue.save_as_mofile(str(target / "django.mo"))
    _built[base_dir] = target / "django.mo"
    return work_dir / "locale"


def shared_pseudo_locale(base_dir: Path, run_dir: Path) -> Path:
    """The pseudo-locale of this test run, built once in `run_dir` however
    many xdist workers ask for it (the build runs makemessages: seconds).
    The first worker builds under a lock; the others wait and reuse it."""
    run_dir.mkdir(parents=True, exist_ok=True)
    compiled = run_dir / "locale" / PSEUDO_LANGUAGE / "LC_MESSAGES" / "django.mo"
    with _locked(run_dir / ".lock"):
        if not compiled.exists():
            build_pseudo_locale(base_dir, run_dir)
    _built.setdefault(base_dir, compiled)
    return run_dir / "locale"


# base dir -> the .mo this process built first (build_pseudo_locale copies it).
_built: dict[Path, Path] = {}


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if missing) for the block."""
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _digest(path: Path) -> str:
    return hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12]
