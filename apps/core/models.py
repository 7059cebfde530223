"""The task worker's own bookkeeping (apps/core/worker.py): heartbeats, so
`/health/` can tell whether a worker is alive and a new worker can take back
tasks a killed one left running; and the canary an operator enqueues to
prove the queue works end to end."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    # Translators: A noun: a background task process.
    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    # Translators: Admin column and field label: the date and time a background worker started (a
    # past participle).
    started_at = models.DateTimeField(_("started"))
    beat_at = models.DateTimeField(_("last heartbeat"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.worker_id


class TaskCanary(models.Model):
    """One row per canary task (`manage.py task_canary`), keyed by its task id:
    `runs` counts completions, so a task that ran again after its worker was
    killed shows 1, never 0 (lost) or 2 (done twice)."""

    # Translators: A noun: the name identifying a background-task check.
    key = models.CharField(_("key"), max_length=64, unique=True)
    # Translators: A noun, plural: how many times a check ran.
    runs = models.PositiveIntegerField(_("runs"), default=0)
    # Translators: Admin column and field label: the date and time a background-task check finished
    # (a past participle).
    completed_at = models.DateTimeField(_("completed"), null=True)

    class Meta:
        verbose_name = _("task canary")
        verbose_name_plural = _("task canaries")

    def __str__(self) -> str:
        return self.key


class CatalogueEdit(models.Model):
    """One save at /translate/ (apps/core/catalogues.py): the whole saved
    .po file, so every web process and every node can write the same
    catalogue into its own edits directory. The id is the catalogue
    version processes compare with the one in the cache. `base_sha256` is
    the shipped catalogue (locale/ in the image) the edit was made on: a
    deploy that ships a different one supersedes the edit."""

    language = models.CharField(_("language"), max_length=16)
    # Translators: a gettext translation file (.po), as edited at /translate/.
    po_text = models.TextField(_("catalogue"))
    # Translators: a checksum of the translation file the release shipped with.
    base_sha256 = models.CharField(_("shipped catalogue checksum"), max_length=64)
    # Translators: Admin column and field label: the date and time something was saved (a past
    # participle).
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        # Translators: one save of a translation file at /translate/.
        verbose_name = _("catalogue edit")
        verbose_name_plural = _("catalogue edits")
        indexes = [models.Index(fields=["language", "-id"], name="core_catalogue_edit_latest")]

    def __str__(self) -> str:
        return f"{self.language} #{self.pk}"
