from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from apps.communities.models import Community, Membership, Visibility
from apps.media.models import Image
from apps.profiles.validators import http_url
from apps.tags.models import Tag

from .ranking import hot

TITLE_MAX_LENGTH = 300
BODY_MAX_LENGTH = 40_000
LINK_MAX_LENGTH = 2000
MAX_TAGS = 5


class PostQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PostQuerySet":
        """Posts whose community `user` may read. The one visibility rule:
        every feed, tag page, profile tab and count goes through it."""
        if user is not None and user.is_authenticated:
            if user.is_staff:
                return self
            member = Membership.objects.filter(community=OuterRef("community_id"), user=user)
            return self.filter(~Q(community__visibility=Visibility.PRIVATE) | Exists(member))
        return self.exclude(community__visibility=Visibility.PRIVATE)

    def listable(self) -> "PostQuerySet":
        """What feeds list: neither deleted by the author nor removed by moderators."""
        return self.filter(is_deleted=False, is_removed=False)


class Post(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="posts", verbose_name=_("community")
    )
    # SET_NULL: deleting an account shows its posts as "[deleted]".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("author"),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True, blank=True)
    # Sanitized HTML (apps.core.html) and its plain-text copy for previews and search.
    body_html = models.TextField(_("body"), blank=True)
    body_text = models.TextField(_("body as text"), blank=True)
    link = models.URLField(_("link"), max_length=LINK_MAX_LENGTH, blank=True, validators=[http_url])
    tags = models.ManyToManyField(Tag, related_name="posts", blank=True, verbose_name=_("tags"))
    # The language of the title and body (a settings.LANGUAGES code): pages
    # mark the text with it and feeds filter on it. Blank only on rows older
    # than the field that the data migration could not place.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    # The small picture of the post's feed row: the first image its body
    # shows (set by the services on create and edit), or one a link preview
    # found (post_thumbnail_set). SET_NULL: a deleted image leaves no thumbnail.
    thumbnail = models.ForeignKey(
        Image,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thumbnail"),
    )

    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), default=timezone.now)
    edited_at = models.DateTimeField(
        # Translators: label of the date and time a post was last edited (admin).
        pgettext_lazy("time of the last edit", "edited"),
        null=True,
        blank=True,
    )
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)

    is_deleted = models.BooleanField(_("deleted by author"), default=False)
    # Translators: Admin column and field label: the date and time something was deleted (a past
    # participle).
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    is_removed = models.BooleanField(_("removed by moderators"), default=False)
    removal_reason = models.CharField(_("removal reason"), max_length=500, blank=True)
    # Translators: A post's state (a past participle/adjective): closed to new comments.
    is_locked = models.BooleanField(_("locked"), default=False)
    # Translators: A post's state (a past participle/adjective): shown at the top of its community.
    is_pinned = models.BooleanField(_("pinned"), default=False)

    # Denormalized counters, only ever changed with F() by the services.
    # hot = ranking.hot(score, created), rewritten in the transaction that
    # changes the score; comment_count belongs to apps.comments.
    # Translators: A noun: upvotes minus downvotes.
    score = models.IntegerField(_("score"), default=0)
    upvotes = models.PositiveIntegerField(_("upvotes"), default=0)
    downvotes = models.PositiveIntegerField(_("downvotes"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    hot = models.FloatField(_("hot rank"), default=0.0)

    objects = PostQuerySet.as_manager()

    class Meta:
        # Translators: A noun: a post in a community.
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.CheckConstraint(
                condition=Q(score=F("upvotes") - F("downvotes")), name="post_score_is_votes"
            ),
        ]
        indexes = [
            # Each feed sort is an index scan in keyset order, globally and per community.
            models.Index(fields=["-hot", "-id"], name="post_hot_idx"),
            models.Index(fields=["community", "-hot", "-id"], name="post_community_hot_idx"),
            models.Index(fields=["-created", "-id"], name="post_new_idx"),
            models.Index(fields=["community", "-created", "-id"], name="post_community_new_idx"),
            models.Index(fields=["-score", "-id"], name="post_top_idx"),
            models.Index(fields=["community", "-score", "-id"], name="post_community_top_idx"),
            models.Index(fields=["-last_activity_at", "-id"], name="post_active_idx"),
            models.Index(
                fields=["community", "-last_activity_at", "-id"], name="post_community_active_idx"
            ),
            models.Index(fields=["author", "-created", "-id"], name="post_author_idx"),
            # The few pinned posts on top of a community feed.
            models.Index(
                fields=["community", "-created"],
                condition=Q(is_pinned=True),
                name="post_community_pinned_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse(
            "comments:post_detail", args=[self.community.slug, self.pk, self.slug or "-"]
        )

    def _post_url(self, name: str) -> str:
        from django.urls import reverse

        return reverse(name, args=[self.community.slug, self.pk, self.slug or "-"])

    def get_edit_url(self) -> str:
        return self._post_url("posts:edit")

    def get_delete_url(self) -> str:
        return self._post_url("posts:delete")

    def get_vote_url(self) -> str:
        from django.urls import reverse

        return reverse("posts:vote", args=[self.community.slug, self.pk])

    def get_save_url(self) -> str:
        from django.urls import reverse

        return reverse("posts:save", args=[self.community.slug, self.pk])

    @property
    def link_host(self) -> str:
        """The host name of the link, shown next to the title."""
        from urllib.parse import urlsplit

        if not self.link:
            return ""
        try:
            host = urlsplit(self.link).hostname or ""
        except ValueError:
            return ""
        return host.removeprefix("www.")

    @property
    def is_visible(self) -> bool:
        """Shown with its title and body (not "[deleted]" or "[removed]")."""
        return not (self.is_deleted or self.is_removed)

    def refresh_hot(self) -> None:
        self.hot = hot(self.score, self.created)


class PostVote(models.Model):
    """One vote per member per post, enforced by the database."""

    class Value(models.IntegerChoices):
        # Translators: A noun: a vote for a post or comment.
        UP = 1, _("upvote")
        # Translators: A noun: a vote against a post or comment.
        DOWN = -1, _("downvote")

    post = models.ForeignKey(
        Post,
        on_delete=models.CASCADE,
        related_name="votes",
        # Translators: A noun: a post in a community.
        verbose_name=_("post"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="post_votes",
        verbose_name=_("member"),
    )
    # Translators: A noun: an upvote or a downvote.
    value = models.SmallIntegerField(_("vote"), choices=Value.choices)
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("post vote")
        verbose_name_plural = _("post votes")
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="post_vote_once"),
            models.CheckConstraint(condition=Q(value__in=[1, -1]), name="post_vote_value"),
        ]

    def __str__(self) -> str:
        # Translators: Admin label of a vote; %(member)s is a username, %(vote)+d is +1 or -1,
        # %(post)s a post's number.
        return gettext("%(member)s %(vote)+d on post %(post)s") % {
            "member": self.user,
            "vote": self.value,
            "post": self.post_id,
        }


# --- the member's own shaping of their feeds (issue 14) -------------------------------

KEYWORD_FILTER_MAX_LENGTH = 100
KEYWORD_FILTERS_MAX = 50


class SavedPost(models.Model):
    """A post a member saved for later: private to them (/saved/)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_posts",
        verbose_name=_("member"),
    )
    post = models.ForeignKey(
        Post,
        on_delete=models.CASCADE,
        related_name="saves",
        # Translators: A noun: a post in a community.
        verbose_name=_("post"),
    )
    # Translators: Admin column and field label: the date and time something was saved (a past
    # participle).
    created = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("saved post")
        verbose_name_plural = _("saved posts")
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="saved_post_once")]
        indexes = [models.Index(fields=["user", "-created", "-id"], name="saved_post_user_idx")]

    def __str__(self) -> str:
        # Translators: Admin label; %(member)s is a username, %(post)s a post's number.
        return gettext("%(member)s saved post %(post)s") % {
            "member": self.user_id,
            "post": self.post_id,
        }


class CommunityMute(models.Model):
    """A community whose posts leave the member's home and /all/ feeds (its
    own page still shows them)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_mutes",
        verbose_name=_("member"),
    )
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="mutes", verbose_name=_("community")
    )
    # Translators: Admin column and field label: the date and time a member muted a community (a
    # past participle).
    created = models.DateTimeField(_("muted"), default=timezone.now)

    class Meta:
        verbose_name = _("muted community")
        verbose_name_plural = _("muted communities")
        constraints = [
            models.UniqueConstraint(fields=["user", "community"], name="community_mute_once")
        ]

    def __str__(self) -> str:
        # Translators: Admin label; %(member)s is a username, %(community)s a community's name.
        return gettext("%(member)s muted community %(community)s") % {
            "member": self.user_id,
            "community": self.community_id,
        }


class KeywordFilter(models.Model):
    """A word or phrase: posts whose title contains it (case-insensitive,
    literally: LIKE wildcards in it are escaped) leave the member's feeds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="keyword_filters",
        verbose_name=_("member"),
    )
    phrase = models.CharField(_("word or phrase"), max_length=KEYWORD_FILTER_MAX_LENGTH)
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("keyword filter")
        verbose_name_plural = _("keyword filters")
        constraints = [models.UniqueConstraint("user", Lower("phrase"), name="keyword_filter_once")]

    def __str__(self) -> str:
        return self.phrase
