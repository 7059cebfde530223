"""Mail goes out in the language of the request that caused it (allauth's
templates, rendered by our adapter before the task sends them)."""

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
