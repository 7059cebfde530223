"""Signals this app sends after the transaction commits (apps.core.events),
for higher apps (search, notifications, caches) to subscribe to in their
AppConfig.ready(). Every one carries `community_id` (the feeds it changes)
and `actor` (who did it).

    post_created(sender=Post, post, actor, community_id, mentioned)
        `post` as stored, body included; `mentioned`: ids of the members its
        body @mentions (at most 10, the author left out).
    post_updated(sender=Post, post, actor, community_id, mentioned, edited, tags,
                 previous_title, previous_body_html, previous_link, previous_tags)
        `mentioned`: as on creation (notifications tells a member once per item).
        `edited`: True when the title, body, link or tags changed; False for a
        correction of the language alone (not an edit: no "edited" mark, no
        revision). `tags`: the post's tag slugs now, sorted. `previous_*`: the
        title, sanitized body, link and sorted tag slugs as they were before
        this change (apps.revisions keeps them as the post's history).
    post_deleted(sender=Post, post, actor, community_id)
    post_voted(sender=Post, post, actor, value, old_value, community_id)
        Only when the vote changed; `value` 0 is a vote cleared.

PostsConfig.ready() subscribes the feed-cache invalidation to all four.
"""

from django.dispatch import Signal

post_created = Signal()
post_updated = Signal()
post_deleted = Signal()
post_voted = Signal()

# What changes a feed or a post page.
CONTENT_EVENTS = (post_created, post_updated, post_deleted, post_voted)
