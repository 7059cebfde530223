"""Signals apps.comments sends, always after the transaction commits.

Higher apps (notifications, search, cache invalidation) subscribe in their
AppConfig.ready(); comments never imports them.
"""

from django.dispatch import Signal

# kwargs: comment (Comment, with post loaded)
comment_created = Signal()
# kwargs: comment
comment_edited = Signal()
# kwargs: comment
comment_deleted = Signal()
