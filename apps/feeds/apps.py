from django.apps import AppConfig


class FeedsConfig(AppConfig):
    # The RSS/Atom feeds read what the posts' selectors read and follow the
    # cache versions the content events bump (no receivers); the models are
    # the members' custom feeds (models.py), read through the same selectors.
    name = "apps.feeds"
