"""The notification emails: the one-click unsubscribe token and the digest
message itself, rendered in the recipient's language and time zone.

The unsubscribe token is signed (django.core.signing, with a salt of its
own so no other signed value of the site can pass for one), names one
member and one kind, and expires after QUORUM_UNSUBSCRIBE_LINK_DAYS: a link
found in an old mailbox or forwarded stops working instead of acting for
ever. It needs no login, as RFC 8058 one-click unsubscribe requires.
"""

import html
import zoneinfo
from collections.abc import Sequence

from django.conf import settings
from django.contrib.sites.models import Site
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from apps.accounts.models import User

from .models import DigestEntry, Kind

UNSUBSCRIBE_SALT = "quorum.notifications.unsubscribe"


def unsubscribe_token(user_id: int, kind: str) -> str:
    return signing.dumps([user_id, kind], salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(member id, kind) of a token; signing.BadSignature when it was
    tampered with, signing.SignatureExpired (a BadSignature) when too old."""
    max_age = settings.QUORUM_UNSUBSCRIBE_LINK_DAYS * 24 * 3600
    value = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=max_age)
    match value:
        case [int() as user_id, str() as kind] if kind in Kind.values:
            return user_id, kind
    raise signing.BadSignature("Unexpected unsubscribe payload")


def absolute_url(path: str) -> str:
    """A link that works from a mailbox: the site's domain (django.contrib.sites,
    cached after the first call) and the deployment's protocol."""
    protocol = getattr(settings, "ACCOUNT_DEFAULT_HTTP_PROTOCOL", "http")
    return f"{protocol}://{Site.objects.get_current().domain}{path}"


def unsubscribe_url(user_id: int, kind: str) -> str:
    return absolute_url(
        reverse("notifications:unsubscribe", args=[unsubscribe_token(user_id, kind)])
    )


def _language_of(user: User) -> str:
    language = user.profile.language
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _time_zone_of(user: User) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(user.profile.timezone or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _sentence(entry: DigestEntry) -> str:
    """The entry's sentence, the very one the inbox shows, on one line."""
    text = render_to_string("notifications/_sentence.html", {"notification": entry})
    return " ".join(text.split())


def digest_message(
    user: User, kind: str, entries: Sequence[DigestEntry], total: int
) -> EmailMultiAlternatives:
    """The email telling `user` what happened of `kind`: `entries` listed
    (their actor's profile, post, comment and community loaded), `total`
    events in all. Plain text and HTML, with the RFC 8058 one-click
    unsubscribe headers. Needs no query beyond the Site (cached)."""
    unsubscribe = unsubscribe_url(user.pk, kind)
    with translation.override(_language_of(user)), timezone.override(_time_zone_of(user)):
        for entry in entries:
            sentence = _sentence(entry)
            # Safe: the output of an autoescaped template.
            entry.sentence_html = mark_safe(sentence)  # type: ignore[attr-defined]  # noqa: S308
            entry.sentence_text = html.unescape(sentence)  # type: ignore[attr-defined]
            entry.link = absolute_url(entry.target_url())  # type: ignore[attr-defined]
        site = Site.objects.get_current()
        context = {
            "member": user,
            "language_code": translation.get_language(),
            "kind_label": Kind(kind).label,
            "entries": entries,
            "total": total,
            "more": max(total - len(entries), 0),
            "site_name": site.name,
            "inbox_url": absolute_url(reverse("notifications:inbox")),
            "settings_url": absolute_url(reverse("notifications:settings")),
            "unsubscribe_url": unsubscribe,
        }
        subject = render_to_string("notifications/email/digest_subject.txt", context)
        body = render_to_string("notifications/email/digest.txt", context)
        html_body = render_to_string("notifications/email/digest.html", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={
            # RFC 2369 and RFC 8058: mail clients show an "Unsubscribe" button
            # that POSTs "List-Unsubscribe=One-Click" to this URL.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # RFC 3834: no out-of-office replies to a machine.
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html_body, "text/html")
    return message
