"""Writes of the edit history: keyword-only, typed, atomic.

Called by apps.revisions.receivers once an edit has committed, with what the
event carries (the post or comment as the edit left it, the `previous_*`
values as they were before). The post or comment row is locked while the
next number is chosen, so two edits committing at once number their
versions one after the other; the unique (target, number) constraint is the
last line.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max

from apps.accounts.models import User
from apps.comments.models import Comment
from apps.posts.models import Post

from .models import CommentRevision, PostRevision


def by_moderator(actor: User | None, author_id: int | None) -> bool:
    """An edit counts as a moderator's when its actor is not the author (an
    administrator's correction in the admin, a moderator's edit)."""
    return actor is not None and actor.pk != author_id


def _tags(slugs: Iterable[str]) -> str:
    return " ".join(sorted(slugs))


@transaction.atomic
def post_revision_record(
    *,
    post: Post,
    actor: User | None,
    previous_title: str,
    previous_body_html: str,
    previous_link: str,
    previous_tags: Iterable[str],
    tags: Iterable[str],
) -> PostRevision:
    """Keep the version an edit of `post` left (its title, body, link as
    `post` holds them, and `tags`). At the post's first recorded edit, the
    version before it (`previous_*`) is stored first as number 1, with the
    author and the post's publication time: the history shows the original.
    2 or 3 queries and 1 or 2 inserts."""
    Post.objects.select_for_update().filter(pk=post.pk).values_list("pk").first()
    last = PostRevision.objects.filter(post=post).aggregate(last=Max("number"))["last"] or 0
    if last == 0:
        PostRevision.objects.create(
            post=post,
            number=1,
            title=previous_title,
            body_html=previous_body_html,
            link=previous_link,
            tags=_tags(previous_tags),
            editor_id=post.author_id,
            created=post.created,
        )
        last = 1
    return PostRevision.objects.create(
        post=post,
        number=last + 1,
        title=post.title,
        body_html=post.body_html,
        link=post.link,
        tags=_tags(tags),
        editor=actor,
        by_moderator=by_moderator(actor, post.author_id),
        created=post.edited_at or post.created,
    )


@transaction.atomic
def comment_revision_record(
    *, comment: Comment, actor: User | None, previous_body_html: str
) -> CommentRevision:
    """Keep the version an edit of `comment` left; at its first recorded
    edit, the original first (as post_revision_record does)."""
    Comment.objects.select_for_update().filter(pk=comment.pk).values_list("pk").first()
    last = (
        CommentRevision.objects.filter(comment=comment).aggregate(last=Max("number"))["last"] or 0
    )
    if last == 0:
        CommentRevision.objects.create(
            comment=comment,
            number=1,
            body_html=previous_body_html,
            editor_id=comment.author_id,
            created=comment.created,
        )
        last = 1
    return CommentRevision.objects.create(
        comment=comment,
        number=last + 1,
        body_html=comment.body_html,
        editor=actor,
        by_moderator=by_moderator(actor, comment.author_id),
        created=comment.edited_at or comment.created,
    )


@transaction.atomic
def revisions_erase_for_author(*, user: User) -> int:
    """Erase every stored version of `user`'s posts and comments (a departing
    member who removes their content takes its history with it). Returns
    the number of rows deleted; 2 DELETEs."""
    posts, _ = PostRevision.objects.filter(post__author=user).delete()
    comments, _ = CommentRevision.objects.filter(comment__author=user).delete()
    return posts + comments
