"""Who may add a poll and vote, and what makes a poll's input right. Each
rule once, with its reason: None, or (code, translated sentence).

Codes in INPUT_REFUSALS are about what was sent (the options, the poll's
state: a 400 on the form); the others about who sends it (403).
"""

from collections.abc import Collection, Sequence
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.types import Actor
from apps.communities import policies as community_policies
from apps.posts import policies as post_policies
from apps.posts.models import Post

from .models import MAX_OPTIONS, MIN_OPTIONS, OPTION_MAX_LENGTH, Poll

Refusal = tuple[str, str]

INPUT_REFUSALS = frozenset(
    {
        "empty_option",
        "too_few",
        "too_many",
        "duplicate",
        "too_long",
        "closes_past",
        "exists",
        "closed",
        "already_voted",
        "no_choice",
        "other_poll",
        "single_choice",
    }
)


def _active(user: Actor) -> bool:
    return bool(user.is_authenticated and user.is_active)


def poll_create_refusal(actor: Actor, post: Post) -> Refusal | None:
    """Only the post's author adds its poll, while the post stands (no query)."""
    if not _active(actor):
        return "login", _("Log in to add a poll.")
    if not post_policies.is_author(actor, post) or not post.is_visible:
        return "not_author", _("Only the author of a post can add a poll to it.")
    return None


def options_refusal(options: Sequence[str]) -> Refusal | None:
    """Why these options (trimmed already) cannot make a poll: an empty one,
    fewer than 2 or more than 10, a repeated one (in any case), a long one."""
    if any(not option for option in options):
        return "empty_option", _("An option cannot be empty.")
    if len(options) < MIN_OPTIONS:
        return (
            "too_few",
            # Translators: %(count)s is the fewest options a poll may have (a number).
            _("A poll needs at least %(count)s options.") % {"count": MIN_OPTIONS},
        )
    if len(options) > MAX_OPTIONS:
        return (
            "too_many",
            # Translators: %(count)s is the most options a poll may have (a number).
            _("A poll can have at most %(count)s options.") % {"count": MAX_OPTIONS},
        )
    if len({option.casefold() for option in options}) < len(options):
        return "duplicate", _("Each option must be different from the others.")
    if any(len(option) > OPTION_MAX_LENGTH for option in options):
        return (
            "too_long",
            # Translators: %(limit)s is the longest a poll's option may be, in characters.
            _("An option can be at most %(limit)s characters long.") % {"limit": OPTION_MAX_LENGTH},
        )
    return None


def closes_at_refusal(closes_at: datetime | None) -> Refusal | None:
    if closes_at is not None and closes_at <= timezone.now():
        return "closes_past", _("The closing time must be in the future.")
    return None


def vote_refusal(user: Actor, poll: Poll) -> Refusal | None:
    """Why `user` may not vote on `poll` (its post and community loaded):
    a visitor, someone who cannot read the post or is banned from its
    community, a closed poll or a post that is gone (up to 2 queries)."""
    if not _active(user):
        return "login", _("Log in to vote.")
    post = poll.post
    if not community_policies.can_read(user, post.community):
        return "cannot_read", _("You cannot see this post.")
    if community_policies.is_banned(user, post.community):
        return "banned", _("You are banned from this community.")
    if poll.is_closed or not post.is_visible:
        return "closed", _("This poll is closed.")
    return None


def can_vote(user: Actor, poll: Poll) -> bool:
    return vote_refusal(user, poll) is None


def choice_refusal(
    poll: Poll, option_ids: Collection[int], poll_option_ids: Collection[int]
) -> Refusal | None:
    """Why these options cannot be one ballot of `poll`: none, one of
    another poll, several on a single-choice poll (no query)."""
    if not option_ids:
        return "no_choice", _("Choose an option.")
    if not set(option_ids) <= set(poll_option_ids):
        return "other_poll", _("That option is not one of this poll's.")
    if len(option_ids) > 1 and not poll.multiple:
        return "single_choice", _("Choose only one option in this poll.")
    return None


def already_voted() -> Refusal:
    return "already_voted", _("You have already voted in this poll.")
