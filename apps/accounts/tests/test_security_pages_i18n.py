"""The two-factor and sessions pages, rendered in the pseudo-locale of
tests/i18n, show no text that skipped gettext. Most of them open only after
a fresh password confirmation or inside the login's two-factor stage, which
the site-wide map of tests/i18n/test_pseudo_locale.py does not go through:
they are visited here the way a member reaches them."""

import json
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from conftest import make_member
from tests.i18n.pseudo import PSEUDO_LANGUAGE, shared_pseudo_locale
from tests.i18n.visible_text import untranslated_text

from .security_helpers import SoftAuthenticator, json_script, reauthenticate, sign_in

pytestmark = pytest.mark.django_db

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


@pytest.fixture(scope="session")
def pseudo_locale_dir(tmp_path_factory):
    return shared_pseudo_locale(
        django_settings.BASE_DIR, tmp_path_factory.getbasetemp() / "pseudo-locale"
    )


@pytest.fixture
def pseudo(settings, pseudo_locale_dir):
    settings.LOCALE_PATHS = [pseudo_locale_dir, *django_settings.LOCALE_PATHS]
    settings.LANGUAGES = [*django_settings.LANGUAGES, (PSEUDO_LANGUAGE, "Pseudo")]
    settings.FORMAT_MODULE_PATH = ["tests.i18n.formats", *django_settings.FORMAT_MODULE_PATH]
    return PSEUDO_LANGUAGE


def assert_translated(client, url: str, language: str, allowed: list[str]) -> None:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    # The TOTP secret is new on every visit of the activation page: not text to translate.
    html = response.content.decode()
    html = re.sub(r'(data-testid="totp-secret"[^>]*>)[A-Z2-7=]+<', r"\1<", html)
    problems = untranslated_text(
        html, page_language=language, allowed=[django_settings.SITE_NAME, *allowed]
    )
    assert not problems, f"{url}: text not marked for translation: {problems}"


def test_security_pages_are_fully_translatable(pseudo):
    member = make_member("ines")
    # Every request in the pseudo-locale: messages are rendered when added.
    client = Client(headers={"User-Agent": USER_AGENT, "Accept-Language": pseudo})
    sign_in(client, "ines")
    reauthenticate(client)
    allowed = ["ines", USER_AGENT, "127.0.0.1"]

    assert_translated(client, reverse("mfa_index"), pseudo, allowed)
    assert_translated(client, reverse("mfa_activate_totp"), pseudo, allowed)
    assert_translated(client, reverse("usersessions_list"), pseudo, allowed)
    assert_translated(client, reverse("mfa_list_webauthn"), pseudo, allowed)

    key = SoftAuthenticator()
    options = json_script(client.get(reverse("mfa_add_webauthn")).content.decode(), "js_data")
    client.post(
        reverse("mfa_add_webauthn"),
        {"name": "Blue key", "credential": json.dumps(key.register(options["creation_options"]))},
    )
    webauthn = Authenticator.objects.get(user=member, type="webauthn")
    TOTP.activate(member, generate_totp_secret())
    allowed.append("Blue key")
    for url in [
        reverse("mfa_index"),
        reverse("mfa_add_webauthn"),
        reverse("mfa_list_webauthn"),
        reverse("mfa_edit_webauthn", kwargs={"pk": webauthn.pk}),
        reverse("mfa_remove_webauthn", kwargs={"pk": webauthn.pk}),
        reverse("mfa_deactivate_totp"),
        reverse("mfa_view_recovery_codes"),
        reverse("mfa_generate_recovery_codes"),
        reverse("mfa_reauthenticate"),
        reverse("mfa_reauthenticate_webauthn"),
    ]:
        assert_translated(client, url, pseudo, allowed)


def test_the_two_factor_stage_and_admin_login_are_fully_translatable(pseudo):
    member = make_member("ines")
    TOTP.activate(member, generate_totp_secret())
    RecoveryCodes.activate(member)
    client = Client(headers={"Accept-Language": pseudo})

    assert_translated(client, "/admin/login/?next=/admin/", pseudo, [])
    sign_in(client, "ines")
    assert_translated(client, reverse("mfa_authenticate"), pseudo, [])
