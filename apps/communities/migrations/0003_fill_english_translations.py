"""Existing communities get their English (default language) columns from the
original ones, so they keep showing their name, description and rules in
every language until someone translates them."""

from django.db import migrations
from django.db.models import F, Q


def fill_english(apps, schema_editor):
    Community = apps.get_model("communities", "Community")
    for field in ("name", "description", "rules"):
        english = f"{field}_en"
        Community.objects.filter(Q(**{f"{english}__isnull": True}) | Q(**{english: ""})).update(
            **{english: F(field)}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0002_translated_fields"),
    ]

    operations = [
        migrations.RunPython(fill_english, migrations.RunPython.noop, elidable=True),
    ]
