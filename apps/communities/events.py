"""Signals this app's services send once their transaction commits
(apps.core.events.send_after_commit), for the feed cache and the apps above
(the moderation log, notifications) to subscribe to in AppConfig.ready().

Every one carries `community_id=` and `actor=` (who acted: the member
themselves when they join or leave, else the moderator, owner or staff).

    community_created(sender=Community, community, actor)
    community_updated(sender=Community, community, actor, fields)
        fields: the columns changed (name_en, description_fr, visibility…)
    member_joined(sender=Membership, membership, actor, by_request)
        they joined (actor is the member), a moderator added them, or a
        moderator accepted their request to join a private community
        (by_request True)
    member_left(sender=Membership, community, user, actor)
        they left (actor is the member) or a moderator removed them
    member_approved(sender=Membership, membership, actor)
        a member of a restricted community may now post
    member_requested(sender=JoinRequest, community, user, actor)
        a member asked to join a private community (actor is the member)
    member_refused(sender=Membership, community, user, actor)
        a moderator turned down a request: to join a private community
        (the JoinRequest is gone) or to post in a restricted one (the
        unapproved membership is gone, member_count with it)
    member_banned(sender=Ban, ban, actor)
    member_unbanned(sender=Ban, community, user, actor)
    moderator_appointed(sender=Membership, community, user, actor)
    moderator_removed(sender=Membership, community, user, actor)

apps.py subscribes the feed cache to those that change what a cached page
shows (apps.core.cache.invalidate_feeds_on).
"""

from django.dispatch import Signal

community_created = Signal()
community_updated = Signal()
member_joined = Signal()
member_left = Signal()
member_approved = Signal()
member_refused = Signal()
member_requested = Signal()
member_banned = Signal()
member_unbanned = Signal()
moderator_appointed = Signal()
moderator_removed = Signal()
