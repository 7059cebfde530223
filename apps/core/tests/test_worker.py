"""The task worker's heartbeat, the recovery of tasks a killed worker left
running, the canary, and what /health/ says about the queue."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from apps.core import worker
from apps.core.models import TaskCanary, WorkerHeartbeat
from apps.core.tasks import canary

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def running_task(*, worker_id: str, started_seconds_ago: float):
    from django_tasks_db.models import DBTaskResult

    result = canary.enqueue(seconds=0)
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING",
        worker_ids=[worker_id],
        started_at=timezone.now() - timedelta(seconds=started_seconds_ago),
    )
    return DBTaskResult.objects.get(pk=result.id)


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS, QUORUM_WORKER_STALE_SECONDS=60)
def test_a_task_left_running_by_a_dead_worker_is_queued_again():
    worker.beat("dead")
    WorkerHeartbeat.objects.filter(pk="dead").update(beat_at=timezone.now() - timedelta(seconds=61))
    orphan = running_task(worker_id="dead", started_seconds_ago=120)

    assert worker.requeue_orphans() == 1

    orphan.refresh_from_db()
    assert orphan.status == "READY"
    assert orphan.started_at is None


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS, QUORUM_WORKER_STALE_SECONDS=60)
def test_a_long_task_of_a_live_worker_and_a_fresh_claim_stay_running():
    worker.beat("alive")
    long_task = running_task(worker_id="alive", started_seconds_ago=3600)
    fresh_claim = running_task(worker_id="not-beaten-yet", started_seconds_ago=2)

    assert worker.requeue_orphans() == 0

    long_task.refresh_from_db()
    fresh_claim.refresh_from_db()
    assert (long_task.status, fresh_claim.status) == ("RUNNING", "RUNNING")


@pytest.mark.django_db
def test_a_heartbeat_updates_one_row_per_worker_and_forgets_old_workers():
    worker.beat("w1")
    first = WorkerHeartbeat.objects.get(pk="w1").beat_at
    worker.beat("w1")
    WorkerHeartbeat.objects.create(
        worker_id="gone", started_at=timezone.now(), beat_at=timezone.now() - timedelta(days=2)
    )
    with override_settings(TASKS=DATABASE_TASKS):
        worker.requeue_orphans()

    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["w1"]
    assert WorkerHeartbeat.objects.get(pk="w1").beat_at >= first


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_again_the_task_a_killed_worker_held_and_completes_it_once():
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=DATABASE_TASKS, QUORUM_WORKER_STALE_SECONDS=10):
        # The killed worker's heartbeat stopped 30 s ago, in the middle of the task.
        worker.beat("killed")
        WorkerHeartbeat.objects.filter(pk="killed").update(
            beat_at=timezone.now() - timedelta(seconds=30)
        )
        held = running_task(worker_id="killed", started_seconds_ago=30)

        call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    held.refresh_from_db()
    assert held.status == "SUCCESSFUL"
    assert held.worker_ids[0] == "killed" and len(held.worker_ids) == 2
    assert TaskCanary.objects.get(key=str(held.pk)).runs == 1
    assert DBTaskResult.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_task_canary_enqueues_a_canary_that_the_worker_completes():
    from io import StringIO

    out = StringIO()
    with override_settings(TASKS=DATABASE_TASKS):
        call_command("task_canary", "--seconds", "0", stdout=out)
        call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    canary_row = TaskCanary.objects.get(key=out.getvalue().strip())
    assert canary_row.runs == 1 and canary_row.completed_at is not None


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS, QUORUM_WORKER_STALE_SECONDS=60)
def test_health_reports_the_backlog_and_the_workers_heartbeat(client):
    canary.enqueue(seconds=0)
    canary.enqueue(seconds=0)

    silent = client.get(reverse("health")).json()
    worker.beat("w1")
    beating = client.get(reverse("health")).json()

    assert silent["tasks"]["backlog"] == 2
    assert silent["tasks"]["worker"] == "down"
    assert silent["status"] == "degraded"
    assert beating["tasks"]["worker"] == "ok"
    assert beating["tasks"]["worker_heartbeat_seconds_ago"] < 5
    assert beating["status"] == "ok"
    assert beating["tasks"]["running"] == 0
