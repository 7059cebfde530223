"""Images members upload into posts.

The file is pixels we encoded ourselves (apps.media.pipeline), stored through
the default storage under a random name (`images/ab/<32 hex>.webp`), never a
name or bytes a member sent; its responsive variants sit beside it
(`images/ab/<32 hex>-640.webp`), listed in `variants`. `attached_at` stays
empty until a post's body uses the image: images never attached are deleted
after a day (services.image_orphans_delete).
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ALT_MAX_LENGTH = 300


class ImageQuerySet(models.QuerySet):
    def orphans(self, *, older_than) -> "ImageQuerySet":
        """Images no post ever used, uploaded before `older_than`."""
        return self.filter(attached_at__isnull=True, created__lt=older_than)


class Image(models.Model):
    # SET_NULL: an image stays in the posts that show it when its uploader leaves.
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="images",
        verbose_name=_("uploader"),
    )
    file = models.FileField(_("file"), max_length=200, unique=True)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    # Translators: the file format of a stored image (e.g. WebP).
    format = models.CharField(_("format"), max_length=10)
    byte_size = models.PositiveIntegerField(_("size in bytes"))
    # Translators: the text alternative of an image, read by screen readers.
    alt = models.CharField(_("alternative text"), max_length=ALT_MAX_LENGTH, blank=True)
    # [{"width": 640, "height": 480, "name": "images/ab/…-640.webp"}, …], narrowest first.
    variants = models.JSONField(_("variants"), default=list, blank=True)
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), default=timezone.now)
    # Translators: the date and time a post first used an uploaded image (a past participle).
    attached_at = models.DateTimeField(_("attached"), null=True, blank=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(
                fields=["created"],
                condition=models.Q(attached_at__isnull=True),
                name="media_image_orphan_idx",
            )
        ]

    def __str__(self) -> str:
        return self.file.name or ""

    @property
    def url(self) -> str:
        return self.file.url

    def variant_urls(self) -> list[tuple[str, int]]:
        """(url, width) of each stored size, the full image last."""
        sizes = [(default_storage.url(v["name"]), int(v["width"])) for v in self.variants]
        return [*sizes, (self.url, self.width)]

    @property
    def small(self) -> dict:
        """The narrowest stored size (a feed row's thumbnail): url, width, height."""
        if self.variants:
            first = self.variants[0]
            return {
                "url": default_storage.url(first["name"]),
                "width": int(first["width"]),
                "height": int(first["height"]),
            }
        return {"url": self.url, "width": self.width, "height": self.height}

    @property
    def srcset(self) -> str:
        """The `srcset` we generate (never taken from user HTML)."""
        return ", ".join(f"{url} {width}w" for url, width in self.variant_urls())

    @property
    def token(self) -> str:
        """The random part of the name (32 hex), shared by the variants' names."""
        return (self.file.name or "").rsplit("/", 1)[-1].split(".", 1)[0]

    def stored_names(self) -> list[str]:
        return [self.file.name or "", *(v["name"] for v in self.variants)]
