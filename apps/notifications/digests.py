"""Notification emails, batched: at most one email per kind per member every
QUORUM_NOTIFICATION_EMAIL_MINUTES, listing what happened since the last one.

Each event of an email-enabled kind adds a DigestEntry (`digest_add`, in the
transaction of the notification). The member's NotificationPreference row
for the kind keeps the rhythm:

- `digest_due` is set while a digest task is queued: the first event of a
  burst queues one task (after commit), the next ones only add entries;
- `last_emailed`: the task runs at the earliest `last_emailed + window`
  (the task backend's `run_after`), so a burst makes one email.

The task (`digest_send`, run by apps.notifications.tasks in the worker)
takes the row's lock, clears `digest_due` and claims the window before it
renders and sends outside the lock; it deletes only the entries it sent, so
an event arriving meanwhile waits for the next email, never lost, never
twice. When sending fails the entries stay and go with the next email.

A task backend that cannot defer (`ImmediateBackend` of local runs and
tests) sends the first event at once; events inside the window then wait
for the first event after it. The database backend of production defers.
"""

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from apps.accounts.models import User

from .emails import digest_message
from .models import REASON_MAX_LENGTH, DigestEntry, NotificationPreference
from .preferences import default_choice

if TYPE_CHECKING:
    from .services import Target

# At most this many events are listed in one email ("and 12 more").
LISTED = 20
# A `digest_due` this far in the past belongs to a task that was lost (a
# worker's queue wiped, a crash): the next event queues a new one.
STALE_AFTER = timedelta(hours=1)


def window() -> timedelta:
    return timedelta(minutes=settings.QUORUM_NOTIFICATION_EMAIL_MINUTES)


def _task():
    from .tasks import send_notification_digest  # the task module imports this one

    return send_notification_digest


def _enqueue_after_commit(user_id: int, kind: str, due, now) -> None:
    task = _task()
    if due > now:
        task = task.using(run_after=due)
    transaction.on_commit(lambda: task.enqueue(user_id=user_id, kind=kind))


def _can_defer() -> bool:
    return _task().get_backend().supports_defer


@transaction.atomic
def digest_add(*, recipient: User, kind: str, actor: User | None, target: "Target") -> DigestEntry:
    """Remember one event for `recipient`'s next email of `kind`, and queue
    the digest task unless one is queued already (3 to 4 queries)."""
    entry = DigestEntry.objects.create(
        recipient=recipient,
        kind=kind,
        actor=actor,
        community_id=target.community_id,
        post_id=target.post_id,
        comment_id=target.comment_id,
        conversation_id=target.conversation_id,
        verb=target.verb,
        reason=(target.reason or "")[:REASON_MAX_LENGTH],
    )
    # The lock orders us against the task: either it has not cleared
    # `digest_due` yet and will see this entry, or it has and we queue anew.
    pref, _ = NotificationPreference.objects.select_for_update().get_or_create(
        user=recipient,
        kind=kind,
        defaults={"site": default_choice(kind).site, "email": True},
    )
    now = timezone.now()
    if pref.digest_due is not None and pref.digest_due > now - STALE_AFTER:
        return entry
    due = max(now, pref.last_emailed + window()) if pref.last_emailed else now
    if due > now and not _can_defer():
        return entry  # no deferred task possible: the next event after the window sends
    pref.digest_due = due
    pref.save(update_fields=["digest_due"])
    _enqueue_after_commit(recipient.pk, kind, due, now)
    return entry


def digest_send(*, user_id: int, kind: str) -> int:
    """The task's body: email `user_id` what happened of `kind` since the last
    email, if the window allows; returns how many events were emailed.
    5 queries and the mail server, whatever the number of events."""
    now = timezone.now()
    with transaction.atomic():
        pref = (
            NotificationPreference.objects.select_for_update()
            .filter(user_id=user_id, kind=kind)
            .first()
        )
        if pref is None:
            return 0
        pref.digest_due = None
        entries = DigestEntry.objects.filter(recipient_id=user_id, kind=kind)
        user = User.objects.select_related("profile").filter(pk=user_id).first()
        if not pref.email or user is None or not user.is_active or not user.email:
            # Unsubscribed (or gone) since the events: they are not to be sent.
            entries.delete()
            pref.save(update_fields=["digest_due"])
            return 0
        if pref.last_emailed and now < pref.last_emailed + window():
            # Early (a task queued twice, or a backend that ran it at once):
            # come back when the window allows.
            if _can_defer():
                pref.digest_due = pref.last_emailed + window()
                _enqueue_after_commit(user_id, kind, pref.digest_due, now)
            pref.save(update_fields=["digest_due"])
            return 0
        last_pk = entries.aggregate(last=Max("pk"))["last"]
        if last_pk is not None:
            pref.last_emailed = now  # claims the window: a task racing us waits
        pref.save(update_fields=["digest_due", "last_emailed"])
    if last_pk is None:
        return 0
    batch = entries.filter(pk__lte=last_pk)
    listed = list(
        batch.select_related("actor__profile", "post__community", "comment", "community").order_by(
            "pk"
        )[:LISTED]
    )
    total = batch.count() if len(listed) == LISTED else len(listed)
    if listed:
        digest_message(user, kind, listed, total).send()
    batch.delete()
    return total
