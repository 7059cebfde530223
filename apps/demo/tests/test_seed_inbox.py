"""`seed_demo` gives the demo logins a lived-in inbox and a conversation,
made through the services (so by the notifications receivers, after
commit), and a second run adds nothing."""

import io

import pytest
from django.core.management import call_command

from apps.accounts.models import User
from apps.comments.models import Comment
from apps.messaging.models import Conversation, Message, Participant
from apps.moderation.models import ModerationAction
from apps.notifications.models import Kind, Notification
from apps.profiles.models import Follow, Profile

# Real commits: the services' events reach the notifications receivers only
# once the command's transaction commits, as in `make run`.
pytestmark = pytest.mark.django_db(transaction=True)


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {
        "notifications": list(
            Notification.objects.order_by("pk").values_list("pk", "recipient_id", "kind", "count")
        ),
        "unread": list(Profile.objects.order_by("pk").values_list("unread_notifications")),
        "comments": Comment.objects.count(),
        "messages": Message.objects.count(),
        "conversations": Conversation.objects.count(),
        "follows": Follow.objects.count(),
        "actions": ModerationAction.objects.count(),
    }


def kinds_of(username: str) -> set[str]:
    return set(
        Notification.objects.filter(recipient__username=username).values_list("kind", flat=True)
    )


def test_demo_logins_have_a_lived_in_inbox_and_a_second_run_adds_nothing(client):
    output = seed()
    assert "Demo inbox ready" in output

    assert kinds_of("alice") >= {
        Kind.POST_REPLY,
        Kind.COMMENT_REPLY,
        Kind.MENTION,
        Kind.FOLLOW,
        Kind.MODERATION,
        Kind.MESSAGE,
    }
    assert kinds_of("bruno") >= {Kind.COMMENT_REPLY, Kind.MENTION, Kind.MESSAGE}
    assert Kind.FOLLOW in kinds_of("staffmod")
    # Three replies to alice's post are one entry, as the site groups them.
    grouped = Notification.objects.get(recipient__username="alice", kind=Kind.POST_REPLY)
    assert grouped.count == 3
    removal = Notification.objects.get(recipient__username="alice", kind=Kind.MODERATION)
    assert removal.verb == "comment_removed" and "Spoilers" in removal.reason

    # Every counter is exactly the number of unread rows.
    for profile in Profile.objects.all():
        unread = Notification.objects.filter(recipient_id=profile.user_id, read_at__isnull=True)
        assert profile.unread_notifications == unread.count(), profile.user.username
    alice = User.objects.get(username="alice")
    assert alice.profile.unread_notifications >= 6

    # One conversation between alice and bruno; alice has bruno's last message unread.
    conversation = Conversation.objects.get()
    assert {conversation.member_low.username, conversation.member_high.username} == {
        "alice",
        "bruno",
    }
    assert conversation.messages.count() == 3
    assert Participant.objects.get(conversation=conversation, user=alice).unread_count == 1

    # What a newcomer logged in as alice sees.
    client.force_login(alice)
    inbox = client.get("/inbox/").content.decode()
    assert "replies to your post" in inbox
    assert "A moderator removed your comment" in inbox
    assert "Spoilers without a warning" in inbox

    before = snapshot()
    output = seed()
    assert "Demo inbox ready: 0 new" in output
    assert snapshot() == before
