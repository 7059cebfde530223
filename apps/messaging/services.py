"""Writes for private messages. Keyword-only, atomic, validated.

Lock order: the conversation row, then the participant rows. Sending
checks apps.messaging.policies.message_refusal (blocks included), the body,
then the "message" rate limit, and sends `message_sent` after commit.
"""

import re

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.events import send_after_commit
from apps.core.html import html_to_text, sanitize_comment_html, text_to_html
from apps.core.ratelimit import check as rate_limit
from apps.core.refusals import raise_refusal

from . import events, policies
from .models import Conversation, Message, Participant

DEFAULT_MAX_LENGTH = 5_000
# Something that looks like a tag (as in apps.comments.services): text
# without one is plain text typed into a textarea and becomes paragraphs.
_LOOKS_LIKE_HTML = re.compile(r"</?[a-zA-Z][^>]*>|<!--")


def max_length() -> int:
    return int(getattr(settings, "QUORUM_MESSAGE_MAX_LENGTH", DEFAULT_MAX_LENGTH))


def message_body(raw: str) -> tuple[str, str]:
    """(sanitized HTML, plain text) of what a member typed, or ValidationError.
    The comment allowlist; the size limit on what was typed, emptiness on
    what is left once sanitized (a body of only `<script>` is empty)."""
    raw = (raw or "").replace("\r\n", "\n")
    if not raw.strip():
        raise ValidationError(_("Your message is empty. Write something first."), code="empty")
    limit = max_length()
    if len(raw) > limit:
        raise ValidationError(
            # Translators: %(limit)s is the longest allowed length, %(length)s the length of the
            # member's private message (numbers).
            _("A message can be at most %(limit)s characters long; yours has %(length)s.")
            % {"limit": intcomma(limit), "length": intcomma(len(raw))},
            code="too_long",
        )
    source = raw if _LOOKS_LIKE_HTML.search(raw) else text_to_html(raw)
    body_html = sanitize_comment_html(source)
    body_text = html_to_text(body_html)
    if not body_text:
        raise ValidationError(
            _("Your message has no text left once unsupported markup is removed."),
            code="empty",
        )
    return body_html, body_text


def _raise(refusal: policies.Refusal | None, *, field: str | None = None) -> None:
    raise_refusal(refusal, input_codes=policies.INPUT_REFUSALS, field=field)


def _pair(a: User, b: User) -> tuple[User, User]:
    return (a, b) if a.pk < b.pk else (b, a)


def _conversation_for_update(sender: User, recipient: User) -> Conversation:
    """The pair's conversation, created with both participants the first
    time, locked for the rest of the transaction. The unique pair decides a
    race between two first messages."""
    low, high = _pair(sender, recipient)
    existing = Conversation.objects.select_for_update().filter(member_low=low, member_high=high)
    conversation = existing.first()
    if conversation is not None:
        return conversation
    try:
        with transaction.atomic():
            conversation = Conversation.objects.create(member_low=low, member_high=high)
            Participant.objects.bulk_create(
                [
                    Participant(conversation=conversation, user=low, other=high),
                    Participant(conversation=conversation, user=high, other=low),
                ]
            )
            return conversation
    except IntegrityError:
        return existing.get()


@transaction.atomic
def message_send(
    *,
    sender: User,
    recipient: User | None,
    body: str,
    client_ip: str | None = None,
    field: str | None = None,
) -> Message:
    """A private message from `sender` to `recipient`, in their conversation
    (made on the first message). Refused (nothing stored) when the policy
    says no (self, unknown or inactive, a block either way), when the body is
    empty or too long, or over the "message" rate limit. `field` names the
    form field a refusal about the recipient belongs to."""
    _raise(policies.message_refusal(sender, recipient), field=field)
    assert recipient is not None  # the policy refuses None
    body_html, body_text = message_body(body)
    rate_limit("message", user=sender, client_ip=client_ip)
    conversation = _conversation_for_update(sender, recipient)
    now = timezone.now()
    message = Message.objects.create(
        conversation=conversation,
        sender=sender,
        body_html=body_html,
        body_text=body_text,
        created=now,
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message=message)
    conversation.last_message = message
    # Writing is reading: the sender's side is read up to now.
    Participant.objects.filter(conversation=conversation, user=sender).update(
        last_message_at=now, last_read_at=now, unread_count=0
    )
    Participant.objects.filter(conversation=conversation, user=recipient).update(
        last_message_at=now, unread_count=F("unread_count") + 1
    )
    send_after_commit(
        events.message_sent,
        Message,
        message=message,
        conversation=conversation,
        actor=sender,
        recipient=recipient,
        community_id=None,
    )
    return message


def conversation_mark_read(*, user: User, participant: Participant) -> None:
    """Opening a conversation reads it (1 UPDATE, none when nothing is unread
    and it was read before)."""
    if participant.user_id != user.pk:
        raise PermissionDenied(_("You cannot see this."))
    if participant.unread_count == 0 and participant.last_read_at is not None:
        return
    now = timezone.now()
    Participant.objects.filter(pk=participant.pk).update(unread_count=0, last_read_at=now)
    participant.unread_count, participant.last_read_at = 0, now


@transaction.atomic
def conversation_hide(*, user: User, participant: Participant) -> None:
    """ "Delete for yourself": every message up to now disappears for `user`
    only, and the conversation leaves their list until a new message comes.
    The other member keeps everything (1 UPDATE)."""
    if participant.user_id != user.pk:
        raise PermissionDenied(_("You cannot see this."))
    now = timezone.now()
    Participant.objects.filter(pk=participant.pk).update(
        hidden_before=now, unread_count=0, last_read_at=now
    )
    participant.hidden_before, participant.unread_count, participant.last_read_at = now, 0, now
