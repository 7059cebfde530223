"""Request types for annotations. django-htmx's middleware sets
`request.htmx` on every request; django-stubs' HttpRequest does not know it."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """Every request this site serves (django_htmx.middleware.HtmxMiddleware)."""

    htmx: HtmxDetails
