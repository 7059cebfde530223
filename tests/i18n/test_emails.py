"""Mail goes out in the reader's language: the member's saved language, else
the language of the request that caused it (allauth's templates, rendered by
our adapter before the task sends them); links name the site's domain."""

import pytest
from django.core import mail
from django.utils import translation

from conftest import make_member

pytestmark = pytest.mark.django_db


def subject_in(code: str) -> str:
    with translation.override(code):
        return translation.gettext("Password Reset Email")


@pytest.mark.parametrize("code", ["en", "es", "fr", "de", "pt-br", "ar"])
def test_password_reset_mail_is_in_the_readers_language(client, code):
    make_member("nora")
    response = client.post(
        "/accounts/password/reset/", {"email": "nora@example.org"}, HTTP_ACCEPT_LANGUAGE=code
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert subject_in(code) in message.subject
    if code != "en":
        assert subject_in(code) != "Password Reset Email"
        assert "Password Reset Email" not in message.subject


def test_password_reset_mail_follows_the_members_saved_language_not_the_browsers(client):
    nora = make_member("nora")
    nora.profile.language = "de"
    nora.profile.save(update_fields=["language"])
    client.post(
        "/accounts/password/reset/", {"email": "nora@example.org"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    [message] = mail.outbox
    assert subject_in("de") in message.subject
    assert "Password Reset Email" not in message.subject


def test_mail_links_name_the_configured_site_domain(client, settings):
    from django.core.management import call_command

    settings.SITE_DOMAIN = "quorum.example"
    call_command("migrate", "core", verbosity=0)  # post_migrate writes the Site row
    make_member("nora")
    client.post("/accounts/password/reset/", {"email": "nora@example.org"})
    [message] = mail.outbox
    # The link follows the request's host; the signature names the site.
    assert "://testserver/accounts/password/reset/key/" in message.body
    assert message.body.rstrip().endswith("quorum.example")
    assert "localhost:8000" not in message.body
