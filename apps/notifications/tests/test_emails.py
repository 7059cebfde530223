"""Notification settings and emails: defaults, the settings page, the site
switch, batching into digests, the recipient's language and time zone, the
one-click unsubscribe link, and the database backend's worker sending.

Tests that look at queued tasks switch TASKS to Django's DummyBackend,
which keeps what was enqueued (and accepts run_after) without running it.
"""

import re
import time
from datetime import timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.tasks import default_task_backend
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from apps.messaging.services import message_send
from apps.notifications import digests, emails
from apps.notifications.models import DigestEntry, Kind, Notification, NotificationPreference
from apps.notifications.preferences import Choice, preferences_of, preferences_save
from apps.notifications.tasks import send_notification_digest
from apps.profiles.models import Profile
from apps.profiles.services import follow_create as follow
from conftest import make_member

from .conftest import notifications_of, reply, unread

DUMMY_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def dummy_tasks():
    with override_settings(TASKS=DUMMY_TASKS):
        default_task_backend.clear()
        yield default_task_backend


def email_on(user, kind: str, *, site: bool = True) -> None:
    preferences_save(user=user, choices={kind: Choice(site=site, email=True)})


def queued(backend) -> list:
    return [r for r in backend.results if r.task.func == send_notification_digest.func]


def unsubscribe_link(message) -> str:
    match = re.fullmatch(r"<(.+)>", message.extra_headers["List-Unsubscribe"])
    assert match is not None
    return match.group(1)


# --- settings -----------------------------------------------------------------------------


def test_by_default_everything_is_on_the_site_and_only_messages_by_email(member):
    choices = preferences_of(member)
    assert list(choices) == Kind.values
    assert all(choice.site for choice in choices.values())
    assert [kind for kind, choice in choices.items() if choice.email] == [Kind.MESSAGE]


def test_the_settings_page_shows_the_defaults_and_saves_the_choices(client, member):
    client.force_login(member)
    url = reverse("notifications:settings")
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert re.search(r'name="email_message"[^>]*checked', html)
    assert not re.search(r'name="email_follow"[^>]*checked', html)

    # Unchecked boxes are absent from a form's POST.
    form = {f"site_{kind}": "on" for kind in Kind.values if kind != Kind.FOLLOW}
    form["email_post_reply"] = "on"
    response = client.post(url, form)
    assert response.status_code == 302 and response.url == url

    choices = preferences_of(member)
    assert choices[Kind.FOLLOW] == Choice(site=False, email=False)
    assert choices[Kind.POST_REPLY] == Choice(site=True, email=True)
    assert choices[Kind.MESSAGE] == Choice(site=True, email=False)
    assert re.search(r'name="email_post_reply"[^>]*checked', client.get(url).content.decode())


def test_the_profile_settings_page_links_to_the_notification_settings(client, member):
    client.force_login(member)
    page = client.get(reverse("profiles:settings")).content.decode()
    assert f'href="{reverse("notifications:settings")}"' in page


def test_the_settings_page_needs_a_member_and_refuses_other_methods(client, member):
    url = reverse("notifications:settings")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(member)
    assert client.put(url).status_code == 405
    assert not NotificationPreference.objects.exists()


def test_saving_the_settings_keeps_the_email_rhythm(member):
    email_on(member, Kind.FOLLOW)
    sent = timezone.now() - timedelta(minutes=3)
    NotificationPreference.objects.filter(user=member).update(last_emailed=sent)
    preferences_save(user=member, choices={Kind.FOLLOW: Choice(site=False, email=True)})
    assert NotificationPreference.objects.get(user=member).last_emailed == sent


# --- the site switch ----------------------------------------------------------------------


def test_a_kind_off_the_site_makes_no_inbox_entry(author, replier, post, committed):
    preferences_save(user=author, choices={Kind.POST_REPLY: Choice(site=False, email=False)})
    reply(committed, replier, post)
    assert notifications_of(author) == []
    assert unread(author) == 0
    assert not DigestEntry.objects.exists()


def test_a_kind_off_the_site_but_by_email_is_still_emailed(author, replier, post, committed):
    email_on(author, Kind.POST_REPLY, site=False)
    reply(committed, replier, post)
    assert notifications_of(author) == []
    [message] = mail.outbox
    assert message.to == [author.email]


