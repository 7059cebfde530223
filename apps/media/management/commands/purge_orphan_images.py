"""Delete the images uploaded into the editor that no post ever used.

Run it daily (cron, a systemd timer). `--enqueue` hands the work to the task
worker instead (apps.media.tasks.delete_orphan_images) and returns at once."""

from django.core.management.base import BaseCommand

from apps.media.tasks import delete_orphan_images


class Command(BaseCommand):
    help = "Delete uploaded images no post used within QUORUM_IMAGE_ORPHAN_HOURS."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for the worker instead."
        )

    def handle(self, *args, **options) -> None:
        if options["enqueue"]:
            result = delete_orphan_images.enqueue()
            self.stdout.write(f"Queued as task {result.id}.")
            return
        count = delete_orphan_images.call()
        self.stdout.write(f"{count} orphan image(s) deleted.")
