"""A member's unfinished post: what the submit form held when it was last
saved (every few seconds with htmx, or the "Save draft" button), stored
raw, as typed. Nothing in a draft is sanitized or published: the post
services do that when the member submits it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.communities.models import Community

# Defaults of the settings QUORUM_MAX_DRAFTS and QUORUM_DRAFT_MAX_BYTES.
DEFAULT_MAX_DRAFTS = 20
# A post's body is at most 40,000 characters (apps.posts.models); the
# editor's markup around it and four bytes per character of some scripts
# fit in this.
DEFAULT_MAX_BYTES = 200_000
# What a draft keeps of the other fields, as typed (the post's own limits
# are checked on submit, with their precise messages).
TITLE_MAX_LENGTH = 1000
LINK_MAX_LENGTH = 4000
TAGS_MAX_LENGTH = 1000


class Draft(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="drafts",
        verbose_name=_("author"),
    )
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="+", verbose_name=_("community")
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH, blank=True)
    # Raw, as typed (the editor's HTML or plain text): sanitized on submit only.
    body = models.TextField(_("body"), blank=True)
    link = models.CharField(_("link"), max_length=LINK_MAX_LENGTH, blank=True)
    # The tags field as typed ("python, web development").
    tags = models.CharField(_("tags"), max_length=TAGS_MAX_LENGTH, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    # Translators: Admin column and field label: the date and time something was created (a past
    # participle, not a verb in the imperative).
    created = models.DateTimeField(_("created"), default=timezone.now)
    # Translators: Label of the date and time a draft was last saved (a past participle).
    updated = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        # Translators: A noun: an unfinished post a member saved to finish later.
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        indexes = [models.Index(fields=["author", "-updated", "-id"], name="draft_author_idx")]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    def get_resume_url(self) -> str:
        from django.urls import reverse

        return f"{reverse('posts:submit', args=[self.community.slug])}?draft={self.pk}"
