"""Settings for `make schema-diagram` only: the test settings plus
django-extensions (a development dependency, never installed in the image),
whose graph_models draws docs/schema.svg from the models."""

from .test import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "django_extensions"]
