"""The one vote algorithm, for posts and comments alike.

A member holds at most one vote row per post (or comment): +1, -1, or none.
Voting writes that row (create, change or delete) and moves the target's
counters and the author's karma by the difference with F() expressions, in
the caller's transaction. The caller has already checked the policy and
locked the target row, so the read of the previous vote and the counter
updates cannot interleave with another vote on the same target.
apps.comments imports this (comments sits above posts in the layers).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from django.db import connection
from django.db.models import F, Model

from apps.accounts.models import User
from apps.profiles.models import Profile

VOTE_VALUES = (1, -1, 0)

# record_vote's `current` when the caller did not read the member's vote yet.
UNREAD = object()


def is_vote_value(value: object) -> bool:
    """+1, -1 or 0, as an int (True and "1" are not votes)."""
    return type(value) is int and value in VOTE_VALUES


@dataclass(frozen=True)
class VoteChange:
    """A member's vote before and after: what each counter moves by."""

    old: int
    new: int

    @property
    def changed(self) -> bool:
        return self.old != self.new

    @property
    def score(self) -> int:
        return self.new - self.old

    @property
    def upvotes(self) -> int:
        return int(self.new == 1) - int(self.old == 1)

    @property
    def downvotes(self) -> int:
        return int(self.new == -1) - int(self.old == -1)


def record_vote(
    *,
    vote_model: type[Model],
    target: Model,
    target_field: str,
    author_id: int | None,
    user: User,
    value: int,
    karma_field: str,
    extra_updates: Callable[[VoteChange], dict] | None = None,
    current: object = UNREAD,
) -> VoteChange:
    """Make `user`'s vote on `target` (a locked Post or Comment) equal `value`
    and move the counters: the target's score, upvotes and downvotes (plus
    `extra_updates(change)`, e.g. the post's hot rank) and the author's
    `karma_field`, except for a vote on one's own words, which counts in the
    score and not in the karma. `author_id` is the target's author (None once
    the account is gone). Voting the same value again changes nothing.

    `current`: the member's vote (+1, -1, or None for no row) as the caller
    read it in the statement that took the target's lock, which saves the
    read here. That statement may have waited for the lock, and on
    PostgreSQL its subqueries see the vote table as it was before the wait:
    so the row is written only if it still holds `current` (compare and
    set); if another request of the same member changed it meanwhile, the
    vote is read again (now fresh: that request has committed) and applied.
    A stale "no change" is harmless: it is the order where this request came
    first. 2 to 5 queries. The models are reached through `_default_manager`,
    the generic spelling of their one manager (`objects`)."""
    # The member's vote row on the target: one at most (a unique constraint).
    votes = vote_model._default_manager.filter(**{target_field: target}, user=user)
    read_here = current is UNREAD
    old = (
        votes.values_list("value", flat=True).first() if read_here else cast("int | None", current)
    )
    change = VoteChange(old=old or 0, new=value)
    if not change.changed:
        return change
    if read_here:
        _write(votes, vote_model, target_field, target, user, old, value)
    elif not _swap(votes, vote_model, target_field, target, user, old, value):
        return record_vote(
            vote_model=vote_model,
            target=target,
            target_field=target_field,
            author_id=author_id,
            user=user,
            value=value,
            karma_field=karma_field,
            extra_updates=extra_updates,
        )
    updates = {
        "score": F("score") + change.score,
        "upvotes": F("upvotes") + change.upvotes,
        "downvotes": F("downvotes") + change.downvotes,
    }
    if extra_updates is not None:
        updates.update(extra_updates(change))
    type(target)._default_manager.filter(pk=target.pk).update(**updates)
    if author_id is not None and author_id != user.pk:
        Profile.objects.filter(user_id=author_id).update(
            **{karma_field: F(karma_field) + change.score}
        )
    return change


def _write(votes, vote_model, target_field, target, user, old: int | None, new: int) -> None:
    """Set the vote row to `new` (0: no row), knowing it holds `old`."""
    if old is None:
        vote_model._default_manager.create(**{target_field: target}, user=user, value=new)
    elif new == 0:
        votes.delete()
    else:
        votes.update(value=new)


def _swap(votes, vote_model, target_field, target, user, old: int | None, new: int) -> bool:
    """Set the vote row to `new` only if it still holds `old`: True when it did."""
    if old is None:
        return _insert_unless_present(vote_model(**{target_field: target}, user=user, value=new))
    still = votes.filter(value=old)
    if new == 0:
        deleted, _by_model = still.delete()
        return deleted > 0
    return still.update(value=new) > 0


def _insert_unless_present(row: Model) -> bool:
    """INSERT … ON CONFLICT DO NOTHING (PostgreSQL and SQLite alike): True
    when the row went in, False when the unique constraint found one there.
    Django's create() would raise and need a savepoint (two more queries);
    bulk_create(ignore_conflicts=True) does not say whether it inserted."""
    meta = row._meta
    fields = [field for field in meta.local_concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    params = [field.get_db_prep_save(field.pre_save(row, True), connection) for field in fields]
    # Names come from the model's own metadata, values are parameters.
    table = quote(meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT DO NOTHING"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount == 1
