"""The translators' web UI at /translate/ (django-rosetta): who may use it,
which catalogues it offers, and that an edit lands in the .po file."""

import hashlib
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.utils import translation

from apps.core.translators import TRANSLATORS_GROUP
from conftest import make_member

pytestmark = pytest.mark.django_db

FILE_LIST = "/translate/files/project/"


@pytest.fixture
def translator(db):
    user = make_member("tomasz")
    group, _created = Group.objects.get_or_create(name=TRANSLATORS_GROUP)
    user.groups.add(group)
    return user


def test_the_translators_group_comes_with_the_migrations():
    """Its data migration is applied and makes the group. (Run here on its own: a
    transactional test earlier on the same worker flushes every table, the
    migrations' rows included.)"""
    from importlib import import_module

    from django.apps import apps
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    applied = MigrationRecorder(connection).applied_migrations()
    assert ("core", "0002_translators_group") in applied
    migration = import_module("apps.core.migrations.0002_translators_group")
    Group.objects.filter(name=TRANSLATORS_GROUP).delete()
    migration.create_group(apps, None)
    assert Group.objects.filter(name=TRANSLATORS_GROUP).exists()


def test_visitors_are_sent_to_the_login_page(client):
    response = client.get(FILE_LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/translate/")


def test_members_who_are_not_translators_are_refused(client, member):
    client.force_login(member)
    assert client.get(FILE_LIST).status_code == 403
    assert client.get("/translate/files/project/es/0/").status_code == 403


def test_an_inactive_translator_is_refused(client, translator):
    translator.is_active = False
    translator.save()
    client.force_login(translator)
    assert client.get(FILE_LIST).status_code in (302, 403)


@pytest.mark.parametrize("who", ["translator", "staff_member"])
def test_translators_and_staff_see_our_catalogues(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(FILE_LIST)
    assert response.status_code == 200
    html = response.content.decode()
    for code in ["es", "fr", "de", "pt-br", "ar"]:
        assert f"/translate/files/project/{code}/0/" in html, code
    # English is the source language; nothing from the virtualenv.
    assert "/translate/files/project/en/" not in html
    assert ".venv" not in html and "site-packages" not in html
    # No tab leads to a listing that answers 404, no server path is shown.
    for listing in ["django", "third-party", "all"]:
        assert f"/translate/files/{listing}/" not in html
    assert str(django_settings.BASE_DIR) not in html
    assert "locale/es/LC_MESSAGES/django.po" in html


@pytest.mark.parametrize("listing", ["django", "third-party", "all"])
def test_catalogues_outside_locale_are_not_offered(client, translator, listing):
    client.force_login(translator)
    assert client.get(f"/translate/files/{listing}/").status_code == 404
    assert client.get(f"/translate/files/{listing}/es/0/").status_code == 404


def test_the_translation_form_opens(client, translator):
    client.force_login(translator)
    response = client.get("/translate/files/project/ar/0/")
    assert response.status_code == 200
    assert b'name="m_' in response.content  # the message fields


@pytest.fixture
def scratch_locale(settings, tmp_path):
    """A copy of locale/ that the UI edits instead of the real one."""
    real = Path(django_settings.BASE_DIR, "locale")
    copy = tmp_path / "locale"
    shutil.copytree(real, copy)
    settings.LOCALE_PATHS = [copy]
    settings.ROSETTA_EXCLUDED_PATHS = [str(real)]
    yield copy
    # Edits reset Django's loaded catalogues: load the real ones again.
    translation.trans_real._translations = {}
    translation.trans_real._default = None


def test_an_edit_lands_in_the_po_file_and_its_compiled_catalogue(
    client, translator, scratch_locale
):
    po_path = scratch_locale / "es" / "LC_MESSAGES" / "django.po"
    entry = polib.pofile(str(po_path)).find("Find communities")
    md5 = hashlib.md5(  # noqa: S324 - rosetta's own field naming, not security
        (entry.msgid + entry.msgstr + (entry.msgctxt or "")).encode()
    ).hexdigest()
    client.force_login(translator)
    url = "/translate/files/project/es/0/"
    page = client.get(url, {"query": "Find communities"})
    assert f'name="m_{md5}"'.encode() in page.content
    response = client.post(f"{url}?query=Find+communities", {f"m_{md5}": "Descubrir comunidades"})
    assert response.status_code == 302
    assert polib.pofile(str(po_path)).find("Find communities").msgstr == "Descubrir comunidades"
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    assert compiled.find("Find communities").msgstr == "Descubrir comunidades"
    # The file keeps gettext's layout: the edit and rosetta's header lines
    # change, nothing else (polib alone rewrapped ~100 lines).
    before = (Path(django_settings.BASE_DIR) / "locale/es/LC_MESSAGES/django.po").read_text()
    changed = set(before.splitlines()) ^ set(po_path.read_text().splitlines())
    assert len(changed) <= 10, sorted(changed)
    # The real catalogue is untouched.
    real = Path(django_settings.BASE_DIR, "locale", "es", "LC_MESSAGES", "django.po")
    assert polib.pofile(str(real)).find("Find communities").msgstr != "Descubrir comunidades"
