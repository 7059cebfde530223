"""Who may do what with a post. One named rule each, written once.

A rule that can refuse says why: `x_refusal(user, target)` returns
(code, translated sentence), or None when the user may. Services call it and
raise (PermissionDenied, or ValidationError for the codes in
INPUT_REFUSALS: the target, not the user, is the problem); views and
templates only show the sentence. `can_x` booleans wrap them where a
template needs a yes/no.

They take the post with its community loaded (select_related) and cost at
most the queries of apps.communities.policies they call.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from apps.accounts.types import Actor
from apps.communities import policies as community_policies
from apps.communities.models import Community, Visibility

from .models import KEYWORD_FILTER_MAX_LENGTH, KEYWORD_FILTERS_MAX, Post

Refusal = tuple[str, str]

# Refusal codes about the thing acted on rather than the person acting: a
# service raises ValidationError (400) for these, PermissionDenied (403) otherwise.
INPUT_REFUSALS = frozenset({"closed", "gone", "blank", "too_long", "too_many"})


def _active(user: Actor) -> bool:
    return bool(user.is_authenticated and user.is_active)


def submit_refusal(user: Actor, community: Community) -> Refusal | None:
    """Why `user` may not post in `community`, or None (up to 2 queries):
    the community's contribute rule, explained."""
    if not _active(user):
        return "login", _("Log in to post.")
    if community_policies.is_banned(user, community):
        return "banned", _("You are banned from this community.")
    if not community_policies.can_contribute(user, community):
        if community.visibility == Visibility.RESTRICTED:
            return "not_approved", _("Only members approved by the moderators can post here.")
        return "not_member", _("Only members of this community can post here.")
    return None


def can_submit(user: Actor, community: Community) -> bool:
    return submit_refusal(user, community) is None


def is_author(user: Actor, post: Post) -> bool:
    return bool(user.is_authenticated and post.author_id is not None and post.author_id == user.pk)


def _contributes(user: Actor, community: Community, contributor: bool | None) -> bool:
    """can_contribute, unless the page already knows the answer (no query then)."""
    if contributor is not None:
        return contributor
    return community_policies.can_contribute(user, community)


def edit_refusal(user: Actor, post: Post, *, contributor: bool | None = None) -> Refusal | None:
    """The author, while the post stands and they may still contribute there."""
    if not is_author(user, post) or post.is_deleted or post.is_removed:
        return "not_author", _("You can only edit your own posts, while they stand.")
    if not _contributes(user, post.community, contributor):
        return "cannot_contribute", _("You can only edit your own posts, while they stand.")
    return None


def can_edit_post(user: Actor, post: Post, *, contributor: bool | None = None) -> bool:
    return edit_refusal(user, post, contributor=contributor) is None


def delete_refusal(user: Actor, post: Post) -> Refusal | None:
    """The author, always (even banned: taking one's words back is a right).
    Pure: no query. A post already deleted is not refused: deleting twice is
    a no-op the service handles."""
    if not is_author(user, post):
        return "not_author", _("You can only delete your own posts.")
    return None


def can_delete_post(user: Actor, post: Post) -> bool:
    return delete_refusal(user, post) is None and not post.is_deleted


def staff_edit_refusal(user: Actor) -> Refusal | None:
    """Who corrects a member's post in the admin: superusers only (staff
    moderators moderate through removal, they do not rewrite words)."""
    if not (_active(user) and user.is_superuser):
        return "not_superuser", _("Only administrators can change a member's post.")
    return None


def vote_refusal(user: Actor, post: Post, *, contributor: bool | None = None) -> Refusal | None:
    """Why `user` may not vote on `post`, or None: a member who may
    contribute to the post's community, on a post that is neither deleted
    nor removed (up to 3 queries; with `contributor` known, at most the
    membership read of a private community's can_read)."""
    if not _active(user):
        return "login", _("Log in to vote.")
    community = post.community
    if not community_policies.can_read(user, community):
        return "cannot_read", _("You cannot see this post.")
    if post.is_deleted or post.is_removed:
        return "closed", _("This post can no longer be voted on.")
    if contributor is None and community_policies.is_banned(user, community):
        return "banned", _("You are banned from this community.")
    if not _contributes(user, community, contributor):
        return "cannot_contribute", _("Only members who may post in this community can vote here.")
    return None


def can_vote(user: Actor, post: Post, *, contributor: bool | None = None) -> bool:
    return vote_refusal(user, post, contributor=contributor) is None


def enforce(refusal: Refusal | None, *, input_codes: frozenset[str] = INPUT_REFUSALS) -> None:
    """What a service does with a policy's answer: nothing when it is None;
    ValidationError for a code in `input_codes` (the target is the
    problem, 400), PermissionDenied otherwise (403), with the sentence."""
    if refusal is None:
        return
    code, sentence = refusal
    if code in input_codes:
        raise ValidationError(sentence, code=code)
    raise PermissionDenied(sentence)


# --- saving, muting and filtering (the member's own lists) ----------------------------


def save_refusal(user: Actor, post: Post) -> Refusal | None:
    """Why `user` may not save `post`: a visitor, or a post no longer shown.
    (Reading it was checked by the selector that loaded it.)"""
    if not user.is_authenticated:
        return ("login", _("Log in to save posts."))
    if not post.is_visible:
        return ("gone", _("This post was deleted or removed: it cannot be saved."))
    return None


def keyword_filter_refusal(phrase: str, *, count: int) -> Refusal | None:
    """Why `phrase` cannot become one more of a member's `count` filters."""
    if not phrase:
        return ("blank", _("Enter a word or phrase to filter."))
    if len(phrase) > KEYWORD_FILTER_MAX_LENGTH:
        return (
            "too_long",
            # Translators: A keyword filter hiding posts; %(limit)d is its longest allowed length.
            _("A filter is at most %(limit)d characters long.")
            % {"limit": KEYWORD_FILTER_MAX_LENGTH},
        )
    if count >= KEYWORD_FILTERS_MAX:
        return (
            "too_many",
            # Translators: Keyword filters hiding posts; %(limit)d is the most a member may have.
            _("You have %(limit)d filters, the most there can be: remove one first.")
            % {"limit": KEYWORD_FILTERS_MAX},
        )
    return None
