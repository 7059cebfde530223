"""Background work of apps.media."""

from datetime import timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from . import services


@task()
def delete_orphan_images() -> int:
    """Delete images uploaded more than QUORUM_IMAGE_ORPHAN_HOURS ago that
    no post uses (an editor upload whose post was never published). Safe to
    run again: each run deletes what is orphaned at that moment."""
    cutoff = timezone.now() - timedelta(hours=settings.QUORUM_IMAGE_ORPHAN_HOURS)
    return services.image_orphans_delete(cutoff)