# --- batching -----------------------------------------------------------------------------


def test_kinds_off_by_email_queue_nothing(author, replier, post, committed, dummy_tasks):
    reply(committed, replier, post)
    assert queued(dummy_tasks) == []
    assert not DigestEntry.objects.exists()


def test_a_burst_of_events_queues_one_task_and_makes_one_email(
    author, replier, mentioned, post, committed, dummy_tasks
):
    email_on(author, Kind.POST_REPLY)
    reply(committed, replier, post, body="First")
    reply(committed, mentioned, post, body="Second")
    reply(committed, replier, post, body="Third")
    [result] = queued(dummy_tasks)
    assert result.kwargs == {"user_id": author.pk, "kind": Kind.POST_REPLY}
    assert mail.outbox == []  # the worker sends, never the request

    assert send_notification_digest.call(**result.kwargs) == 3
    [message] = mail.outbox
    assert message.body.count("replied to your post “Tomatoes in winter”") == 3
    assert not DigestEntry.objects.exists()
    # The inbox is unchanged by emails: still one grouped entry.
    [notification] = notifications_of(author)
    assert notification.count == 3


def test_the_next_email_waits_for_the_window(author, replier, post, committed, dummy_tasks):
    email_on(author, Kind.POST_REPLY)
    reply(committed, replier, post)
    [first] = queued(dummy_tasks)
    send_notification_digest.call(**first.kwargs)
    sent_at = NotificationPreference.objects.get(user=author, kind=Kind.POST_REPLY).last_emailed

    reply(committed, replier, post, body="Again")
    reply(committed, replier, post, body="And again")
    [_, later] = queued(dummy_tasks)
    assert later.task.run_after == sent_at + timedelta(minutes=15)
    # Run too early (as a retried task would be), it sends nothing and comes back.
    with committed():
        assert send_notification_digest.call(**later.kwargs) == 0
    assert len(mail.outbox) == 1
    assert len(queued(dummy_tasks)) == 3

    with mock.patch.object(digests.timezone, "now", return_value=sent_at + timedelta(minutes=16)):
        assert send_notification_digest.call(**later.kwargs) == 2
    assert len(mail.outbox) == 2
    assert mail.outbox[1].body.count("replied to your post") == 2


def test_unsubscribing_before_the_digest_drops_its_events(
    author, replier, post, committed, dummy_tasks
):
    email_on(author, Kind.POST_REPLY)
    reply(committed, replier, post)
    [result] = queued(dummy_tasks)
    preferences_save(user=author, choices={Kind.POST_REPLY: Choice(site=True, email=False)})
    assert send_notification_digest.call(**result.kwargs) == 0
    assert mail.outbox == []
    assert not DigestEntry.objects.exists()


