"""Who may use the translation web UI (django-rosetta at /translate/).

Staff and members of the "Translators" group (created by the core migration
0002_translators_group; add people to it in the admin, Users → Groups).
Rosetta calls `can_translate` (ROSETTA_ACCESS_CONTROL_FUNCTION) before every
one of its views: visitors are sent to the login page, signed-in members who
are not translators get a 403 instead of a login form they cannot get past.
Rosetta imports this module on its first request, which connects the
receiver below before any save.
"""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.utils.translation.reloader import translation_file_changed
from rosetta.signals import post_save as rosetta_saved

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


@receiver(rosetta_saved)
def reload_catalogues(sender, **kwargs) -> None:
    """A translation saved in the web UI shows at once in this process
    (Django keeps loaded catalogues in memory): the same reset `runserver`
    does when a .mo file changes. Other web processes pick the change up
    when they restart."""
    translation_file_changed(sender=None, file_path=Path("django.mo"))
