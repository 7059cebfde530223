"""What the task worker adds to django-tasks-db's `db_worker` (run as
`manage.py worker`): a heartbeat, recovery of tasks a dead worker left
running, and the queue's state for `/health/`.

django-tasks-db marks a task RUNNING when a worker claims it and only
changes that when the task ends. A worker killed in the middle (OOM, SIGKILL,
a node lost) leaves its task RUNNING for ever: lost. Each worker therefore
beats every few seconds; any worker puts back to READY the running tasks
whose worker has not beaten for `QUORUM_WORKER_STALE_SECONDS`, and the
queue runs them again. A task must thus be safe to run twice when its first
run was cut off (at-least-once, as with every queue that survives crashes).
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.tasks import TaskResultStatus
from django.utils import timezone

from apps.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

BEAT_SECONDS = 5
# Heartbeats of workers gone this long are deleted (their ids were random).
FORGET_AFTER = timedelta(days=1)


def stale_after() -> timedelta:
    return timedelta(seconds=settings.QUORUM_WORKER_STALE_SECONDS)


def beat(worker_id: str, *, started_at=None) -> None:
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(beat_at=now)
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id, started_at=started_at or now, beat_at=now
        )


def requeue_orphans() -> int:
    """Put back to READY the tasks left RUNNING by a worker whose heartbeat is
    older than the stale window (or missing). Returns how many."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    alive = set(
        WorkerHeartbeat.objects.filter(beat_at__gte=now - stale_after()).values_list(
            "worker_id", flat=True
        )
    )
    requeued = 0
    with transaction.atomic():
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for task in running.only("id", "worker_ids", "started_at"):
            owner = task.worker_ids[-1] if task.worker_ids else None
            # A task claimed a moment ago by a worker that has not beaten yet
            # is not an orphan: give it the same window.
            if owner in alive or (task.started_at and task.started_at >= now - stale_after()):
                continue
            DBTaskResult.objects.filter(pk=task.pk).update(
                status=TaskResultStatus.READY, started_at=None
            )
            logger.warning("worker: task %s of dead worker %s requeued", task.pk, owner)
            requeued += 1
    WorkerHeartbeat.objects.filter(beat_at__lt=now - FORGET_AFTER).delete()
    return requeued


class Heartbeat(threading.Thread):
    """Beats and recovers orphans in the background while the worker runs
    tasks in the main thread (a long task must not look like a dead worker)."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopped = threading.Event()

    def tick(self) -> None:
        beat(self.worker_id, started_at=self.started_at)
        requeue_orphans()

    def run(self) -> None:
        try:
            while not self.stopped.is_set():
                try:
                    close_old_connections()
                    self.tick()
                except Exception:  # a database outage: keep beating once it is back
                    logger.exception("worker: heartbeat failed")
                self.stopped.wait(BEAT_SECONDS)
        finally:
            # This thread's own connection: never left open behind the worker.
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        if self.is_alive():
            self.join(timeout=BEAT_SECONDS * 2)


def queue_status() -> dict[str, object]:
    """The database queue as `/health/` reports it: tasks waiting, the oldest
    one's wait, tasks running, and the newest worker heartbeat. Three small
    queries, the first on django-tasks-db's partial index of READY tasks."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    waiting = DBTaskResult.objects.ready()
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    last_beat = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True)
    newest = last_beat.first()
    beat_age = round((now - newest).total_seconds(), 1) if newest else None
    return {
        "backlog": waiting.count(),
        "oldest_waiting_seconds": round((now - oldest).total_seconds(), 1) if oldest else 0,
        "running": DBTaskResult.objects.running().count(),
        "worker_heartbeat_seconds_ago": beat_age,
        "worker": "ok"
        if beat_age is not None and beat_age <= settings.QUORUM_WORKER_STALE_SECONDS
        else "down",
    }
