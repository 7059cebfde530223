"""The "Translators" group: its members (and staff) may use the translation
web UI at /translate/ (apps.core.translators.can_translate). Add people to it
in the admin (Users → Groups)."""

from django.db import migrations

TRANSLATORS = "Translators"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=TRANSLATORS)


def delete_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=TRANSLATORS, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_site_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_group, delete_group),
    ]
