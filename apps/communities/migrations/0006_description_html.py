"""Descriptions become HTML with the comments' allowlist (apps.core.html.rich_text_html),
in every language's column. Until now they were plain text shown with line
breaks: each existing one is escaped into paragraphs, so what it showed stays
exactly what it shows."""

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
    Community = apps.get_model("communities", "Community")
    # description, description_en, description_es, …: every language's column.
    columns = [
        f.name
        for f in Community._meta.concrete_fields
        if f.name == "description" or f.name.startswith("description_")
    ]
    changed = []
    for community in Community.objects.only("pk", *columns).iterator(chunk_size=BATCH):
        for column in columns:
            value = getattr(community, column)
            if value:
                setattr(community, column, convert(value))
        changed.append(community)
        if len(changed) >= BATCH:
            Community.objects.bulk_update(changed, columns)
            changed = []
    if changed:
        Community.objects.bulk_update(changed, columns)


def forwards(apps, schema_editor):
    _convert(apps, _paragraphs)


def backwards(apps, schema_editor):
    _convert(apps, _plain)


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0005_hebrew_polish_fields"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
