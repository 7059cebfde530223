"""Existing tags get their English (default language) name from the original
column, so every language keeps showing it until someone translates it."""

from django.db import migrations
from django.db.models import F, Q


def fill_english(apps, schema_editor):
    Tag = apps.get_model("tags", "Tag")
    Tag.objects.filter(Q(name_en__isnull=True) | Q(name_en="")).update(name_en=F("name"))


class Migration(migrations.Migration):
    dependencies = [
        ("tags", "0002_translated_name"),
    ]

    operations = [
        migrations.RunPython(fill_english, migrations.RunPython.noop, elidable=True),
    ]
