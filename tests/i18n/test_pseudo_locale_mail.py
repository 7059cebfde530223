"""Every mail Quorum sends, rendered in the pseudo-locale, has no text that
skipped gettext in its subject, its plain-text body or its HTML body (user
content, links and the brand excluded).

The mail templates are enumerated from templates/ (any email/ folder, any
*_subject.txt) and from allauth's installed apps: a new mail template
that no renderer below covers fails test_every_mail_template_is_covered.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone, translation

from .pseudo import PSEUDO_LANGUAGE
from .site import Site, user_content
from .visible_text import unmarked_lines, untranslated_text

pytestmark = pytest.mark.django_db

BRAND = [settings.SITE_NAME]


def _allauth_template_dirs() -> dict[str, Path]:
    """allauth's mail folders, for the allauth apps we install."""
    import allauth

    root = Path(allauth.__file__).parent / "templates"
    apps = {
        "allauth.account": "account",
        "allauth.mfa": "mfa",
        "allauth.socialaccount": "socialaccount",
    }
    return {
        folder: root / folder / "email"
        for app, folder in apps.items()
        if app in settings.INSTALLED_APPS and (root / folder / "email").is_dir()
    }


def _allauth_prefixes() -> list[str]:
    """Every mail allauth can send from our installed apps ("account/email/
    password_reset_key"…): one per *_subject.txt of its mail folders."""
    return sorted(
        f"{folder}/email/{path.name.removesuffix('_subject.txt')}"
        for folder, directory in _allauth_template_dirs().items()
        for path in directory.glob("*_subject.txt")
    )


def _allauth_templates() -> set[str]:
    """Every allauth mail template: bodies, subjects and the bases they extend
    (overridden in templates/ or not, allauth's loader finds ours first)."""
    return {
        f"{folder}/email/{path.name}"
        for folder, directory in _allauth_template_dirs().items()
        for path in directory.iterdir()
        if path.is_file()
    }


def _our_mail_templates() -> set[str]:
    """Mail templates in templates/: anything in an email/ folder, and any
    *_subject.txt (allauth's naming, also used by ours)."""
    root = Path(settings.BASE_DIR) / "templates"
    found = {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file()
        and ("email" in path.relative_to(root).parts[:-1] or path.name.endswith("_subject.txt"))
    }
    return found


# The templates each of our own renderers below renders.
OUR_RENDERERS = {
    "notification digest": {
        "notifications/email/digest_subject.txt",
        "notifications/email/digest.txt",
        "notifications/email/digest.html",
    },
    "registration decision": {
        "joining/email/decision_subject.txt",
        "joining/email/decision_message.txt",
    },
    "data export ready": {
        "privacy/email/export_ready_subject.txt",
        "privacy/email/export_ready.txt",
        "privacy/email/export_ready.html",
    },
}


def _allauth_covered() -> set[str]:
    """Templates the allauth renderer covers: each prefix's subject and
    bodies, and the bases every body extends."""
    covered = {"account/email/base_message.txt", "account/email/base_notification.txt"}
    for prefix in _allauth_prefixes():
        covered |= {f"{prefix}_subject.txt", f"{prefix}_message.txt", f"{prefix}_message.html"}
    return covered


def test_every_mail_template_is_covered():
    """A new mail template (ours, or one a newly installed allauth app
    sends) fails here until a test below renders it."""
    ours = set().union(*OUR_RENDERERS.values())
    missing = (_our_mail_templates() | _allauth_templates()) - ours - _allauth_covered()
    assert not missing, f"mail templates no pseudo-locale test renders: {sorted(missing)}"
    gone = ours - _our_mail_templates()
    assert not gone, f"OUR_RENDERERS names templates that are gone: {sorted(gone)}"


def assert_mail_fully_translated(message, *, allowed: list[str]) -> None:
    allowed = allowed + BRAND
    problems = unmarked_lines(str(message.subject), allowed=allowed)
    problems += unmarked_lines(message.body, allowed=allowed)
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            problems += untranslated_text(content, page_language=PSEUDO_LANGUAGE, allowed=allowed)
    assert not problems, f"{message.subject!r}: mail text not marked for translation: {problems}"


def _site_allowed() -> list[str]:
    from django.contrib.sites.models import Site as SitesSite

    current = SitesSite.objects.get_current()
    prefix = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX.strip()
    return [*user_content(), current.name, current.domain, prefix]


# --- allauth's mails, as our adapter renders and sends them ----------------------------


def _allauth_context(site: Site) -> dict:
    """Every variable allauth's mails use, with the values allauth gives them."""
    return {
        "user": site.alice,
        "username": site.alice.username,
        "activate_url": "http://testserver/accounts/confirm-email/key/",
        "key": "key",
        "code": "ABC123",
        "password_reset_url": "http://testserver/accounts/password/reset/key/1-set/",
        "signup_url": "http://testserver/accounts/signup/",
        "timestamp": timezone.now() - timedelta(minutes=5),
        "ip": "203.0.113.9",
        "user_agent": "Firefox",
        "from_email": "old@example.org",
        "to_email": site.alice.email,
        "deleted_email": "old@example.org",
        "email": site.alice.email,
    }


