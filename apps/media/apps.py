from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "apps.media"
    label = "media"
    # Translators: name of the section of the admin that lists images uploaded into posts.
    verbose_name = _("Images")
