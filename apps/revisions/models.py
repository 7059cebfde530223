"""The versions of edited posts and comments.

One row per version, numbered from 1 per post or comment: number 1 is the
text as first published (stored at the first edit, from the event's
`previous_*` values), every later number the text an edit left. Content
never edited has no rows; a language-only correction makes none. Rows are
written by apps.revisions.services only, after the edit's transaction
commits (apps.revisions.receivers), and never changed.

Two models rather than one with two nullable foreign keys: each has its own
unique (target, number) and its own "newest first" index, and a post's
history never filters out comment rows.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.comments.models import Comment
from apps.posts.models import LINK_MAX_LENGTH, TITLE_MAX_LENGTH, Post


class Revision(models.Model):
    # Translators: Admin column and field label: the number of a version of an edited post or
    # comment (1 is the original).
    number = models.PositiveIntegerField(_("version"))
    body_html = models.TextField(_("body"), blank=True)
    # Who made this version: the author for the original, else who edited.
    # SET_NULL: a deleted account's versions stay, shown as "[deleted]".
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        # Translators: Admin column and field label: the member who made a version of a post or
        # comment.
        verbose_name=_("edited by"),
    )
    # The editor was not the author (a moderator or an administrator).
    # Translators: Admin column and field label: a version made by a moderator or an
    # administrator, not by the author.
    by_moderator = models.BooleanField(_("by a moderator"), default=False)
    # Translators: Admin column and field label: when a version of a post or comment was made.
    created = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        abstract = True


class PostRevision(Revision):
    post = models.ForeignKey(
        Post,
        on_delete=models.CASCADE,
        related_name="revisions",
        # Translators: A noun: a post in a community.
        verbose_name=_("post"),
        db_index=False,  # postrevision_once leads with it
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    link = models.URLField(_("link"), max_length=LINK_MAX_LENGTH, blank=True)
    # The tag slugs, space-separated and sorted.
    tags = models.CharField(_("tags"), max_length=500, blank=True)

    class Meta:
        # Translators: A noun: one stored version of an edited post.
        verbose_name = _("post version")
        verbose_name_plural = _("post versions")
        ordering = ["-number"]
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["post", "number"], name="postrevision_once"),
        ]

    def __str__(self) -> str:
        return f"post {self.post_id} v{self.number}"

    @property
    def tag_list(self) -> list[str]:
        return self.tags.split()


class CommentRevision(Revision):
    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        related_name="revisions",
        # Translators: A noun: a comment under a post.
        verbose_name=_("comment"),
        db_index=False,  # commentrevision_once leads with it
    )

    class Meta:
        # Translators: A noun: one stored version of an edited comment.
        verbose_name = _("comment version")
        verbose_name_plural = _("comment versions")
        ordering = ["-number"]
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["comment", "number"], name="commentrevision_once"),
        ]

    def __str__(self) -> str:
        return f"comment {self.comment_id} v{self.number}"