def test_a_private_message_is_emailed_by_default(
    author, replier, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message_send(sender=replier, recipient=author, body="Hello there")
    [message] = mail.outbox
    assert message.to == [author.email]
    assert "Hello there" not in message.body  # the email says who wrote, not what
    assert "/messages/" in message.body


def test_no_email_for_your_own_action_or_from_a_member_you_blocked(
    author, blocked, post, committed
):
    email_on(author, Kind.POST_REPLY)
    reply(committed, author, post)
    reply(committed, blocked, post)
    assert mail.outbox == []
    assert not DigestEntry.objects.exists()


# --- language and time zone ---------------------------------------------------------------


def test_the_email_is_in_the_recipients_language_and_time_zone(
    author, replier, post, committed, dummy_tasks
):
    Profile.objects.filter(user=author).update(language="fr", timezone="Asia/Tokyo")
    email_on(author, Kind.POST_REPLY)
    with translation.override("en"):  # whoever caused the event reads English
        reply(committed, replier, post)
    entry = DigestEntry.objects.get()
    [result] = queued(dummy_tasks)
    send_notification_digest.call(**result.kwargs)
    [message] = mail.outbox

    with translation.override("fr"):
        label = str(Kind.POST_REPLY.label)
        expected_time = formats.date_format(
            timezone.localtime(entry.created, ZoneInfo("Asia/Tokyo")), "DATETIME_FORMAT"
        )
    assert label != "Reply to your post"  # the French catalogue has it
    assert label in message.subject
    assert expected_time in message.body
    html = message.alternatives[0].content
    assert 'lang="fr"' in html and expected_time in html


# --- unsubscribe --------------------------------------------------------------------------


@pytest.fixture
def emailed(author, replier, post, committed):
    """The email alba got about a reply, and the reply settings it was sent under."""
    email_on(author, Kind.POST_REPLY)
    reply(committed, replier, post)
    [message] = mail.outbox
    return message


def test_every_email_has_the_one_click_unsubscribe_headers_and_link(emailed, author):
    link = unsubscribe_link(emailed)
    assert link.startswith("http")
    assert emailed.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in emailed.body
    assert link in emailed.alternatives[0].content
    assert emails.read_unsubscribe_token(link.rstrip("/").rsplit("/", 1)[1]) == (
        author.pk,
        Kind.POST_REPLY,
    )


def test_opening_the_link_only_asks_for_confirmation(emailed, author):
    response = Client().get(unsubscribe_link(emailed))
    assert response.status_code == 200
    assert b'method="post"' in response.content
    assert preferences_of(author)[Kind.POST_REPLY].email is True


def test_one_click_post_unsubscribes_without_login_or_csrf_token(emailed, author):
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(unsubscribe_link(emailed), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert b'data-testid="unsubscribed"' in response.content
    choice = preferences_of(author)[Kind.POST_REPLY]
    assert choice == Choice(site=True, email=False)


def test_a_tampered_token_changes_nothing(emailed, author):
    link = unsubscribe_link(emailed)
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged = signing.dumps([author.pk, Kind.MESSAGE], salt="another.salt")
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), forged, "nonsense"):
        url = reverse("notifications:unsubscribe", args=[bad])
        for response in (Client().get(url), Client(enforce_csrf_checks=True).post(url)):
            assert response.status_code == 400
            assert b"invalid or has expired" in response.content
    assert preferences_of(author)[Kind.POST_REPLY].email is True
    assert preferences_of(author)[Kind.MESSAGE].email is True


def test_an_expired_token_changes_nothing(author, settings):
    days = settings.QUORUM_UNSUBSCRIBE_LINK_DAYS
    long_ago = time.time() - (days + 1) * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=long_ago):
        token = emails.unsubscribe_token(author.pk, Kind.MESSAGE)
    url = reverse("notifications:unsubscribe", args=[token])
    response = Client(enforce_csrf_checks=True).post(url)
    assert response.status_code == 400
    assert preferences_of(author)[Kind.MESSAGE].email is True


def test_the_unsubscribe_page_is_translated(author):
    url = reverse("notifications:unsubscribe", args=["nonsense"])
    response = Client().get(url, HTTP_ACCEPT_LANGUAGE="fr")
    with translation.override("fr"):
        sentence = translation.gettext(
            "This unsubscribe link is invalid or has expired. Nothing was changed."
        )
    assert response.status_code == 400
    assert response["Content-Language"] == "fr"
    assert sentence.encode() in response.content


def test_the_unsubscribe_url_takes_only_get_and_post(author):
    url = reverse("notifications:unsubscribe", args=[emails.unsubscribe_token(author.pk, "follow")])
    assert Client().delete(url).status_code == 405
    assert Client().put(url).status_code == 405


# --- the worker ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_database_backends_worker_sends_the_queued_email():
    from django_tasks_db.models import DBTaskResult

    alba, bruno = make_member("alba"), make_member("bruno")
    with override_settings(TASKS=DATABASE_TASKS):
        follow(follower=bruno, followee=alba)  # follows are not emailed by default
        assert not DBTaskResult.objects.exists()
        email_on(alba, Kind.FOLLOW)
        Notification.objects.all().delete()
        follow_again = make_member("carla")
        follow(follower=follow_again, followee=alba)
        assert DBTaskResult.objects.filter(status="READY").count() == 1
        assert mail.outbox == []

        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    [message] = mail.outbox
    assert message.to == [alba.email]
    assert "followed you" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
