"""Existing comments get their author's profile language, or English
(authors without one, deleted accounts, profile languages no longer shipped)."""

from django.conf import settings
from django.db import migrations


def backfill(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    Profile = apps.get_model("profiles", "Profile")
    shipped = {code for code, _name in settings.LANGUAGES}
    used = set(Profile.objects.exclude(language="").values_list("language", flat=True).distinct())
    for code in sorted(used & shipped):
        Comment.objects.filter(language="", author__profile__language=code).update(language=code)
    Comment.objects.filter(language="").update(language="en")


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_comment_language"),
        ("profiles", "0003_profile_reading_languages"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
