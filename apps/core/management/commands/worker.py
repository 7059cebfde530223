"""`manage.py worker`: django-tasks-db's `db_worker` with a heartbeat and the
recovery of tasks a killed worker left running (apps/core/worker.py). Takes
every option of `db_worker`; run it in production instead of `db_worker`."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from apps.core.worker import Heartbeat


class Command(DBWorkerCommand):
    help = "Run the background task worker (db_worker with heartbeat and crash recovery)"

    def handle(self, *args: Any, **options: Any) -> None:
        heartbeat = Heartbeat(options["worker_id"])
        # One beat and one recovery pass before the first task is claimed:
        # tasks a killed predecessor left running are queued again first.
        heartbeat.tick()
        # A --batch run drains the queue and exits: that first beat is enough,
        # and no second thread writes to the database while it works (SQLite
        # would lock the table under it).
        if not options["batch"]:
            heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
