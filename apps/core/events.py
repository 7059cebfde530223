"""Domain events: how a lower app causes effects in higher ones without
importing them.

Each app declares the signals it sends in its own `events.py` and sends them
with `send_after_commit`, inside the service's transaction: receivers run only
once the write is durable, and never for a write that rolled back. Every
content event carries `community_id=` (None for site-wide content), so one
receiver, `apps.core.cache.invalidate_feeds`, keeps every cached feed and page
honest. Higher apps (notifications, moderation) subscribe in their
`AppConfig.ready()` with a `dispatch_uid`.

A receiver that fails is logged and does not undo the write, which has
already committed; the test settings set QUORUM_EVENTS_RAISE so that a broken
receiver fails the test that triggered it instead.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)


def send_now(signal: Signal, sender: type, **kwargs) -> None:
    """Send `signal` to every receiver; log (or, in tests, raise) their failures."""
    if getattr(settings, "QUORUM_EVENTS_RAISE", False):
        signal.send(sender=sender, **kwargs)
        return
    for receiver, result in signal.send_robust(sender=sender, **kwargs):
        if isinstance(result, Exception):
            logger.error(
                "event receiver %r failed", receiver, exc_info=(type(result), result, None)
            )


def send_after_commit(signal: Signal, sender: type, **kwargs) -> None:
    """Send `signal` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: send_now(signal, sender, **kwargs))
