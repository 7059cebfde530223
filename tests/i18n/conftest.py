import pytest
from django.conf import settings as django_settings

from .pseudo import PSEUDO_LANGUAGE, shared_pseudo_locale
from .site import build_site


@pytest.fixture(scope="session")
def pseudo_locale_dir(tmp_path_factory, worker_id):
    # Under xdist each worker has its own base temp directory inside the run's:
    # the pseudo-locale is built once in the run's directory, for all of them.
    base = tmp_path_factory.getbasetemp()
    run_dir = (base.parent if worker_id != "master" else base) / "pseudo-locale"
    return shared_pseudo_locale(django_settings.BASE_DIR, run_dir)


@pytest.fixture
def pseudo_locale(settings, pseudo_locale_dir):
    settings.LOCALE_PATHS = [pseudo_locale_dir, *django_settings.LOCALE_PATHS]
    settings.LANGUAGES = [*django_settings.LANGUAGES, (PSEUDO_LANGUAGE, "Pseudo")]
    # Date formats without Esperanto's own words (tests/i18n/formats/eo).
    settings.FORMAT_MODULE_PATH = ["tests.i18n.formats", *django_settings.FORMAT_MODULE_PATH]
    return PSEUDO_LANGUAGE


@pytest.fixture
def site(db, django_capture_on_commit_callbacks):
    """A small, demo-like site (tests/i18n/site.py), with what its events do
    after commit (notifications in alice's inbox, among others)."""
    with django_capture_on_commit_callbacks(execute=True):
        return build_site()
