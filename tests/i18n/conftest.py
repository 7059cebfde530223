import pytest
from django.conf import settings as django_settings

from .pseudo import PSEUDO_LANGUAGE, build_pseudo_locale


@pytest.fixture(scope="session")
def pseudo_locale_dir(tmp_path_factory):
    return build_pseudo_locale(django_settings.BASE_DIR, tmp_path_factory.mktemp("pseudo"))


@pytest.fixture
def pseudo_locale(settings, pseudo_locale_dir):
    settings.LOCALE_PATHS = [pseudo_locale_dir, *django_settings.LOCALE_PATHS]
    settings.LANGUAGES = [*django_settings.LANGUAGES, (PSEUDO_LANGUAGE, "Pseudo")]
    return PSEUDO_LANGUAGE
