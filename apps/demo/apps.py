from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data set of `make run` (`manage.py seed_demo` and its steps).
    Top of the layers: it imports every feature app, and nothing imports it."""

    name = "apps.demo"
    verbose_name = "Demo data"
