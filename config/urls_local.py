"""URLs of local development (config.settings.local): the site's own, plus
django-debug-toolbar's when local.py turned it on. Test and production
settings never load this module."""

from django.conf import settings

from config.urls import handler400, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]

if "debug_toolbar" in settings.INSTALLED_APPS:
    from debug_toolbar.toolbar import debug_toolbar_urls

    urlpatterns = [*urlpatterns, *debug_toolbar_urls()]
