"""A save at /translate/ takes effect in every web process and on every node
without a restart (apps/core/catalogues.py).

The image's mode (locale/ read-only, the node's copy in LOCALE_EDITS_DIR
edited instead) is set up over a scratch copy of locale/; a checkout (the
tests' and `make run`'s mode) keeps LOCALE_PATHS as it was.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation

from apps.core import catalogues
from apps.core.models import CatalogueEdit
from apps.core.translators import TRANSLATORS_GROUP
from conftest import make_member

pytestmark = pytest.mark.django_db

MSGID = "Find communities"
EDITED = "Descubrir comunidades"
REAL_LOCALE = Path(django_settings.BASE_DIR, "locale")


def _real_sha(language: str = "es") -> str:
    path = REAL_LOCALE / language / "LC_MESSAGES" / "django.po"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _es(msgid: str = MSGID) -> str:
    with translation.override("es"):
        return translation.gettext(msgid)


def _edited_po_text(base: Path, msgstr: str = EDITED) -> str:
    po = polib.pofile(str(base / "es" / "LC_MESSAGES" / "django.po"))
    po.find(MSGID).msgstr = msgstr
    return str(po)


@pytest.fixture(autouse=True)
def fresh_process_state(monkeypatch):
    """Each test is a fresh process as far as catalogues go, and leaves the
    real catalogues loaded behind it."""
    monkeypatch.setattr(catalogues, "state", catalogues._ProcessState())
    yield
    translation.trans_real._translations = {}
    translation.trans_real._default = None


@pytest.fixture
def image(settings, tmp_path):
    """The image's mode: a read-only shipped locale/ (a scratch copy) and
    this node's edits directory first in LOCALE_PATHS."""
    shipped = tmp_path / "locale"
    shutil.copytree(REAL_LOCALE, shipped, ignore=shutil.ignore_patterns("en"))
    edits = tmp_path / "locale-edits"
    settings.TRANSLATIONS_READ_ONLY = True
    settings.SHIPPED_LOCALE_DIR = shipped
    settings.LOCALE_EDITS_DIR = edits
    settings.LOCALE_PATHS = [edits, shipped]
    # In the image the shipped directory is locale/ itself; here both are hidden.
    settings.ROSETTA_EXCLUDED_PATHS = [str(shipped), str(REAL_LOCALE)]
    settings.CATALOGUE_CHECK_SECONDS = 5
    translation.trans_real._translations = {}
    translation.trans_real._default = None
    return shipped, edits


@pytest.fixture
def translator(db):
    user = make_member("tomasz")
    user.groups.add(Group.objects.get(name=TRANSLATORS_GROUP))
    return user


def test_a_checkout_keeps_locale_as_the_only_catalogue_directory():
    # `make run` and the tests: rosetta and makemessages keep using locale/.
    assert not django_settings.TRANSLATIONS_READ_ONLY
    assert [Path(p) for p in django_settings.LOCALE_PATHS] == [REAL_LOCALE]
    assert django_settings.ROSETTA_EXCLUDED_PATHS == []


def test_a_process_starts_with_the_edits_directory_filled_from_the_shipped_catalogues(image):
    shipped, edits = image
    catalogues.refresh()  # the process's first request
    for language in ["es", "fr", "de", "pt_BR", "ar", "he", "pl"]:
        copy = edits / language / "LC_MESSAGES" / "django.po"
        assert copy.read_bytes() == (shipped / language / "LC_MESSAGES/django.po").read_bytes()
        assert copy.with_suffix(".mo").exists()
    assert cache.get(catalogues.VERSION_KEY) == 0
    assert _es() != EDITED
    # Later checks find the same version: nothing written, nothing reset.
    catalogues.state.checked_at -= 10
    assert catalogues.refresh() is False


def test_a_newer_version_in_the_cache_brings_another_nodes_edit_into_this_process(image):
    shipped, edits = image
    catalogues.refresh()
    assert _es() != EDITED
    # Another node saved: its row and its version, nothing on this node's disk.
    edit = CatalogueEdit.objects.create(
        language="es",
        po_text=_edited_po_text(shipped),
        base_sha256=hashlib.sha256((shipped / "es/LC_MESSAGES/django.po").read_bytes()).hexdigest(),
    )
    cache.set(catalogues.VERSION_KEY, edit.pk, None)
    # Within the check interval the process does not look (no cache get).
    assert catalogues.refresh() is False
    assert _es() != EDITED
    catalogues.state.checked_at -= 10
    assert catalogues.refresh() is True
    assert _es() == EDITED
    mo = polib.mofile(str(edits / "es/LC_MESSAGES/django.mo"))
    assert mo.find(MSGID).msgstr == EDITED
    # The shipped catalogue is never written.
    assert polib.pofile(str(shipped / "es/LC_MESSAGES/django.po")).find(MSGID).msgstr != EDITED


