"""Bios become HTML with the comments' allowlist (apps.core.html.rich_text_html).
Until now they were plain text shown with line breaks: each existing bio is
escaped into paragraphs, so what it showed stays exactly what it shows."""

import html
import re

from django.db import migrations

BATCH = 500


def _paragraphs(plain: str) -> str:
    # A frozen copy of apps.core.html.text_to_html: a migration must not change
    # when the module does.
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", plain.replace("\r\n", "\n")) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.splitlines()) + "</p>"
        for p in paragraphs
    )


def _plain(stored: str) -> str:
    paragraphs = re.findall(r"<p>(.*?)</p>", stored, re.S)
    return "\n\n".join(html.unescape(p.replace("<br>", "\n")) for p in paragraphs)


def _convert(apps, convert) -> None:
    Profile = apps.get_model("profiles", "Profile")
    changed = []
    for profile in Profile.objects.exclude(bio="").only("pk", "bio").iterator(chunk_size=BATCH):
        profile.bio = convert(profile.bio)
        changed.append(profile)
        if len(changed) >= BATCH:
            Profile.objects.bulk_update(changed, ["bio"])
            changed = []
    if changed:
        Profile.objects.bulk_update(changed, ["bio"])


def forwards(apps, schema_editor):
    _convert(apps, _paragraphs)


def backwards(apps, schema_editor):
    _convert(apps, _plain)


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0003_profile_reading_languages"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
