"""Comments and comment votes.

Why a materialized path
-----------------------
A thread is a tree of any depth. We store, on each comment, `path`: the ids
of its ancestors and its own id, each written in base 36 and zero-padded to
PATH_SEGMENT_WIDTH characters ("0000002s" + "0000002t" = reply 101 to 100).
That buys, on SQLite and PostgreSQL alike and without recursive CTEs:

- the whole tree of a post in ONE indexed query (`post_id = x`, index
  comment_tree_idx on (post, path)), built into a tree in Python from
  `parent_id` (apps.comments.selectors.build_tree);
- a sub-thread (the permalink page) in ONE prefix query
  (`post_id = x AND path LIKE '<path of the comment>%'`), bounded by the
  same index's post_id prefix;
- a depth cut in the same query (`depth <= n`), since depth is stored too;
- nothing that depends on the database's collation: fixed-width segments
  make code-point order equal to tree order, and siblings are sorted in
  Python by the chosen sort (best, top, new, old, controversial).

The alternatives cost more: adjacency list only (parent_id) needs one query
per level or a recursive CTE; nested sets rewrite half the table on every
insert; closure tables add a row per ancestor per comment.

The price: the path needs the id, so a comment is inserted first and its
path written right after, in the same transaction (services.comment_create);
and a path holds at most MAX_DEPTH + 1 segments, so replies stop at that
depth (far beyond anything a page shows).
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from apps.posts.models import Post

# Each path segment is the comment id in base 36, zero-padded to this width,
# so string order equals tree order and a subtree is a prefix match.
# 36**8 ≈ 2.8e12 ids fit in one segment.
PATH_SEGMENT_WIDTH = 8
PATH_MAX_LENGTH = 2000
# Depth is 0 for a top-level comment; a comment at MAX_DEPTH takes no replies.
MAX_DEPTH = PATH_MAX_LENGTH // PATH_SEGMENT_WIDTH - 1

_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def path_segment(pk: int) -> str:
    """The fixed-width base-36 path segment of a comment id."""
    if pk < 0:
        raise ValueError("ids are positive")
    digits = ""
    while pk:
        pk, remainder = divmod(pk, 36)
        digits = _BASE36[remainder] + digits
    if len(digits) > PATH_SEGMENT_WIDTH:
        raise ValueError("id too large for a path segment")
    return digits.rjust(PATH_SEGMENT_WIDTH, "0")


def child_path(parent_path: str, pk: int) -> str:
    return parent_path + path_segment(pk)


class CommentQuerySet(QuerySet):
    def on_visible_posts(self, user) -> "CommentQuerySet":
        """Comments on posts `user` may read: Post.objects.visible_to, the one
        visibility rule, applied through the post as a correlated EXISTS on
        the post's primary key (an index lookup per row, never a scan of
        every visible post)."""
        visible = Post.objects.visible_to(user).filter(pk=OuterRef("post_id"))
        return self.filter(Exists(visible))

    def shown(self) -> "CommentQuerySet":
        """Neither deleted by the author nor removed by moderators."""
        return self.filter(is_deleted=False, is_removed=False)

    def with_user_vote(self, user) -> "CommentQuerySet":
        """Annotate `user_vote` (+1, -1 or None) in the same query."""
        if user is None or not user.is_authenticated:
            return self.annotate(user_vote=Value(None, output_field=IntegerField()))
        vote = CommentVote.objects.filter(comment=OuterRef("pk"), user=user).values("value")[:1]
        return self.annotate(user_vote=Subquery(vote, output_field=IntegerField()))


class Comment(models.Model):
    """A comment in a thread of any depth.

    The tree is stored as a materialized path (`path` = ancestors' ids and
    this id, fixed-width): the whole tree of a post is one query
    (`post_id = x`), a sub-thread is one prefix query, and no recursive SQL
    is needed on SQLite or PostgreSQL (see the module docstring).

    Counters, only ever changed with F() by apps.comments.services:
    `score` = upvotes - downvotes (a database constraint checks it);
    `reply_count` = direct replies in any state (a deleted reply still holds
    its own replies, so the tree needs it); the post's `comment_count`
    counts the post's comments that are neither deleted nor removed.
    """

    post = models.ForeignKey(
        Post,
        on_delete=models.CASCADE,
        related_name="comments",
        # Translators: A noun: a post in a community.
        verbose_name=_("post"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("author"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        # Translators: Admin field: the comment this comment answers (a noun phrase: “in reply
        # to”).
        verbose_name=_("reply to"),
    )
    path = models.CharField(_("path"), max_length=PATH_MAX_LENGTH, blank=True, db_index=False)
    depth = models.PositiveIntegerField(_("depth"), default=0)
    body_html = models.TextField(_("body"))
    body_text = models.TextField(_("body as text"), blank=True)
    # The language of the body (a settings.LANGUAGES code), marked on the page.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), default=timezone.now)
    edited_at = models.DateTimeField(
        # Translators: label of the date and time a comment was last edited (admin).
        pgettext_lazy("time of the last edit", "edited"),
        null=True,
        blank=True,
    )
    is_deleted = models.BooleanField(_("deleted by author"), default=False)
    # Translators: Admin column and field label: the date and time something was deleted (a past
    # participle).
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    is_removed = models.BooleanField(_("removed by moderators"), default=False)
    removal_reason = models.CharField(_("removal reason"), max_length=500, blank=True)
    # Translators: A noun: upvotes minus downvotes.
    score = models.IntegerField(_("score"), default=0)
    upvotes = models.PositiveIntegerField(_("upvotes"), default=0)
    downvotes = models.PositiveIntegerField(_("downvotes"), default=0)
    # Translators: A noun, plural: the number of replies to a comment.
    reply_count = models.PositiveIntegerField(_("replies"), default=0)

    objects = CommentQuerySet.as_manager()

    class Meta:
        # Translators: A noun: a comment under a post.
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["post", "path"], name="comment_tree_idx"),
            models.Index(fields=["author", "-created", "-id"], name="comment_author_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(score=F("upvotes") - F("downvotes")), name="comment_score_is_votes"
            ),
        ]

    def __str__(self) -> str:
        # Translators: Admin label of a comment; %(id)s is the comment's number, %(post)s the
        # post's number.
        return gettext("comment %(id)s on post %(post)s") % {"id": self.pk, "post": self.post_id}

    @property
    def is_visible(self) -> bool:
        """Shown with its text and author (not "[deleted]" or "[removed]")."""
        return not (self.is_deleted or self.is_removed)


class CommentVote(models.Model):
    """One vote per member per comment, enforced by the database."""

    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        related_name="votes",
        # Translators: A noun: a comment under a post.
        verbose_name=_("comment"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="comment_votes",
        verbose_name=_("member"),
    )
    # Translators: A noun: an upvote or a downvote.
    value = models.SmallIntegerField(_("vote"), choices=[(1, _("upvote")), (-1, _("downvote"))])
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("comment vote")
        verbose_name_plural = _("comment votes")
        constraints = [
            models.UniqueConstraint(fields=["user", "comment"], name="comment_vote_once"),
            models.CheckConstraint(condition=Q(value__in=[1, -1]), name="comment_vote_value"),
        ]

    def __str__(self) -> str:
        # Translators: Admin label of a vote; %(member)s is a username, %(vote)+d is +1 or -1,
        # %(comment)s a comment's number.
        return gettext("%(member)s %(vote)+d on comment %(comment)s") % {
            "member": self.user,
            "vote": self.value,
            "comment": self.comment_id,
        }


class SavedComment(models.Model):
    """A comment a member saved for later: private to them (/saved/)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_comments",
        verbose_name=_("member"),
    )
    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        related_name="saves",
        # Translators: A noun: a comment under a post.
        verbose_name=_("comment"),
    )
    # Translators: Admin column and field label: the date and time something was saved (a past
    # participle).
    created = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("saved comment")
        verbose_name_plural = _("saved comments")
        constraints = [
            models.UniqueConstraint(fields=["user", "comment"], name="saved_comment_once")
        ]
        indexes = [models.Index(fields=["user", "-created", "-id"], name="saved_comment_user_idx")]

    def __str__(self) -> str:
        # Translators: Admin label; %(member)s is a username, %(comment)s a comment's number.
        return gettext("%(member)s saved comment %(comment)s") % {
            "member": self.user_id,
            "comment": self.comment_id,
        }
