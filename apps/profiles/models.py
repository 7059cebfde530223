from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .validators import http_url, validate_time_zone


class Profile(models.Model):
    """What a member shows the world, plus their language and time zone.

    Created with the user by the signup service; counters are denormalized
    and only ever changed with F() expressions by the services.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="profile",
        verbose_name=_("user"),
    )
    display_name = models.CharField(_("display name"), max_length=50, blank=True)
    bio = models.TextField(_("about you"), max_length=1000, blank=True)
    avatar = models.ImageField(_("avatar"), upload_to="avatars/", blank=True)
    website = models.URLField(_("website"), max_length=200, blank=True, validators=[http_url])
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        help_text=_("Empty: follow your browser's language."),
    )
    # The languages whose posts the member's feeds show; empty: every language.
    reading_languages = models.JSONField(
        _("reading languages"),
        default=list,
        blank=True,
        help_text=_("Feeds show only posts in these languages. None chosen: every language."),
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Empty: the site's time zone (UTC)."),
    )
    # Translators: A noun, plural: how many members follow this member.
    follower_count = models.PositiveIntegerField(_("followers"), default=0)
    # Translators: A noun: how many members this member follows.
    following_count = models.PositiveIntegerField(_("following"), default=0)
    post_karma = models.IntegerField(_("post karma"), default=0)
    comment_karma = models.IntegerField(_("comment karma"), default=0)
    # The inbox badge: kept by apps.notifications with F() on every new or
    # read notification, so the header costs no query beyond the profile
    # the authentication backend already loads with the user.
    unread_notifications = models.PositiveIntegerField(_("unread notifications"), default=0)
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), auto_now_add=True)
    # Translators: Admin column and field label: the date and time something was last updated (a
    # past participle).
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.display_name:
            return self.display_name
        # A deleted account (apps.privacy) has no display name left.
        return gettext("[deleted]") if self.user.is_departed else self.user.username

    @property
    def karma(self) -> int:
        return self.post_karma + self.comment_karma


class Follow(models.Model):
    """`follower` follows `followee`. One row per pair, enforced by the database."""

    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="following_links",
        verbose_name=_("follower"),
    )
    followee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follower_links",
        verbose_name=_("followed member"),
    )
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        # Translators: A noun: one member following another.
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["follower", "followee"], name="profiles_follow_once"),
            models.CheckConstraint(
                condition=~models.Q(follower=models.F("followee")),
                name="profiles_follow_not_self",
                violation_error_message=_("You cannot follow yourself."),
            ),
        ]
        indexes = [
            # Keyset pagination of both lists: newest first, id breaks ties.
            models.Index(fields=["followee", "-created", "-id"], name="profiles_followers_idx"),
            models.Index(fields=["follower", "-created", "-id"], name="profiles_following_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.follower} → {self.followee}"


class Block(models.Model):
    """`blocker` blocked `blocked`: no messages from them, no notifications
    caused by them, and their posts and comments folded for the blocker.
    Lives here, low in the layers, because every content app reads it."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="blocks_made",
        verbose_name=_("blocked by"),
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="blocks_received",
        verbose_name=_("blocked member"),
    )
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        # Translators: A noun: one member blocking another.
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="profiles_block_once"),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")),
                name="profiles_block_not_self",
                violation_error_message=_("You cannot block yourself."),
            ),
        ]
        indexes = [
            models.Index(fields=["blocker", "-created", "-id"], name="profiles_blocks_made_idx"),
            models.Index(fields=["blocked", "blocker"], name="profiles_blocks_received_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker} ⊘ {self.blocked}"
