"""The task worker's own bookkeeping (apps/core/worker.py): heartbeats, so
`/health/` can tell whether a worker is alive and a new worker can take back
tasks a killed one left running; and the canary an operator enqueues to
prove the queue works end to end."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
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

    key = models.CharField(_("key"), max_length=64, unique=True)
    runs = models.PositiveIntegerField(_("runs"), default=0)
    completed_at = models.DateTimeField(_("completed"), null=True)

    class Meta:
        verbose_name = _("task canary")
        verbose_name_plural = _("task canaries")

    def __str__(self) -> str:
        return self.key
