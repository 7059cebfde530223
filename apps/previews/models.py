from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.posts.models import LINK_MAX_LENGTH, Post

TITLE_MAX_LENGTH = 300
DESCRIPTION_MAX_LENGTH = 500
SITE_NAME_MAX_LENGTH = 100
ERROR_MAX_LENGTH = 300


class Status(models.TextChoices):
    # Translators: State of a link preview: its page has not been fetched yet.
    PENDING = "pending", _("pending")
    # Translators: State of a link preview: the page was fetched and read.
    OK = "ok", _("fetched")
    # Translators: State of a link preview: the page could not be fetched.
    FAILED = "failed", _("failed")


class LinkPreview(models.Model):
    """What a post's link shows as a card: the page's title, description,
    site name and image, read from its Open Graph, Twitter and plain meta
    tags (apps.previews.parsing). Text only, never HTML. One per post, for
    the post's current link (`url`); a new link starts a new fetch."""

    post = models.OneToOneField(
        Post, on_delete=models.CASCADE, related_name="link_preview", verbose_name=_("post")
    )
    url = models.URLField(_("link"), max_length=LINK_MAX_LENGTH)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH, blank=True)
    description = models.CharField(_("description"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    site_name = models.CharField(_("site name"), max_length=SITE_NAME_MAX_LENGTH, blank=True)
    image = models.ForeignKey(
        "media.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    fetched_at = models.DateTimeField(_("fetched"), null=True, blank=True)
    # Why the last fetch failed (apps.core.safe_fetch reasons), for staff only.
    error = models.CharField(_("error"), max_length=ERROR_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("link preview")
        verbose_name_plural = _("link previews")

    def __str__(self) -> str:
        return self.url

    @property
    def domain(self) -> str:
        from urllib.parse import urlsplit

        try:
            host = urlsplit(self.url).hostname or ""
        except ValueError:
            return ""
        return host.removeprefix("www.")

    @property
    def has_content(self) -> bool:
        """Worth a card: fetched, with at least a title or a description."""
        return self.status == Status.OK and bool(self.title or self.description)
