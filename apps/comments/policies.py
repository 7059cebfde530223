"""Who may do what with comments. One named rule each, written once.

A rule that can refuse says why, in the shape of apps.posts.policies:
`x_refusal(...)` returns (code, translated sentence) or None. Services call
it and raise (`enforce`: ValidationError for the codes in INPUT_REFUSALS,
PermissionDenied otherwise); views and templates only show the sentence,
and use the `can_x` booleans to decide what to draw.
A rule that needs the community (ban, membership) costs what
apps.communities.policies.can_contribute costs (up to 2 queries); pages that
check many comments compute `can_contribute` once and pass it as
`contributor=`, so drawing a thread of 200 comments runs no extra query.
"""

from django.utils.translation import gettext as _

from apps.accounts.types import Actor
from apps.communities.policies import can_contribute
from apps.posts import policies as post_policies
from apps.posts.models import Post
from apps.posts.policies import Refusal

from .models import MAX_DEPTH, Comment

# Codes about the post or comment acted on, not the member: 400, not 403.
INPUT_REFUSALS = frozenset({"closed", "bad_parent", "gone"})


def comment_closed_reason(post: Post) -> str | None:
    """Why nobody may comment on `post` right now (a translated sentence), or
    None when the post takes comments. Pure: no query."""
    if post.is_removed:
        return _("This post was removed by moderators: new comments are closed.")
    if post.is_deleted:
        return _("This post was deleted: new comments are closed.")
    if post.is_locked:
        return _("This post is locked: new comments are closed.")
    return None


def reply_refused_reason(parent: Comment, post: Post) -> str | None:
    """Why `parent` cannot take a reply on `post`, or None. Pure: no query."""
    if parent.post_id != post.pk:
        return _("You can only reply to a comment on the same post.")
    if parent.is_deleted:
        return _("You cannot reply to a deleted comment.")
    if parent.is_removed:
        return _("You cannot reply to a removed comment.")
    if parent.depth >= MAX_DEPTH:
        return _("This thread is too deep to take more replies.")
    return None


def is_comment_author(user: Actor, comment: Comment) -> bool:
    return bool(
        user.is_authenticated and comment.author_id is not None and comment.author_id == user.pk
    )


def _contributor(user: Actor, post: Post, contributor: bool | None) -> bool:
    if contributor is not None:
        return contributor
    return can_contribute(user, post.community)


def comment_refusal(
    user: Actor,
    post: Post,
    parent: Comment | None = None,
    *,
    contributor: bool | None = None,
) -> Refusal | None:
    """Why `user` may not write a comment on `post` (or a reply to `parent`),
    or None: the post must be open and the member may contribute to its
    community (not banned; approved where restricted; a member where
    private). No query when `contributor` is known."""
    closed = comment_closed_reason(post)
    if closed:
        return "closed", closed
    if not _contributor(user, post, contributor):
        if not user.is_authenticated:
            return "login", _("Log in to comment")
        return "cannot_contribute", _("You cannot comment in this community.")
    if parent is not None:
        refused = reply_refused_reason(parent, post)
        if refused:
            return "bad_parent", refused
    return None


def can_comment(user: Actor, post: Post, *, contributor: bool | None = None) -> bool:
    return comment_refusal(user, post, contributor=contributor) is None


def can_edit_comment(user: Actor, comment: Comment, *, contributor: bool | None = None) -> bool:
    """Only the author, while the comment is shown, and while they may still
    contribute to the community (a banned member's text stays as it was)."""
    if not is_comment_author(user, comment) or not comment.is_visible:
        return False
    return _contributor(user, comment.post, contributor)


def can_delete_comment(user: Actor, comment: Comment) -> bool:
    """Only the author, once. Banned members and comments on locked posts
    included: people may always take their own words back. Pure: no query."""
    return is_comment_author(user, comment) and not comment.is_deleted


def comment_vote_refusal(
    user: Actor, comment: Comment, *, contributor: bool | None = None
) -> Refusal | None:
    """Members who may contribute to the community, on comments that are
    shown, under posts moderators have not removed."""
    if not user.is_authenticated:
        return "login", _("Log in to vote.")
    if not comment.is_visible:
        return "gone", _("You cannot vote on a deleted comment.")
    if comment.post.is_removed:
        return "gone", _("You cannot vote under a removed post.")
    if not _contributor(user, comment.post, contributor):
        return "cannot_contribute", _("You cannot vote in this community.")
    return None


def can_vote_comment(user: Actor, comment: Comment, *, contributor: bool | None = None) -> bool:
    return comment_vote_refusal(user, comment, contributor=contributor) is None


def enforce(refusal: Refusal | None) -> None:
    """Raise what a service raises for a refusal (see the module docstring)."""
    post_policies.enforce(refusal, input_codes=INPUT_REFUSALS)


def save_refusal(user: Actor, comment: Comment) -> Refusal | None:
    """Why `user` may not save `comment`: a visitor, or a comment no longer
    shown. (Reading its post was checked by the selector that loaded it.)"""
    if not user.is_authenticated:
        return ("login", _("Log in to save comments."))
    if not comment.is_visible:
        return ("gone", _("This comment was deleted or removed: it cannot be saved."))
    return None