def test_the_middleware_applies_a_new_version_before_the_view_translates(image, rf):
    shipped, _edits = image

    def view(request):
        with translation.override("es"):  # as LocaleMiddleware, after ours
            return HttpResponse(translation.gettext(MSGID))

    middleware = catalogues.CatalogueVersionMiddleware(view)
    assert middleware(rf.get("/")).content.decode() != "Buscar comunidades nuevas"
    edit = CatalogueEdit.objects.create(
        language="es",
        po_text=_edited_po_text(shipped, "Buscar comunidades nuevas"),
        base_sha256=catalogues.shipped_sha("es"),
    )
    cache.set(catalogues.VERSION_KEY, edit.pk, None)
    catalogues.state.checked_at -= 10
    assert middleware(rf.get("/")).content.decode() == "Buscar comunidades nuevas"


def test_a_page_being_rendered_in_another_thread_keeps_its_language(image):
    shipped, _edits = image
    with translation.override("es"):
        before = translation.gettext(MSGID)
        edit = CatalogueEdit.objects.create(
            language="es",
            po_text=_edited_po_text(shipped),
            base_sha256=catalogues.shipped_sha("es"),
        )
        cache.set(catalogues.VERSION_KEY, edit.pk, None)
        assert catalogues.refresh(force=True) is True
        # Still Spanish (the catalogue it started with), not English.
        assert translation.get_language() == "es"
        assert translation.gettext(MSGID) == before != MSGID
    assert _es() == EDITED


def test_requests_between_checks_cost_no_cache_get_and_no_query(
    image, django_assert_num_queries, monkeypatch
):
    catalogues.refresh()
    version_before = catalogues.state.version
    cache.set(catalogues.VERSION_KEY, 999, None)
    monkeypatch.setattr(catalogues, "published_version", lambda: pytest.fail("cache read"))
    with django_assert_num_queries(0):
        assert catalogues.refresh() is False  # inside the interval
    assert catalogues.state.version == version_before


def test_the_task_worker_checks_before_each_task(image):
    from apps.core.tasks import canary

    shipped, _edits = image
    catalogues.refresh()
    edit = CatalogueEdit.objects.create(
        language="es", po_text=_edited_po_text(shipped), base_sha256=catalogues.shipped_sha("es")
    )
    cache.set(catalogues.VERSION_KEY, edit.pk, None)
    catalogues.state.checked_at -= 10
    canary.enqueue()  # the immediate backend runs it, with task_started
    assert _es() == EDITED


def test_an_edit_made_on_another_release_is_superseded_by_the_shipped_catalogue(image):
    shipped, edits = image
    CatalogueEdit.objects.create(
        language="es", po_text=_edited_po_text(shipped), base_sha256="0" * 64
    )
    catalogues.refresh()
    assert _es() != EDITED
    assert (edits / "es/LC_MESSAGES/django.po").read_bytes() == (
        shipped / "es/LC_MESSAGES/django.po"
    ).read_bytes()


def test_a_lost_cache_key_is_answered_by_the_database(image):
    shipped, _edits = image
    catalogues.refresh()
    edit = CatalogueEdit.objects.create(
        language="es", po_text=_edited_po_text(shipped), base_sha256=catalogues.shipped_sha("es")
    )
    cache.delete(catalogues.VERSION_KEY)  # Redis flushed or restarted
    catalogues.state.checked_at -= 10
    assert catalogues.refresh() is True
    assert _es() == EDITED
    assert cache.get(catalogues.VERSION_KEY) == edit.pk


def test_in_a_checkout_a_new_version_resets_the_catalogues_without_a_query(
    django_assert_num_queries,
):
    catalogues.refresh()
    cache.set(catalogues.VERSION_KEY, 41, None)
    catalogues.state.checked_at -= 10
    with django_assert_num_queries(0):
        assert catalogues.refresh() is True
    catalogues.state.checked_at -= 10
    with django_assert_num_queries(0):
        assert catalogues.refresh() is False


def test_rosetta_lists_one_catalogue_per_language_and_saves_into_the_edits_directory(
    image, client, translator, django_capture_on_commit_callbacks
):
    shipped, edits = image
    client.force_login(translator)
    listing = client.get("/translate/files/project/").content.decode()
    for code in ["es", "fr", "de", "pt-br", "ar", "he", "pl"]:
        assert f"/translate/files/project/{code}/0/" in listing, code
        assert f"/translate/files/project/{code}/1/" not in listing, code
    assert str(shipped) not in listing and str(edits) not in listing

    po_path = edits / "es" / "LC_MESSAGES" / "django.po"
    entry = polib.pofile(str(po_path)).find(MSGID)
    md5 = hashlib.md5(  # noqa: S324 - rosetta's own field naming
        (entry.msgid + entry.msgstr + (entry.msgctxt or "")).encode()
    ).hexdigest()
    url = "/translate/files/project/es/0/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{url}?query=Find+communities", {f"m_{md5}": EDITED})
    assert response.status_code == 302
    assert polib.pofile(str(po_path)).find(MSGID).msgstr == EDITED
    assert polib.pofile(str(shipped / "es/LC_MESSAGES/django.po")).find(MSGID).msgstr != EDITED

    edit = CatalogueEdit.objects.get()
    assert (edit.language, edit.saved_by) == ("es", translator)
    assert edit.base_sha256 == catalogues.shipped_sha("es")
    assert polib.pofile(edit.po_text).find(MSGID).msgstr == EDITED
    assert cache.get(catalogues.VERSION_KEY) == edit.pk
    # In effect at once in the process that saved, with nothing left to apply.
    assert _es() == EDITED
    catalogues.state.checked_at -= 10
    assert catalogues.refresh() is False


