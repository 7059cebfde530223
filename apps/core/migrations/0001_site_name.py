import os

from django.db import migrations


def name_the_site(apps, schema_editor):
    """allauth's mails say "Hello from {site name}": make that Quorum, not example.com."""
    site_model = apps.get_model("sites", "Site")
    site_model.objects.update_or_create(
        pk=1,
        defaults={
            "domain": os.environ.get("SITE_DOMAIN", "localhost:8000"),
            "name": "Quorum",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("sites", "0002_alter_domain_unique")]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
