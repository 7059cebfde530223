"""Who may write to whom, and who may see a conversation. One rule each;
`message_refusal` says why not as (code, translated sentence), or None.

A block is never revealed beyond one sentence: a member someone blocked
reads "You can't message this member." and nothing else (the same words
whoever's side the block is on, except for the blocker, who knows).
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.accounts.types import Actor
from apps.profiles.models import Block

Refusal = tuple[str, str]

# Refusals about what was asked (400), not about who asks (403).
INPUT_REFUSALS = frozenset({"self", "unknown"})


def blocked_message() -> str:
    return _("You can't message this member.")


def message_refusal(actor: Actor, recipient: User | None) -> Refusal | None:
    """Why `actor` may not send a private message to `recipient`, or None.
    1 query (both directions of a block at once), none when a cheaper rule
    already said no."""
    if not (actor.is_authenticated and actor.is_active):
        return "login", _("Log in to send private messages.")
    if recipient is None or not recipient.is_active:
        return "unknown", _("There is no active member with this name.")
    if recipient.pk == actor.pk:
        return "self", _("You cannot send a message to yourself.")
    blockers = set(
        Block.objects.filter(
            Q(blocker_id=recipient.pk, blocked_id=actor.pk)
            | Q(blocker_id=actor.pk, blocked_id=recipient.pk)
        ).values_list("blocker_id", flat=True)
    )
    if recipient.pk in blockers:
        return "blocked", blocked_message()
    if actor.pk in blockers:
        return "you_blocked", _("You blocked this member. Unblock them to send a message.")
    return None


def can_message(actor: Actor, recipient: User) -> bool:
    return message_refusal(actor, recipient) is None


def is_participant(actor: Actor, conversation) -> bool:
    """Only the two members see a conversation: no moderator, no staff
    (staff read a reported message through its report). No query."""
    return bool(
        actor.is_authenticated
        and actor.pk in (conversation.member_low_id, conversation.member_high_id)
    )


def report_message_refusal(actor: Actor, message) -> Refusal | None:
    """Only its recipient may report a message (the sender cannot report
    their own). No query: the message comes with its conversation."""
    if not (actor.is_authenticated and actor.is_active):
        return "login", _("Log in to report.")
    if not is_participant(actor, message.conversation):
        return "cannot_read", _("You cannot see this.")
    if message.sender_id == actor.pk:
        return "own", _("You cannot report your own message.")
    return None
