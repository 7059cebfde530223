"""Removing and restoring posts and comments: others see "[removed]", the
author still sees it with the moderator's reason."""

from typing import TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.comments.models import Comment
from apps.posts.models import Post

from .. import policies
from ..models import Action
from .shared import clean_reason, close_open_reports, lock_post, log_action, missing


def _refresh(obj, locked, fields: list[str]) -> None:
    for name in fields:
        setattr(obj, name, getattr(locked, name))


@transaction.atomic
def post_remove(*, actor: User, post: Post, reason: str) -> Post:
    """Remove a post: others see "[removed]", its author sees it with the
    reason, its comments stay. It leaves the pinned posts, and the open
    reports about it are resolved."""
    if not policies.can_remove_post(actor, post):
        raise PermissionDenied(_("Only the community's moderators can remove posts."))
    reason = clean_reason(reason, required=True)
    locked = lock_post(post)
    if locked.is_deleted:
        raise ValidationError(
            _("Its author deleted this post: there is nothing to remove."), code="deleted"
        )
    if locked.is_removed:
        raise ValidationError(_("This post is already removed."), code="already")
    Post.objects.filter(pk=locked.pk).update(
        is_removed=True, removal_reason=reason, is_pinned=False
    )
    locked.is_removed, locked.removal_reason, locked.is_pinned = True, reason, False
    close_open_reports(target=locked, actor=actor, note=reason)
    log_action(
        actor=actor,
        action=Action.POST_REMOVED,
        community=locked.community,
        target=locked,
        reason=reason,
    )
    _refresh(post, locked, ["is_removed", "removal_reason", "is_pinned"])
    return post


@transaction.atomic
def post_restore(*, actor: User, post: Post, reason: str = "") -> Post:
    """Undo a removal: the post shows again (it stays unpinned)."""
    if not policies.can_restore_post(actor, post):
        raise PermissionDenied(_("Only the community's moderators can restore posts."))
    reason = clean_reason(reason, required=False)
    locked = lock_post(post)
    if locked.is_deleted:
        raise ValidationError(
            _("Its author deleted this post: it cannot come back."), code="deleted"
        )
    if not locked.is_removed:
        raise ValidationError(_("This post is not removed."), code="not_removed")
    Post.objects.filter(pk=locked.pk).update(is_removed=False, removal_reason="")
    locked.is_removed, locked.removal_reason = False, ""
    log_action(
        actor=actor,
        action=Action.POST_RESTORED,
        community=locked.community,
        target=locked,
        reason=reason,
    )
    _refresh(post, locked, ["is_removed", "removal_reason"])
    return post


class _CommentState(TypedDict):
    is_deleted: bool
    is_removed: bool


def _lock_comment(comment: Comment) -> _CommentState:
    """Lock the post row, then the comment row (the lock order), and read the
    comment's state fresh under the lock."""
    Post.objects.select_for_update(of=("self",)).filter(pk=comment.post_id).first()
    state = (
        Comment.objects.select_for_update(of=("self",))
        .filter(pk=comment.pk)
        .values("is_deleted", "is_removed")
        .first()
    )
    if state is None:
        missing("comment")
    return state


@transaction.atomic
def comment_remove(*, actor: User, comment: Comment, reason: str) -> Comment:
    """Remove a comment: others see "[removed by moderators]", its author
    still sees the text, its replies stay. The post's comment_count (comments
    neither deleted nor removed) goes down by one."""
    if not policies.can_remove_comment(actor, comment):
        raise PermissionDenied(_("Only the community's moderators can remove comments."))
    reason = clean_reason(reason, required=True)
    state = _lock_comment(comment)
    if state["is_deleted"]:
        raise ValidationError(
            _("Its author deleted this comment: there is nothing to remove."), code="deleted"
        )
    if state["is_removed"]:
        raise ValidationError(_("This comment is already removed."), code="already")
    Comment.objects.filter(pk=comment.pk).update(is_removed=True, removal_reason=reason)
    Post.objects.filter(pk=comment.post_id).update(comment_count=F("comment_count") - 1)
    comment.is_removed, comment.removal_reason = True, reason
    close_open_reports(target=comment, actor=actor, note=reason)
    log_action(
        actor=actor,
        action=Action.COMMENT_REMOVED,
        community=comment.post.community,
        target=comment,
        reason=reason,
    )
    return comment


@transaction.atomic
def comment_restore(*, actor: User, comment: Comment, reason: str = "") -> Comment:
    """Undo a removal; the post's comment_count goes back up by one."""
    if not policies.can_restore_comment(actor, comment):
        raise PermissionDenied(_("Only the community's moderators can restore comments."))
    reason = clean_reason(reason, required=False)
    state = _lock_comment(comment)
    if state["is_deleted"]:
        raise ValidationError(
            _("Its author deleted this comment: it cannot come back."), code="deleted"
        )
    if not state["is_removed"]:
        raise ValidationError(_("This comment is not removed."), code="not_removed")
    Comment.objects.filter(pk=comment.pk).update(is_removed=False, removal_reason="")
    Post.objects.filter(pk=comment.post_id).update(comment_count=F("comment_count") + 1)
    comment.is_removed, comment.removal_reason = False, ""
    log_action(
        actor=actor,
        action=Action.COMMENT_RESTORED,
        community=comment.post.community,
        target=comment,
        reason=reason,
    )
    return comment