def test_old_edits_are_pruned(image, translator):
    shipped, edits = image
    po_path = edits / "es" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_text(_edited_po_text(shipped))
    for _ in range(catalogues.KEEP_EDITS_PER_LANGUAGE + 3):
        catalogues.record_save(language_code="es", po_path=po_path, user=translator)
    assert CatalogueEdit.objects.filter(language="es").count() == (
        catalogues.KEEP_EDITS_PER_LANGUAGE
    )


# --- Two processes --------------------------------------------------------------

NODE_SCRIPT = """
import json, sys, time
from pathlib import Path
import django
django.setup()
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation
from apps.core.catalogues import CatalogueVersionMiddleware

def page(request):
    return HttpResponse(translation.gettext("Find communities"))

middleware = CatalogueVersionMiddleware(page)
def serve():
    with translation.override("es"):
        return middleware(RequestFactory().get("/")).content.decode()

flag = Path(sys.argv[1])
print(json.dumps({"before": serve()}), flush=True)
deadline = time.monotonic() + 60
while not flag.exists() and time.monotonic() < deadline:
    time.sleep(0.05)
seen = serve()
while seen != sys.argv[2] and time.monotonic() < deadline:
    time.sleep(0.1)
    seen = serve()
print(json.dumps({"after": seen}), flush=True)
"""

SAVER_SCRIPT = """
import sys
import django
django.setup()
from django.contrib.auth.models import Group
from django.test import Client
import polib, hashlib
from apps.accounts.models import User
from apps.core.catalogues import edited_catalogue

user = User.objects.create_user("tomasz", "tomasz@example.com", "pw-for-a-test-1234")
user.groups.add(Group.objects.get(name="Translators"))
client = Client(SERVER_NAME="localhost")
client.force_login(user)
client.get("/translate/files/project/")  # the first request fills the edits directory
entry = polib.pofile(str(edited_catalogue("es"))).find("Find communities")
md5 = hashlib.md5((entry.msgid + entry.msgstr + (entry.msgctxt or "")).encode()).hexdigest()
response = client.post(
    "/translate/files/project/es/0/?query=Find+communities", {"m_" + md5: sys.argv[1]}
)
assert response.status_code == 302, response.status_code
"""


def _node_environment(var_dir: Path, node: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_URL", "DATABASE_REPLICA_URL", "VAR_DIR"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DEBUG="0",
        VAR_DIR=str(var_dir),  # one SQLite database and one catalogue-version cache
        TRANSLATIONS_READ_ONLY="1",  # as in the image
        LOCALE_EDITS_DIR=str(var_dir / node),  # each node its own directory
        CATALOGUE_CHECK_SECONDS="0",
        ALLOWED_HOSTS="localhost",
    )
    return env


def test_a_save_on_one_node_is_seen_by_a_process_of_another_without_a_restart(tmp_path):
    real_sha = _real_sha()
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=django_settings.BASE_DIR,
        env=_node_environment(tmp_path, "node-a"),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert migrate.returncode == 0, migrate.stderr
    flag = tmp_path / "saved"
    reader = subprocess.Popen(
        [sys.executable, "-c", NODE_SCRIPT, str(flag), "Explorar comunidades"],
        cwd=django_settings.BASE_DIR,
        env=_node_environment(tmp_path, "node-b"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        before = json.loads(reader.stdout.readline() or "{}")
        assert before.get("before") not in (None, "Explorar comunidades"), reader.stderr.read()
        started = time.monotonic()
        saver = subprocess.run(
            [sys.executable, "-c", SAVER_SCRIPT, "Explorar comunidades"],
            cwd=django_settings.BASE_DIR,
            env=_node_environment(tmp_path, "node-a"),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert saver.returncode == 0, saver.stderr
        flag.touch()
        out, err = reader.communicate(timeout=90)
    finally:
        if reader.poll() is None:
            reader.kill()
            reader.communicate()
    assert reader.returncode == 0, err
    assert json.loads(out.strip().splitlines()[-1]) == {"after": "Explorar comunidades"}
    assert time.monotonic() - started < 60
    # The reading node wrote its own copy; the shipped catalogue is untouched.
    node_b = polib.pofile(str(tmp_path / "node-b/es/LC_MESSAGES/django.po"))
    assert node_b.find(MSGID).msgstr == "Explorar comunidades"
    assert _real_sha() == real_sha
