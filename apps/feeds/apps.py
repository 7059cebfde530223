from django.apps import AppConfig


class FeedsConfig(AppConfig):
    # No models, no admin, no receivers: the feeds read what the posts'
    # selectors read and follow the cache versions the content events bump.
    name = "apps.feeds"
