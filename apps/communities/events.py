"""Signals this app sends, after the transaction commits, for higher apps
(the moderation log, notifications) to subscribe to in their AppConfig.ready().

    member_banned(sender=Ban, ban, actor)
    member_unbanned(sender=Ban, community, user, actor)
    moderator_appointed(sender=Membership, community, user, actor)
    moderator_removed(sender=Membership, community, user, actor)
"""

from django.dispatch import Signal

member_banned = Signal()
member_unbanned = Signal()
moderator_appointed = Signal()
moderator_removed = Signal()
