from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "apps.messaging"
    verbose_name = _("Private messages")
    # Private messages change no cached page (only the two members see
    # them): the feed cache does not subscribe to message_sent.
