"""The "Moderators" group: staff moderators are staff accounts in it.

Migration 0002 creates it with these permissions (a frozen copy: a test
checks the two lists agree); `moderators_group()` makes it again where it is
missing, e.g. after `manage.py flush` or in a test that emptied the tables.
See the migration's docstring for why each permission is there.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from .policies import MODERATORS_GROUP

PERMISSIONS = [
    ("posts", "view_post"),
    ("posts", "change_post"),
    ("posts", "view_postvote"),
    ("comments", "view_comment"),
    ("comments", "change_comment"),
    ("comments", "view_commentvote"),
    ("communities", "view_community"),
    ("communities", "view_membership"),
    ("communities", "view_ban"),
    ("communities", "add_ban"),
    ("communities", "change_ban"),
    ("communities", "delete_ban"),
    ("tags", "view_tag"),
    ("accounts", "view_user"),
    ("profiles", "view_profile"),
    ("profiles", "view_follow"),
    ("moderation", "view_report"),
    ("moderation", "change_report"),
    ("moderation", "view_moderationaction"),
    ("moderation", "moderate_everywhere"),
    ("moderation", "suspend_member"),
    ("moderation", "view_suspension"),
    ("moderation", "add_suspension"),
    ("moderation", "change_suspension"),
]


def moderators_group() -> Group:
    """The group, created with exactly PERMISSIONS when missing (2-3 queries)."""
    group, created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    if created or not group.permissions.exists():
        wanted = Q(pk__in=[])
        for app_label, codename in PERMISSIONS:
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(wanted))
    return group
