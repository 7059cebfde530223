"""Who may do what with comments. One named rule each.

Services call these and raise; views only use them to decide what to show.
A rule that needs the community (ban, membership) costs what
apps.communities.policies.can_contribute costs (up to 2 queries); pages that
check many comments compute `can_contribute` once and pass it as
`contributor=`, so drawing a thread of 200 comments runs no extra query.
"""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.communities.policies import can_contribute
from apps.posts.models import Post

from .models import MAX_DEPTH, Comment

Actor = User | AnonymousUser


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


def can_comment(user: Actor, post: Post, *, contributor: bool | None = None) -> bool:
    """Write a new comment or reply on `post`: the post is open and the member
    may contribute to its community (not banned; approved where restricted;
    a member where private)."""
    return comment_closed_reason(post) is None and _contributor(user, post, contributor)


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


def can_vote_comment(user: Actor, comment: Comment, *, contributor: bool | None = None) -> bool:
    """Members who may contribute to the community, on comments that are shown,
    under posts moderators have not removed."""
    if not user.is_authenticated or not comment.is_visible or comment.post.is_removed:
        return False
    return _contributor(user, comment.post, contributor)
