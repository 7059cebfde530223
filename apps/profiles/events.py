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

# Blocks (sender=Block). Nothing public changes: the blocked member is never
# told; higher apps (notifications) may drop what they queued from them.
#
#     member_blocked(sender=Block, blocker, blocked, actor, community_id=None)
#     member_unblocked(sender=Block, blocker, blocked, actor, community_id=None)
member_blocked = Signal()
member_unblocked = Signal()
