"""Ceilings for bench/run: what a page could cost at best on this stack."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

_HOME_CONTEXT: dict | None = None


def minimal(request: HttpRequest) -> HttpResponse:
    """A minimal Django view through the same middleware and server."""
    return HttpResponse(b"ok", content_type="text/plain")


def template_only(request: HttpRequest) -> HttpResponse:
    """The front page's template rendered without queries: the posts of the
    page are read once per process and kept."""
    global _HOME_CONTEXT
    if _HOME_CONTEXT is None:
        from apps.posts import selectors
        from apps.posts.views import _feed_context

        params = selectors.feed_params({})
        page = selectors.all_page(AnonymousUser(), params)
        _HOME_CONTEXT = {**_feed_context(params, page), "personal": False, "feed": "home"}
    return render(request, "posts/home.html", _HOME_CONTEXT)
