"""The only code that writes notifications, and Profile.unread_notifications.

`notify` is what the receivers call: it applies the rules every kind shares
(never for your own action, never from a member you blocked, never to an
inactive account) and groups; the receivers decide who is concerned and
whether they may still see the content (apps.notifications.receivers).

The counter counts unread rows. It moves with F() in the transaction that
makes a row unread (+1) or read (-n, the rows the UPDATE really changed),
so concurrent events and "mark read" clicks keep it exact: an UPDATE
conditioned on `read_at IS NULL` changes a row at most once, whoever races.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from apps.accounts.models import User
from apps.profiles.models import Block, Profile

from . import digests, preferences
from .models import REASON_MAX_LENGTH, DigestEntry, Kind, Notification


@dataclass
class Target:
    """What a notification points at (any of them may be None)."""

    community_id: int | None = None
    post_id: int | None = None
    comment_id: int | None = None
    conversation_id: int | None = None
    verb: str = ""
    reason: str = ""


def is_blocked(recipient_id: int, actor_id: int | None) -> bool:
    """Whether the recipient blocked the actor (1 query)."""
    if actor_id is None:
        return False
    return Block.objects.filter(blocker_id=recipient_id, blocked_id=actor_id).exists()


@transaction.atomic
def notify(
    *,
    recipient: User,
    kind: str,
    actor: User | None,
    target: Target,
    group_key: str = "",
    once: bool = False,
    blockable: bool = True,
) -> Notification | None:
    """Tell `recipient` that `actor` did `kind` on `target`. Returns the new
    or grouped notification, or None when nothing is to be said:

    - the recipient acted themselves, is inactive, or blocked the actor
      (unless not `blockable`: a moderator's decision reaches its member
      whoever they blocked, since it is the community speaking);
    - `once` and they were already told about this group, read or not
      (a mention edited into a post again, a follow undone and redone);
    - they turned the kind off on the site (they may still get it by email).

    With a `group_key`, an unread notification of the same group grows
    (count + 1, newest actor and comment, moved to the top) instead of a
    new row; the unread counter moves only for a new row. 3 to 5 queries,
    4 more when the kind goes by email.
    """
    if actor is not None and actor.pk == recipient.pk:
        return None
    if not recipient.is_active:
        return None
    if blockable and is_blocked(recipient.pk, actor.pk if actor else None):
        return None
    told = Notification.objects.filter(recipient=recipient, group_key=group_key)
    if once and group_key and told.exists():
        return None
    # The member's settings for the kind (apps.notifications.preferences):
    # by email, the event waits for the next digest; off the site, no entry.
    choice = preferences.preference_for(recipient.pk, kind)
    if choice.email:
        digests.digest_add(recipient=recipient, kind=kind, actor=actor, target=target)
    if not choice.site:
        return None
    now = timezone.now()
    if group_key and not once:
        grouped = _grow_group(recipient, group_key, actor, target, now)
        if grouped is not None:
            return grouped
    notification = Notification(
        recipient=recipient,
        kind=kind,
        actor=actor,
        community_id=target.community_id,
        post_id=target.post_id,
        comment_id=target.comment_id,
        conversation_id=target.conversation_id,
        verb=target.verb,
        reason=(target.reason or "")[:REASON_MAX_LENGTH],
        group_key=group_key,
        updated=now,
    )
    try:
        with transaction.atomic():  # a savepoint: the group may have been made meanwhile
            notification.save()
    except IntegrityError:
        if not group_key:
            raise
        return _grow_group(recipient, group_key, actor, target, now)
    Profile.objects.filter(user_id=recipient.pk).update(
        unread_notifications=F("unread_notifications") + 1
    )
    return notification


def _grow_group(
    recipient: User, group_key: str, actor: User | None, target: Target, now
) -> Notification | None:
    """Count one more event in the unread notification of `group_key`
    (1 UPDATE, + 1 SELECT when there is one). None when there is none:
    the group was read (or never existed)."""
    changes: dict = {"count": F("count") + 1, "updated": now, "actor": actor}
    if target.comment_id is not None:
        changes["comment_id"] = target.comment_id
    grown = (
        Notification.objects.unread()
        .filter(recipient=recipient, group_key=group_key)
        .update(**changes)
    )
    if not grown:
        return None
    return Notification.objects.unread().filter(recipient=recipient, group_key=group_key).first()


def _decrement(user_id: int, by: int) -> None:
    if by:
        # Greatest: never below zero, even if a row was somehow counted twice.
        Profile.objects.filter(user_id=user_id).update(
            unread_notifications=Greatest(F("unread_notifications") - by, Value(0))
        )


@transaction.atomic
def notification_mark_read(*, user: User, notification_id: int) -> bool:
    """Mark one of `user`'s notifications read. False when it was read
    already; Notification.DoesNotExist when it is not theirs (the views
    answer 404, and nothing changes). 2 queries, 3 when it was unread."""
    changed = Notification.objects.filter(
        pk=notification_id, recipient=user, read_at__isnull=True
    ).update(read_at=timezone.now())
    if changed:
        _decrement(user.pk, changed)
        return True
    if not Notification.objects.filter(pk=notification_id, recipient=user).exists():
        raise Notification.DoesNotExist
    return False


@transaction.atomic
def notification_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of `user` read; returns how many.
    A notification arriving meanwhile stays unread and counted."""
    changed = Notification.objects.unread().filter(recipient=user).update(read_at=timezone.now())
    _decrement(user.pk, changed)
    return changed


# What a member causes by their own doing, and so what a block silences; moderators'
# decisions, bans and report outcomes are the community speaking and stay.
BLOCKABLE_KINDS = (Kind.POST_REPLY, Kind.COMMENT_REPLY, Kind.MENTION, Kind.FOLLOW, Kind.MESSAGE)


@transaction.atomic
def notifications_from_blocked_drop(*, blocker: User, blocked: User) -> int:
    """A block also clears what the blocked member caused in the blocker's
    inbox, and the emails still waiting about it; the unread counter moves
    by exactly the unread rows dropped. Returns how many notifications went."""
    caused = Notification.objects.filter(recipient=blocker, actor=blocked, kind__in=BLOCKABLE_KINDS)
    unread, _ = caused.filter(read_at__isnull=True).delete()
    read, _ = caused.delete()
    _decrement(blocker.pk, unread)
    DigestEntry.objects.filter(recipient=blocker, actor=blocked).delete()
    return unread + read
