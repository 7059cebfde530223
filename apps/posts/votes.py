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

from django.db.models import F, Model

from apps.accounts.models import User
from apps.profiles.models import Profile

VOTE_VALUES = (1, -1, 0)


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
) -> VoteChange:
    """Make `user`'s vote on `target` (a locked Post or Comment) equal `value`
    and move the counters: the target's score, upvotes and downvotes (plus
    `extra_updates(change)`, e.g. the post's hot rank) and the author's
    `karma_field`, except for a vote on one's own words, which counts in the
    score and not in the karma. `author_id` is the target's author (None once
    the account is gone). Voting the same value again changes nothing.
    3 to 5 queries. The models are reached through `_default_manager`, the
    generic spelling of their one manager (`objects`)."""
    # The member's vote row on the target: one at most (a unique constraint).
    votes = vote_model._default_manager.filter(**{target_field: target}, user=user)
    old: int | None = votes.values_list("value", flat=True).first()
    change = VoteChange(old=old or 0, new=value)
    if not change.changed:
        return change
    if old is None:
        vote_model._default_manager.create(**{target_field: target}, user=user, value=value)
    elif value == 0:
        votes.delete()
    else:
        votes.update(value=value)
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
