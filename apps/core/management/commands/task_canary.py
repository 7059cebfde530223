"""`manage.py task_canary [--seconds N]`: enqueue a task that waits N seconds
and records its completion once (apps.core.models.TaskCanary). Proves the
queue end to end; the production rehearsal kills the worker while it holds
one and checks it completed exactly once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from apps.core.tasks import canary


class Command(BaseCommand):
    help = "Enqueue a canary task and print its id"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seconds", type=float, default=0.0, help="how long it works")

    def handle(self, *args: Any, **options: Any) -> None:
        result = canary.enqueue(seconds=options["seconds"])
        self.stdout.write(str(result.id))