@pytest.mark.parametrize("prefix", _allauth_prefixes())
def test_allauth_mails_are_fully_translatable(site, pseudo_locale, prefix):
    from allauth.account.adapter import get_adapter
    from allauth.core import context as allauth_context

    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE=pseudo_locale)
    request.user = site.alice
    mail.outbox.clear()
    with allauth_context.request_context(request), translation.override(pseudo_locale):
        get_adapter(request).send_mail(prefix, site.alice.email, _allauth_context(site))
    [message] = mail.outbox
    assert_mail_fully_translated(
        message, allowed=[*_site_allowed(), "203.0.113.9", "Firefox", "ABC123", "old@example.org"]
    )


def test_the_signup_confirmation_mail_is_fully_translatable(client, db, pseudo_locale):
    """The first mail a member gets, from a real signup (allauth's flow, our adapter)."""
    response = client.post(
        "/accounts/signup/",
        {
            "username": "newcomer",
            "email": "newcomer@example.org",
            "password1": "a-long-Passphrase-9",
            "password2": "a-long-Passphrase-9",
        },
        HTTP_ACCEPT_LANGUAGE=pseudo_locale,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    [message] = mail.outbox
    assert "⟦" in message.subject
    assert_mail_fully_translated(message, allowed=_site_allowed())


# --- our own mails ---------------------------------------------------------------------


def _digest_entries(site: Site, kind: str) -> list:
    from apps.notifications.models import DigestEntry, Kind

    verbs = {
        Kind.MODERATION: ["post_removed", "post_locked", "comment_removed", "comment_restored"],
        Kind.BAN: ["banned", "unbanned"],
        Kind.MEMBERSHIP: ["approved", "approved_to_post", "added", "refused", "removed"],
        Kind.REPORT: ["resolved", "dismissed"],
    }
    entries = []
    for verb in verbs.get(kind, [""]):
        entry = DigestEntry(
            recipient=site.alice,
            kind=kind,
            actor=site.bruno,
            community=site.gardening,
            post=site.post,
            comment=site.comment
            if kind in {Kind.POST_REPLY, Kind.COMMENT_REPLY, Kind.MENTION}
            else None,
            conversation_id=site.message.conversation_id if kind == Kind.MESSAGE else None,
            verb=verb,
        )
        entries.append(entry)
    return entries


def _notification_kinds() -> list[str]:
    from apps.notifications.models import Kind

    return list(Kind.values)


@pytest.mark.parametrize("kind", _notification_kinds())
def test_notification_digests_are_fully_translatable(site, pseudo_locale, kind):
    from apps.notifications.emails import digest_message

    site.alice.profile.language = pseudo_locale
    entries = _digest_entries(site, kind)
    message = digest_message(site.alice, kind, entries, len(entries) + 3)
    assert "⟦" in message.subject
    assert_mail_fully_translated(message, allowed=_site_allowed())


@pytest.mark.parametrize("approved", [True, False], ids=["approved", "refused"])
def test_registration_decision_mails_are_fully_translatable(site, pseudo_locale, approved):
    from apps.profiles.models import Profile
    from apps.registration.emails import send_decision
    from apps.registration.models import Application, ApplicationStatus
    from conftest import make_member

    applicant = make_member("newcomer")
    Profile.objects.filter(user=applicant).update(language=pseudo_locale)
    status = ApplicationStatus.APPROVED if approved else ApplicationStatus.REFUSED
    application = Application.objects.create(user=applicant, answer="I garden.", status=status)
    mail.outbox.clear()
    send_decision(application.pk)
    [message] = mail.outbox
    assert "⟦" in message.subject
    assert_mail_fully_translated(message, allowed=_site_allowed())


def test_the_data_export_ready_mail_is_fully_translatable(site, pseudo_locale):
    from apps.privacy.exports import announce
    from apps.privacy.models import DataExport
    from apps.profiles.models import Profile

    Profile.objects.filter(user=site.alice).update(language=pseudo_locale)
    export = DataExport.objects.create(
        user=site.alice, file_name="exports/archive.zip", ready_at=timezone.now()
    )
    export = DataExport.objects.select_related("user__profile").get(pk=export.pk)
    mail.outbox.clear()
    announce(export)
    [message] = mail.outbox
    assert "⟦" in message.subject
    assert_mail_fully_translated(message, allowed=_site_allowed())


def test_the_mail_checker_catches_an_unmarked_line_and_spares_links():
    body = "⟦Hélló,\nçlîçk thîš:⟧\nhttp://testserver/x/\nForgotten line\n⟦Byé⟧ alice"
    assert unmarked_lines(body, allowed=["alice"]) == ["Forgotten line"]
