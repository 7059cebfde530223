"""Who may use the translation web UI (django-rosetta at /translate/).

Staff and members of the "Translators" group (created by the core migration
0002_translators_group; add people to it in the admin, Users → Groups).
Rosetta calls `can_translate` (ROSETTA_ACCESS_CONTROL_FUNCTION) before every
one of its views: visitors are sent to the login page, signed-in members who
are not translators get a 403 instead of a login form they cannot get past.
Rosetta imports this module on its first request, which connects the
receiver below before any save.
"""

import logging
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.utils.translation import to_locale
from rosetta.signals import post_save as rosetta_saved

from apps.core.catalogues import record_save, reset_loaded_catalogues

logger = logging.getLogger(__name__)

TRANSLATORS_GROUP = "Translators"


def is_translator(user) -> bool:
    """Staff, or an active member of the Translators group (1 query for non-staff)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.groups.filter(name=TRANSLATORS_GROUP).exists()


def can_translate(user) -> bool:
    if not user.is_authenticated:
        return False  # rosetta redirects to the login page, then back
    if is_translator(user):
        return True
    raise PermissionDenied


def saved_catalogue(language_code: str) -> Path | None:
    """The .po file rosetta just saved for `language_code`: ours (the first
    of LOCALE_PATHS that has it: the node's edits directory in an image,
    locale/ in a checkout; rosetta lists only that one)."""
    for base in settings.LOCALE_PATHS:
        path = Path(base) / to_locale(language_code) / "LC_MESSAGES" / "django.po"
        if path.exists():
            return path
    return None


def rewrap_like_gettext(path: Path) -> None:
    """Rosetta saves with polib, which wraps long lines differently from
    GNU gettext (makemessages, msgcat): one edit rewrote ~100 unrelated
    lines. `msgcat` writes the file back in gettext's own layout, so the
    diff is the edited entry and rosetta's header lines. Without gettext
    installed the file keeps polib's layout; nothing is lost."""
    msgcat = shutil.which("msgcat")
    if msgcat is None:
        return
    result = subprocess.run(  # noqa: S603 - fixed program, our own file
        [msgcat, "-o", str(path), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        logger.warning("translations: msgcat could not rewrap %s: %s", path, result.stderr)


@receiver(rosetta_saved)
def reload_catalogues(sender, language_code: str = "", request=None, **kwargs) -> None:
    """A translation saved in the web UI: its file keeps gettext's layout,
    and it takes effect at once in this process and, within
    CATALOGUE_CHECK_SECONDS, in every other web process and node
    (apps/core/catalogues.py publishes the saved file)."""
    path = saved_catalogue(language_code) if language_code else None
    if path is None:
        reset_loaded_catalogues()
        return
    rewrap_like_gettext(path)
    record_save(
        language_code=language_code,
        po_path=path,
        user=getattr(request, "user", None),
    )
