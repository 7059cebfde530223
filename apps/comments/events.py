"""Signals apps.comments sends, always after the transaction commits
(apps.core.events.send_after_commit). Each carries `community_id` (the feeds
and pages it changes) and `actor` (who did it).

Higher apps (notifications, search, cache invalidation) subscribe in their
AppConfig.ready(); comments never imports them.

    comment_created(sender=Comment, comment, actor, community_id, mentioned)
        `comment.post` and `comment.parent` (None for a top-level comment)
        are loaded, with their author ids: who to tell about a reply.
        `mentioned`: ids of the members the body @mentions (at most 10).
    comment_edited(sender=Comment, comment, actor, community_id, mentioned, edited,
                   previous_body_html)
        `mentioned`: as on creation (notifications tells a member once per item).
        `edited`: True when the body changed; False for a correction of the
        language alone (not an edit: no revision). `previous_body_html`: the
        sanitized body as it was before this change (apps.revisions keeps it
        as the comment's history).
    comment_deleted(sender=Comment, comment, actor, community_id)
    comment_voted(sender=Comment, comment, actor, value, old_value, community_id)
        Only when the vote changed; `value` 0 is a vote cleared.
"""

from django.dispatch import Signal

comment_created = Signal()
comment_edited = Signal()
comment_deleted = Signal()
comment_voted = Signal()

# What changes a feed (comment counts, last activity) or a cached post page.
CONTENT_EVENTS = (comment_created, comment_edited, comment_deleted, comment_voted)
