from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_site(using: str = "default", **kwargs) -> None:
    """Keep django.contrib.sites' row equal to SITE_DOMAIN and SITE_NAME after
    every `migrate`: the row is what allauth's mails and the worker's
    notification emails name, and a domain set once by an old migration
    (or the default localhost:8000) would otherwise stay for ever."""
    from django.conf import settings
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": settings.SITE_DOMAIN, "name": settings.SITE_NAME},
    )
    Site.objects.clear_cache()


class CoreConfig(AppConfig):
    name = "apps.core"
    # Translators: Admin section name (a noun): Quorum's shared plumbing.
    verbose_name = _("Core")

    def ready(self) -> None:
        post_migrate.connect(sync_site, sender=self, dispatch_uid="quorum-sync-site")
        from django.tasks.signals import task_started

        from apps.core.catalogues import refresh_before_task

        # /translate/ saves reach the task worker too (apps/core/catalogues.py).
        task_started.connect(refresh_before_task, dispatch_uid="quorum-catalogues-before-task")
