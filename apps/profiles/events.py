"""Signals apps.profiles sends after the transaction commits, for higher apps
(notifications) to subscribe to in their AppConfig.ready().

    member_followed(sender=Follow, follower, followee, actor, community_id=None)
    member_unfollowed(sender=Follow, follower, followee, actor, community_id=None)

Follows change no cached page (profile pages are not cached), so the feed
cache does not subscribe.
"""

from django.dispatch import Signal

member_followed = Signal()
member_unfollowed = Signal()
