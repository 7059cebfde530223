"""The link previews' background task (django.tasks: the database backend's
worker in production, immediate in development and tests)."""

import logging

from django.tasks import task

from . import services

logger = logging.getLogger(__name__)


@task()
def fetch_link_preview(*, post_id: int) -> str:
    """Fetch the preview of `post_id`'s link (apps.previews.services). It
    never raises: with the immediate backend it runs inside the request
    that saved the post, which must succeed whatever the linked site does."""
    try:
        preview = services.link_preview_fetch(post_id=post_id)
    except Exception as error:
        logger.exception("link preview of post %s failed", post_id)
        services.link_preview_fail_quietly(post_id=post_id, error=f"internal: {error!r}")
        return "failed"
    return preview.status if preview is not None else "none"
