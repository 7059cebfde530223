from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TAG_MIN_LENGTH = 2
TAG_MAX_LENGTH = 40


class Tag(models.Model):
    """A topic label. `slug` is the normalized form (lowercase letters, digits
    and hyphens, see apps.tags.services.normalize_tag) and is what makes two
    spellings the same tag."""

    slug = models.SlugField(_("slug"), max_length=TAG_MAX_LENGTH, unique=True, allow_unicode=True)
    name = models.CharField(_("name"), max_length=TAG_MAX_LENGTH)
    # Every post carrying the tag that its author has not deleted, private
    # communities included: for staff and ordering only, never shown to
    # members (it would leak the activity of private communities).
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("tags:detail", args=[self.slug])
