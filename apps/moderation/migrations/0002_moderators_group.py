"""The "Moderators" group: staff moderators (is_staff + this group) work in the
Django admin across every community.

What it may do: read everything members made; change posts, comments and
reports (the admin's change forms keep every moderation field read-only:
changes go through the actions, which call apps.moderation.services); add,
change and lift bans and suspensions (the admin saves them through the same
services); moderate every community and suspend members (the two permissions
of apps.moderation). What it may not: users beyond reading them (never
superusers' or staff accounts, never groups or permissions), groups, sites,
site settings, translations, tags and communities beyond reading them.
apps/moderation/tests/test_admin.py pins this list.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = "Moderators"
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


def create_group(apps, schema_editor):
    # Permissions are normally made after `migrate` (post_migrate); on a fresh
    # database they do not exist yet here, so make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=MODERATORS)
    group.permissions.add(
        *[
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in PERMISSIONS
        ]
    )


def delete_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=MODERATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0001_initial"),
        ("profiles", "0001_initial"),
        ("communities", "0001_initial"),
        ("tags", "0001_initial"),
        ("posts", "0001_initial"),
        ("comments", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_group, delete_group),
    ]
