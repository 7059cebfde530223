"""Signals this app sends after the transaction commits, for higher apps
(search, notifications, caches) to subscribe to in AppConfig.ready().

    post_created(sender=Post, post)
    post_updated(sender=Post, post)
    post_deleted(sender=Post, post)
"""

from django.dispatch import Signal

post_created = Signal()
post_updated = Signal()
post_deleted = Signal()
