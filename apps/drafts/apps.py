from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "apps.drafts"
    verbose_name = _("Drafts")
    # A draft is private to its author: it changes no cached page, so the
    # feed cache subscribes to nothing here.
