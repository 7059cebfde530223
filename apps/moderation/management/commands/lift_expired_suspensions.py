"""Lift the suspensions whose end has passed. Run it every few minutes
(cron, a systemd timer, or the scheduler next to the task worker): a
suspended account is inactive, so nothing else would ever wake it up."""

from django.core.management.base import BaseCommand

from apps.moderation.services import suspensions_lift_expired


class Command(BaseCommand):
    help = "Lift every site-wide suspension whose end has passed."

    def handle(self, *args, **options):
        lifted = suspensions_lift_expired()
        self.stdout.write(f"{lifted} suspension(s) lifted.")
