"""Custom feeds (issue 15, item 6): a member's named selection of communities,
read as one feed at /f/<slug>/ and, when shared, by anyone holding its link
(/f/s/<token>/). The RSS/Atom feeds of this app have no models."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.communities.models import Community

NAME_MAX_LENGTH = 60
SLUG_MAX_LENGTH = 60
DESCRIPTION_MAX_LENGTH = 500
# secrets.token_urlsafe(24): 32 characters, 192 random bits.
SHARE_TOKEN_MAX_LENGTH = 64


class FeedVisibility(models.TextChoices):
    PRIVATE = "private", _("Private: only you")
    SHARED = "shared", _("Shared: anyone with the link can read it")


class CustomFeed(models.Model):
    """A member's feed gathering several communities. Its slug is unique per
    owner and set once, from the name at creation (a rename keeps the
    address). The share token always exists but opens the feed only while
    its visibility is `shared`; regenerating it kills the old link."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="custom_feeds",
        verbose_name=_("owner"),
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    slug = models.SlugField(_("address"), max_length=SLUG_MAX_LENGTH)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=FeedVisibility.choices,
        default=FeedVisibility.PRIVATE,
    )
    share_token = models.CharField(
        _("share token"), max_length=SHARE_TOKEN_MAX_LENGTH, unique=True, editable=False
    )
    communities = models.ManyToManyField(
        Community,
        through="CustomFeedCommunity",
        related_name="custom_feeds",
        verbose_name=_("communities"),
    )
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("custom feed")
        verbose_name_plural = _("custom feeds")
        constraints = [
            models.UniqueConstraint(fields=["owner", "slug"], name="custom_feed_slug_once"),
            models.UniqueConstraint("owner", Lower("name"), name="custom_feed_name_once"),
        ]
        indexes = [models.Index(fields=["owner", "name"], name="custom_feed_owner_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("custom_feeds:detail", args=[self.slug])

    @property
    def is_shared(self) -> bool:
        return self.visibility == FeedVisibility.SHARED

    def get_share_url(self) -> str | None:
        """The read-only link anyone may open, while the feed is shared."""
        from django.urls import reverse

        return reverse("custom_feeds:shared", args=[self.share_token]) if self.is_shared else None


class CustomFeedCommunity(models.Model):
    """One community of a custom feed."""

    feed = models.ForeignKey(
        CustomFeed, on_delete=models.CASCADE, related_name="entries", verbose_name=_("feed")
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="custom_feed_entries",
        verbose_name=_("community"),
    )
    # Translators: Admin column and field label: when a community was added to a custom feed (a
    # past participle).
    created = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("community of a custom feed")
        verbose_name_plural = _("communities of custom feeds")
        constraints = [
            models.UniqueConstraint(fields=["feed", "community"], name="custom_feed_community_once")
        ]

    def __str__(self) -> str:
        # Translators: Admin label; %(community)s is a community's number, %(feed)s a custom
        # feed's number.
        return gettext("community %(community)s in feed %(feed)s") % {
            "community": self.community_id,
            "feed": self.feed_id,
        }
