"""Reads for tags."""

from django.http import Http404

from .models import Tag


def tag_by_slug(slug: str) -> Tag:
    """The tag of /t/<slug>/ (1 query); 404 when there is none."""
    try:
        return Tag.objects.get(slug=(slug or "").lower())
    except Tag.DoesNotExist:
        raise Http404 from None
