from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.posts.models import Post

# Each path segment is the comment id in base 36, zero-padded to this width,
# so string order equals tree order and a subtree is a prefix match.
PATH_SEGMENT_WIDTH = 8


class Comment(models.Model):
    """A comment in a thread of any depth.

    The tree is stored as a materialized path (`path` = ancestors' ids and
    this id, fixed-width): the whole tree of a post is one query
    (`post_id = x`), a sub-thread is one prefix query, and no recursive SQL
    is needed on SQLite or PostgreSQL.
    """

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
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
        verbose_name=_("reply to"),
    )
    path = models.CharField(_("path"), max_length=2000, blank=True, db_index=False)
    depth = models.PositiveIntegerField(_("depth"), default=0)
    body_html = models.TextField(_("body"))
    body_text = models.TextField(_("body as text"), blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    is_deleted = models.BooleanField(_("deleted by author"), default=False)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    is_removed = models.BooleanField(_("removed by moderators"), default=False)
    removal_reason = models.CharField(_("removal reason"), max_length=500, blank=True)
    score = models.IntegerField(_("score"), default=0)
    upvotes = models.PositiveIntegerField(_("upvotes"), default=0)
    downvotes = models.PositiveIntegerField(_("downvotes"), default=0)
    reply_count = models.PositiveIntegerField(_("replies"), default=0)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["post", "path"], name="comment_tree_idx"),
            models.Index(fields=["author", "-created", "-id"], name="comment_author_idx"),
        ]

    def __str__(self) -> str:
        return f"comment {self.pk} on post {self.post_id}"


class CommentVote(models.Model):
    """One vote per member per comment, enforced by the database."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_votes"
    )
    value = models.SmallIntegerField(_("vote"), choices=[(1, _("upvote")), (-1, _("downvote"))])
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("comment vote")
        verbose_name_plural = _("comment votes")
        constraints = [
            models.UniqueConstraint(fields=["user", "comment"], name="comment_vote_once"),
            models.CheckConstraint(condition=Q(value__in=[1, -1]), name="comment_vote_value"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.value:+d} on comment {self.comment_id}"
