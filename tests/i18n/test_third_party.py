"""Third-party strings our catalogue overrides (apps/core/third_party_strings.py)
match the third party's msgids exactly, and `manage.py prefill_third_party`
copies the third party's translation (Django's, then allauth's) into ours."""

import ast
from pathlib import Path

import allauth
import django
import django_tasks_db
import polib
import pytest
from django.conf import settings

from apps.core.management.commands.prefill_third_party import (
    SOURCE,
    prefill,
    third_party_catalogues,
)

ALLAUTH_CATALOGUE = Path(allauth.__file__).parent / "locale" / "{}" / "LC_MESSAGES" / "django.po"
LANGUAGES = ["es", "fr", "de", "pt_BR", "ar", "he", "pl"]


def listed(name: str) -> list[tuple[str | None, str, str | None]]:
    """(msgctxt, msgid, msgid_plural) of each call in the module's list `name`."""
    tree = ast.parse((Path(settings.BASE_DIR) / SOURCE).read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == name:  # type: ignore[attr-defined]
            strings = []
            for call in node.value.elts:  # type: ignore[attr-defined]
                args = [arg.value for arg in call.args if isinstance(arg, ast.Constant)]
                if call.func.id.startswith(("pgettext", "npgettext")):
                    strings.append((args[0], args[1], args[2] if len(args) > 3 else None))
                else:
                    strings.append((None, args[0], args[1] if len(args) > 2 else None))
            return strings
    raise AssertionError(f"{SOURCE} has no list {name}")


def test_every_allauth_override_is_an_allauth_msgid():
    allauth_po = polib.pofile(str(ALLAUTH_CATALOGUE).format("es"))
    strings = listed("ALLAUTH")
    assert len(strings) > 50
    for msgctxt, msgid, msgid_plural in strings:
        entry = allauth_po.find(msgid, msgctxt=msgctxt) if msgctxt else allauth_po.find(msgid)
        assert entry is not None, f"not an allauth msgid: {msgid!r}"
        assert (entry.msgid_plural or None) == msgid_plural


def test_every_admin_override_is_a_string_the_third_party_marks():
    django_po = polib.pofile(
        str(Path(django.__file__).parent / "conf" / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    )
    tasks_source = (Path(django_tasks_db.__file__).parent / "models.py").read_text()
    for msgctxt, msgid, _plural in listed("DJANGO_TASKS"):
        in_django = django_po.find(msgid, msgctxt=msgctxt) if msgctxt else django_po.find(msgid)
        assert in_django is not None or f'_("{msgid}")' in tasks_source, msgid


def our_entry(msgid: str, msgctxt: str | None = None) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Plural-Forms": "nplurals=2; plural=(n != 1);"}
    po.append(polib.POEntry(msgid=msgid, msgctxt=msgctxt, msgstr="", occurrences=[(SOURCE, "1")]))
    return po


@pytest.mark.parametrize("locale", LANGUAGES)
def test_the_prefill_copies_allauths_translation(locale):
    allauth_po = polib.pofile(str(ALLAUTH_CATALOGUE).format(locale))
    expected = allauth_po.find("You have signed out.").msgstr
    po = our_entry("You have signed out.")
    assert prefill(po, third_party_catalogues(locale)) == 1
    assert po[0].msgstr == expected


def test_the_prefill_prefers_djangos_catalogue_to_allauths():
    catalogues = third_party_catalogues("fr")
    assert catalogues[0].fpath.endswith("django/conf/locale/fr/LC_MESSAGES/django.po")
    paths = [catalogue.fpath for catalogue in catalogues]
    allauth_index = paths.index(str(ALLAUTH_CATALOGUE).format("fr"))
    # Then rosetta's and DRF's (tests/i18n/test_third_party_catalogues.py).
    assert all(
        "/rosetta/" in path or "/rest_framework/" in path for path in paths[allauth_index + 1 :]
    )


def test_the_prefill_keeps_a_translation_of_ours():
    po = our_entry("You have signed out.")
    po[0].msgstr = "Tu t’es déconnecté·e."
    assert prefill(po, third_party_catalogues("fr")) == 0
    assert po[0].msgstr == "Tu t’es déconnecté·e."
