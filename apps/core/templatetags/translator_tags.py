"""Helpers for the translators' web UI (templates/rosetta/)."""

from pathlib import Path

from django import template
from django.conf import settings

register = template.Library()


@register.filter
def project_relative(path: str) -> str:
    """A catalogue's path inside the repository ("locale/es/LC_MESSAGES/
    django.po"), never the server's directory layout."""
    try:
        return str(Path(path).resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return Path(path).name
