"""Delete the archives of data exports whose link has expired unused.

A downloaded archive leaves the storage at once and a member's next export
replaces their last one; this removes the rest. Run it daily (cron)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from apps.privacy.models import DataExport
from apps.privacy.services import export_forget_file


class Command(BaseCommand):
    help = "Delete the archives of data exports whose download link has expired."

    def handle(self, *args, **options) -> None:
        cutoff = timezone.now() - timedelta(hours=settings.QUORUM_EXPORT_LINK_HOURS)
        expired = DataExport.objects.filter(ready_at__lt=cutoff).exclude(file_name="")
        count = 0
        for export in expired.iterator():
            export_forget_file(export=export)
            count += 1
        self.stdout.write(f"{count} expired archive(s) deleted.")
