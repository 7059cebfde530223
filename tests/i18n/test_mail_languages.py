"""One mail of each kind, rendered in every shipped language: the subject and
every sentence of the body differ from the English mail (the pseudo-locale
tests prove the text is marked; these prove each catalogue translates it)."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from apps.profiles.models import Profile

pytestmark = pytest.mark.django_db

OTHERS = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _speaking(user, code: str) -> None:
    Profile.objects.filter(user=user).update(language=code)
    user.profile.refresh_from_db()


def password_reset(site, code):
    from allauth.account.adapter import get_adapter
    from allauth.core import context as allauth_context

    _speaking(site.alice, code)
    request = RequestFactory().get("/")
    request.user = site.alice
    context = {
        "user": site.alice,
        "username": site.alice.username,
        "password_reset_url": "http://testserver/accounts/password/reset/key/1-set/",
    }
    with allauth_context.request_context(request):
        get_adapter(request).send_mail(
            "account/email/password_reset_key", site.alice.email, context
        )


def reply_digest(site, code):
    from apps.notifications.emails import digest_message
    from apps.notifications.models import DigestEntry, Kind

    _speaking(site.alice, code)
    entry = DigestEntry(
        recipient=site.alice,
        kind=Kind.POST_REPLY,
        actor=site.bruno,
        community=site.gardening,
        post=site.post,
        comment=site.comment,
    )
    digest_message(site.alice, Kind.POST_REPLY, [entry], 2).send()


def registration_decision(site, code):
    from apps.registration.emails import send_decision
    from apps.registration.models import Application, ApplicationStatus
    from conftest import make_member

    applicant = make_member(f"newcomer{code.replace('-', '')}")
    _speaking(applicant, code)
    application = Application.objects.create(
        user=applicant, answer="I garden.", status=ApplicationStatus.APPROVED
    )
    send_decision(application.pk)


def export_ready(site, code):
    from apps.privacy.exports import announce
    from apps.privacy.models import DataExport

    _speaking(site.alice, code)
    export = DataExport.objects.create(
        user=site.alice, file_name="exports/archive.zip", ready_at=timezone.now()
    )
    announce(DataExport.objects.select_related("user__profile").get(pk=export.pk))


KINDS = {
    "password-reset": password_reset,
    "reply-digest": reply_digest,
    "registration-decision": registration_decision,
    "export-ready": export_ready,
}


def sent(site, kind: str, code: str):
    mail.outbox.clear()
    KINDS[kind](site, code)
    [message] = mail.outbox
    return message


def sentences(body: str) -> set[str]:
    """The body's prose lines: long enough to be words, not links or names."""
    return {
        line.strip()
        for line in body.splitlines()
        if len(line.strip()) > 25 and not re.search(r"https?://|@", line)
    }


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("code", OTHERS)
def test_each_mail_is_written_in_the_readers_language(site, kind, code):
    english = sent(site, kind, "en")
    translated = sent(site, kind, code)
    assert translated.subject != english.subject, (kind, code, translated.subject)
    left_in_english = sentences(english.body) & sentences(translated.body)
    assert not left_in_english, (kind, code, left_in_english)
