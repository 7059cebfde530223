"""Reads for private messages. Each function says what it costs; none
grows with the number of conversations or messages shown.

Only the two members ever see a conversation: every read here starts from
the viewer's own Participant row, so anyone else (community moderators and
staff included) gets a 404, exactly as for a conversation that does not
exist. Staff read a reported message through its report only.
"""

from django.db.models import F, Q
from django.http import Http404

from apps.accounts.models import User
from apps.accounts.types import Actor
from apps.core.pagination import Page, keyset_page

from .models import Conversation, Message, Participant

CONVERSATIONS_PAGE_SIZE = 25
MESSAGES_PAGE_SIZE = 50


def conversations_page(
    user: User, *, cursor: str | None = None, page_size: int = CONVERSATIONS_PAGE_SIZE
) -> Page[Participant]:
    """`user`'s conversations, newest activity first, each with the other
    member's profile, the last message and the unread count (`unread_count`
    on the row). 1 query, whatever the page: an index walk of
    participant_list_idx. Conversations deleted for `user` stay out until a
    new message arrives."""
    queryset = (
        Participant.objects.filter(user=user, conversation__last_message__isnull=False)
        .filter(Q(hidden_before__isnull=True) | Q(last_message_at__gt=F("hidden_before")))
        .select_related("other__profile", "conversation__last_message")
    )
    return keyset_page(queryset, key="last_message_at", cursor=cursor, page_size=page_size)


def participant_for(user: Actor, conversation_id: int) -> Participant:
    """The viewer's side of a conversation, with the conversation and the
    other member's profile (1 query); 404 for anyone but its two members."""
    if not user.is_authenticated or not 0 < conversation_id < 2**63:
        raise Http404  # an id past the database's bigint would overflow: no such page
    participant = (
        Participant.objects.select_related("conversation", "other__profile")
        .filter(user_id=user.pk, conversation_id=conversation_id)
        .first()
    )
    if participant is None:
        raise Http404
    return participant


def messages_page(
    participant: Participant,
    *,
    viewer: User,
    cursor: str | None = None,
    page_size: int = MESSAGES_PAGE_SIZE,
) -> Page[Message]:
    """The newest page of the conversation's messages the viewer has not
    deleted for themselves, as keyset pages going back in time (`next_cursor`
    is the older page); items oldest → newest, for reading. 1 query: the
    sender of each is one of the two members the page already has."""
    queryset = Message.objects.filter(conversation_id=participant.conversation_id)
    if participant.hidden_before is not None:
        queryset = queryset.filter(created__gt=participant.hidden_before)
    page = keyset_page(queryset, key="created", cursor=cursor, page_size=page_size)
    members = {viewer.pk: viewer, participant.other_id: participant.other}
    for message in page.items:
        message.sender = members[message.sender_id]
        message.conversation = participant.conversation
    return Page(items=list(reversed(page.items)), next_cursor=page.next_cursor)


def conversation_with(user: User, other: User) -> Conversation | None:
    """The pair's conversation if it has a message (1 query, none with oneself)."""
    if user.pk == other.pk:
        return None
    low, high = sorted((user.pk, other.pk))
    return Conversation.objects.filter(
        member_low_id=low, member_high_id=high, last_message__isnull=False
    ).first()


def member_named(username: str) -> User | None:
    """The member a "To" field names (an optional leading @), active or not,
    or None: the send policy says why neither can be written to (1 query)."""
    name = (username or "").strip().lstrip("@")
    if not name:
        return None
    return User.objects.filter(username__iexact=name).first()


def message_for_participant(user: Actor, message_id: int) -> Message:
    """A message of one of the viewer's conversations, with its conversation
    and sender (1 query); 404 for anyone but the two members (a report's
    page, the block and report buttons of a message)."""
    if not user.is_authenticated:
        raise Http404
    message = (
        Message.objects.select_related("conversation", "sender__profile")
        .filter(pk=message_id)
        .filter(Q(conversation__member_low_id=user.pk) | Q(conversation__member_high_id=user.pk))
        .first()
    )
    if message is None:
        raise Http404
    return message
