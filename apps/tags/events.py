"""Signals this app's services send once their transaction commits
(apps.core.events.send_after_commit). A tag is site-wide: community_id is
always None.

    tag_updated(sender=Tag, tag, actor, fields, community_id=None)
        fields: the columns changed (name_en, name_fr…)
    tag_deleted(sender=Tag, tag, actor, community_id=None)
        tag: the deleted row (its pk is None, its slug is kept)

apps.py subscribes the feed cache: posts show their tags' names in every
feed. A tag made in the admin shows nowhere until a post uses it, and a
post's tags come with the post's own events.
"""

from django.dispatch import Signal

tag_updated = Signal()
tag_deleted = Signal()
