import pytest
from django.conf import settings as django_settings

from .pseudo import PSEUDO_LANGUAGE, build_pseudo_locale
from .site import build_site


@pytest.fixture(scope="session")
def pseudo_locale_dir(tmp_path_factory):
    return build_pseudo_locale(django_settings.BASE_DIR, tmp_path_factory.mktemp("pseudo"))


@pytest.fixture
def pseudo_locale(settings, pseudo_locale_dir):
    settings.LOCALE_PATHS = [pseudo_locale_dir, *django_settings.LOCALE_PATHS]
    settings.LANGUAGES = [*django_settings.LANGUAGES, (PSEUDO_LANGUAGE, "Pseudo")]
    # Date formats without Esperanto's own words (tests/i18n/formats/eo).
    settings.FORMAT_MODULE_PATH = ["tests.i18n.formats", *django_settings.FORMAT_MODULE_PATH]
    return PSEUDO_LANGUAGE


@pytest.fixture
def site(db):
    """A small, demo-like site (tests/i18n/site.py)."""
    return build_site()
