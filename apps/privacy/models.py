"""What the privacy app keeps: the departure of a member who deleted their
account, and the data exports members asked for.

Neither holds personal data beyond the member's id: a departure records
when and how the account was deleted (and whether the withdrawal of its
votes has finished); an export records when it was asked for, the storage
name of its archive (random) and when it was downloaded.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Departure(models.Model):
    """A member deleted their account. The User row stays (its username is
    reserved; accounts.User.is_departed), everything personal is gone."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="departure",
        verbose_name=_("member"),
    )
    # Translators: Admin column and field label: the date and time something was deleted (a past
    # participle).
    created = models.DateTimeField(_("deleted"), default=timezone.now)
    content_removed = models.BooleanField(_("posts and comments removed too"), default=False)
    # Set once every vote of the member has been withdrawn (at once, or by
    # the background task for large accounts).
    votes_withdrawn_at = models.DateTimeField(_("votes withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("deleted account")
        verbose_name_plural = _("deleted accounts")

    def __str__(self) -> str:
        return str(self.user_id)


class DataExport(models.Model):
    """One archive of everything about a member, built by a task, downloaded
    once through a signed link that expires (apps.privacy.exports)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="data_exports",
        verbose_name=_("member"),
    )
    # Translators: Admin column and field label: the date and time something was asked for (a past
    # participle).
    created = models.DateTimeField(_("requested"), default=timezone.now)
    # The archive's name in the default storage: random, never guessable.
    # Translators: A noun: the archive file of a data export.
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    # Translators: Admin column and field label: the date and time a data export became ready (an
    # adjective).
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    # Translators: Admin column and field label: the date and time a data export was downloaded (a
    # past participle).
    downloaded_at = models.DateTimeField(_("downloaded"), null=True, blank=True)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        indexes = [models.Index(fields=["user", "-created"], name="privacy_export_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created:%Y-%m-%d %H:%M}"

    @property
    def expires_at(self) -> datetime | None:
        if self.ready_at is None:
            return None
        return self.ready_at + timedelta(hours=settings.QUORUM_EXPORT_LINK_HOURS)

    @property
    def is_downloadable(self) -> bool:
        return (
            self.ready_at is not None
            and self.downloaded_at is None
            and bool(self.file_name)
            and timezone.now() < (self.expires_at or self.ready_at)
        )
