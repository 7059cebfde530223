"""Reporting a private message: its recipient alone may, the report reaches
the staff queue with the message's text, and community moderators never
see it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.messaging.models import Message
from apps.messaging.services import message_send
from apps.moderation import selectors, services
from apps.moderation.models import ModerationAction, Report, ReportStatus, TargetKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def message(author, member) -> Message:
    return message_send(sender=author, recipient=member, body="You will regret this <b>now</b>")


def test_the_recipient_reports_a_message_to_staff_only(message, member):
    report = services.report_create(
        reporter=member, target=message, reason="harassment", details="Threats."
    )
    assert report.kind == TargetKind.MESSAGE and report.target == message
    assert report.community is None


def test_the_sender_cannot_report_their_own_message(message, author):
    with pytest.raises(ValidationError, match="You cannot report your own message"):
        services.report_create(reporter=author, target=message, reason="spam")
    assert not Report.objects.exists()


def test_a_message_is_reported_once_while_open(message, member):
    services.report_create(reporter=member, target=message, reason="spam")
    with pytest.raises(ValidationError, match="You already reported this"):
        services.report_create(reporter=member, target=message, reason="spam")


def test_report_page_for_a_message(client, message, member, author, outsider):
    url = reverse("moderation:report_message", args=[message.pk])
    client.force_login(member)
    page = client.get(url)
    assert page.status_code == 200
    assert b"You will regret this" in page.content
    response = client.post(url, {"reason": "harassment", "details": ""})
    assert response.status_code == 302
    assert message.conversation.get_absolute_url() in response["Location"]
    assert Report.objects.get().message == message
    client.force_login(author)
    assert client.get(url).status_code == 400  # their own message: why not, no form
    client.force_login(outsider)
    assert client.get(url).status_code == 404  # not theirs to see


def test_message_reports_reach_the_staff_queue_never_a_community_queue(
    client, message, member, community, moderator, staff_moderator
):
    services.report_create(reporter=member, target=message, reason="harassment")
    assert selectors.report_groups_page(community=community).items == []
    staff_page = selectors.report_groups_page(community=None)
    assert [group.kind for group in staff_page] == ["message"]
    client.force_login(moderator)
    queue = client.get(reverse("moderation:queue", args=[community.slug]))
    assert b"You will regret this" not in queue.content
    client.force_login(staff_moderator)
    queue = client.get(reverse("admin:moderation_report_queue"))
    assert queue.status_code == 200
    assert b"You will regret this" in queue.content


def test_community_moderators_cannot_decide_a_message_report(message, member, moderator):
    report = services.report_create(reporter=member, target=message, reason="spam")
    with pytest.raises(Exception, match="moderators"):
        services.report_resolve(actor=moderator, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN


def test_staff_resolve_a_message_report_privately(message, member, staff_moderator):
    report = services.report_create(reporter=member, target=message, reason="spam")
    assert services.report_resolve(actor=staff_moderator, report=report, note="Warned") == 1
    entry = ModerationAction.objects.get()
    assert entry.member_id is None and "regret" not in entry.target_label
    assert not ModerationAction.objects.public().exists()


def test_report_admin_page_shows_the_message_text(client, message, member, staff_moderator):
    report = services.report_create(reporter=member, target=message, reason="harassment")
    client.force_login(staff_moderator)
    page = client.get(reverse("admin:moderation_report_change", args=[report.pk]))
    assert page.status_code == 200
    assert b"You will regret this" in page.content
    assert b"&lt;b&gt;" not in page.content and b"<b>now" not in page.content


def test_messages_have_no_admin_of_their_own(client, staff_moderator, superuser):
    from django.contrib import admin

    assert Message not in admin.site._registry
    client.force_login(superuser)
    assert client.get("/admin/messaging/message/").status_code == 404
