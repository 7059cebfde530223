"""Signals this app sends after the transaction commits (apps.core.events).

link_preview_changed(sender=LinkPreview, preview, community_id)
    A preview was fetched (or failed) or removed: the post page shows
    it, so PreviewsConfig.ready() subscribes the feed-cache invalidation
    (the anonymous page cache keeps post pages).
"""

from django.dispatch import Signal

link_preview_changed = Signal()
