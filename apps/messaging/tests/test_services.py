import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.ratelimit import RateLimited
from apps.messaging import services
from apps.messaging.events import message_sent
from apps.messaging.models import Conversation, Message, Participant
from apps.profiles.services import block_create

from .factories import send


def test_first_message_makes_one_conversation_with_two_sides(member, other_member):
    message = send(member, other_member)
    send(other_member, member, "Hi back")
    assert Conversation.objects.count() == 1
    conversation = message.conversation
    assert {p.user_id for p in conversation.participants.all()} == {member.pk, other_member.pk}
    conversation.refresh_from_db()
    assert conversation.last_message.body_text == "Hi back"


def test_body_is_sanitized_with_the_comment_allowlist(member, other_member):
    message = send(member, other_member, "<p>hi<script>alert(1)</script> <img src=x><h2>x</h2></p>")
    assert "script" not in message.body_html
    assert "<img" not in message.body_html and "<h2>" not in message.body_html
    assert message.body_text.startswith("hi")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("<script>alert(1)</script>", "empty"),
        ("x" * 5001, "too_long"),
    ],
)
def test_empty_oversize_or_script_only_body_is_refused_and_nothing_stored(
    member, other_member, body, code
):
    with pytest.raises(ValidationError) as refusal:
        send(member, other_member, body)
    assert refusal.value.error_list[0].code == code
    assert not Message.objects.exists()
    assert not Conversation.objects.exists()


def test_size_limit_follows_the_setting(member, other_member, settings):
    settings.QUORUM_MESSAGE_MAX_LENGTH = 10
    with pytest.raises(ValidationError, match="at most 10 characters"):
        send(member, other_member, "eleven char")
    assert not Message.objects.exists()


def test_message_to_yourself_is_refused(member):
    with pytest.raises(ValidationError, match="You cannot send a message to yourself"):
        send(member, member)
    assert not Message.objects.exists()


def test_message_to_unknown_or_inactive_member_is_refused(member, other_member):
    with pytest.raises(ValidationError, match="There is no active member with this name"):
        services.message_send(sender=member, recipient=None, body="Hi")
    other_member.is_active = False
    other_member.save()
    with pytest.raises(ValidationError, match="There is no active member"):
        send(member, other_member)
    assert not Message.objects.exists()


def test_message_to_someone_who_blocked_you_says_only_you_cant(member, other_member):
    block_create(blocker=other_member, blocked=member)
    with pytest.raises(PermissionDenied) as refusal:
        send(member, other_member)
    assert str(refusal.value) == "You can't message this member."
    assert not Message.objects.exists()


def test_blocker_cannot_message_the_member_they_blocked(member, other_member):
    block_create(blocker=member, blocked=other_member)
    with pytest.raises(PermissionDenied, match="Unblock them"):
        send(member, other_member)


def test_messages_are_rate_limited(member, other_member, settings):
    settings.QUORUM_RATE_LIMITS_ENABLED = True
    settings.QUORUM_RATE_LIMITS = {"message": {"member": "2/h", "new_member": "2/h"}}
    send(member, other_member)
    send(member, other_member)
    with pytest.raises(RateLimited, match="You are sending messages too often"):
        send(member, other_member)
    assert Message.objects.count() == 2


def test_message_sent_event_after_commit_with_what_notifications_need(
    member, other_member, django_capture_on_commit_callbacks
):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    message_sent.connect(receiver, dispatch_uid="test-message-sent")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            message = send(member, other_member)
    finally:
        message_sent.disconnect(dispatch_uid="test-message-sent")
    assert len(received) == 1
    event = received[0]
    assert event["message"] == message
    assert event["conversation"] == message.conversation
    assert event["actor"] == member and event["recipient"] == other_member
    assert event["community_id"] is None


def test_unread_counts_follow_sends_and_reading(member, other_member):
    send(member, other_member)
    send(member, other_member)
    theirs = Participant.objects.get(user=other_member)
    mine = Participant.objects.get(user=member)
    assert (theirs.unread_count, mine.unread_count) == (2, 0)
    services.conversation_mark_read(user=other_member, participant=theirs)
    theirs.refresh_from_db()
    assert theirs.unread_count == 0 and theirs.last_read_at is not None


def test_replying_reads_the_conversation_for_the_replier(member, other_member):
    send(member, other_member)
    send(other_member, member)
    assert Participant.objects.get(user=other_member).unread_count == 0
    assert Participant.objects.get(user=member).unread_count == 1


def test_delete_for_yourself_hides_only_your_side(member, other_member):
    send(member, other_member, "old")
    participant = Participant.objects.get(user=member)
    services.conversation_hide(user=member, participant=participant)
    participant.refresh_from_db()
    assert participant.hidden_before is not None
    assert Message.objects.count() == 1  # the other member keeps it
    assert Participant.objects.get(user=other_member).hidden_before is None
