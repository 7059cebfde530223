"""Whole-page cache of anonymous pages: the feeds (/, /all/, /c/<slug>/,
/t/<slug>/), post pages (/c/<slug>/p/<id>/<post-slug>/) and search results
(/search/?q=…).

A hit is served from one or two cache round trips, before sessions,
authentication, CSRF, messages and the view run: the middleware sits right
after SecurityMiddleware, WhiteNoise and the CSP middleware (which still add
their headers to every response, hits included).

What may be cached, and for whom:
- Only GET requests without a session cookie (signed-in members always
  have one, so their pages are never served from, nor stored in, this
  cache), without a messages cookie, not from htmx, whose query string holds
  nothing but `sort`, `t`, `cursor` and `after` (the post page's next batch
  of comments) — on /search/: `q`, `type`, `community`, `tag`, `author`, `t`
  and `cursor` — (once each, short).
- Only a 200 text/html response to a visitor who is still anonymous after
  the view, that sets no cookie at all, used no CSP nonce and is not marked
  private or no-store.

Nothing per visitor is ever stored, so a hit is the stored bytes as they
are. Pages for visitors are built to need nothing per visitor: base.html
renders no CSRF token for them (their language switcher is a GET form, see
`apps.core.views.switch_language`) and no nonce (scripts are our own static
files, allowed by 'self'). A page that still renders a token sets the CSRF
cookie (Django always does), so it is not stored; a page that uses the
nonce is not stored either.

The key: language (as LocaleMiddleware picks it for a visitor) + path +
query string. The value carries the feed version it was rendered under
(apps.core.cache: global for /, /all/, tags and search, the community's own
for /c/<slug>/ and its post pages); a write bumps the version, so the next
visitor gets a fresh page at once, and FEED_PAGE_TTL bounds the rest
(relative times, names, comment scores: comment votes bump nothing).
The version is read before the page is rendered, so a write racing the
render can only make the stored page look old, never hide the write.

Which community a /c/<slug>/ page follows: the view says so on its response
with `cache_scope(response, community_id)` (a header this middleware reads
and removes). The middleware remembers slug -> id for SLUG_TTL; a
community's pages are cached from the visit after the first one.

Redis down: every cache call here is guarded; requests are served uncached.
"""

import hashlib
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.utils.translation import get_language_from_request

from apps.core.cache import version_keys, version_of

logger = logging.getLogger(__name__)

FEED_PAGE_TTL = 30
SLUG_TTL = 60 * 60
ALLOWED_PARAMS = frozenset({"sort", "t", "cursor", "after"})
SEARCH_PARAMS = frozenset({"q", "type", "community", "tag", "author", "t", "cursor"})
MAX_QUERY_STRING = 300
CACHE_HEADER = "X-Quorum-Cache"
SCOPE_HEADER = "X-Quorum-Cache-Community"
_FEED_PATH = re.compile(
    r"\A/(?:all/|c/(?P<community>[-a-zA-Z0-9_]+)/(?:p/\d+/[^/]+/)?|t/[^/]+/|(?P<search>search/))?\Z"
)


def cache_scope(response: HttpResponse, community_id: int) -> HttpResponse:
    """Mark `response` as a page of community `community_id`: its cached copy
    follows that community's version (every write to the community bumps it).
    Views of /c/<slug>/... pages call this; the header never leaves the site."""
    response.headers[SCOPE_HEADER] = str(community_id)
    return response


def _cacheable_request(request: HttpRequest) -> re.Match | None:
    if request.method != "GET":
        return None
    match = _FEED_PATH.match(request.path_info)
    if match is None:
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    if "HTTP_HX_REQUEST" in request.META:
        return None
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_STRING:
        return None
    if query:
        keys = list(request.GET.keys())
        allowed = SEARCH_PARAMS if match.group("search") else ALLOWED_PARAMS
        if not set(keys) <= allowed or any(len(request.GET.getlist(k)) > 1 for k in keys):
            return None
    return match


def _scope_of(response: HttpResponse) -> int | None:
    """The community the view named, and the header removed."""
    value = response.get(SCOPE_HEADER)
    if value is None:
        return None
    del response[SCOPE_HEADER]
    return int(value) if value.isdigit() else None


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    if response.cookies:
        # A session, messages, language or CSRF cookie: the page is personal
        # (a CSRF cookie means the page carries a token).
        return False
    if get_nonce(request):  # a LazyNonce is truthy once the page used it
        return False
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


class AnonymousFeedCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = _cacheable_request(request)
        if match is None:
            response = self.get_response(request)
            _scope_of(response)
            return response
        slug_key = None
        try:
            language = get_language_from_request(request)
            address = f"{request.path_info}?{request.META.get('QUERY_STRING', '')}"
            digest = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
            key = f"feedpage:{language}:{digest}"
            slug = (match.group("community") or "").lower()
            if slug:
                # A community's page: its own version (two round trips).
                values = cache.get_many([key, f"feedslug:{slug}"])
                community_id = values.get(f"feedslug:{slug}")
                if community_id is None:
                    slug_key = f"feedslug:{slug}"
                else:
                    versions = version_keys(community_id)
                    values.update(cache.get_many(versions))
            else:
                versions = version_keys(None)
                values = cache.get_many([key, *versions])
            if slug_key is None:
                version = version_of(values, versions)
        except Exception:  # the cache is down and raising: serve uncached
            logger.warning("feed page cache unavailable", exc_info=True)
            response = self.get_response(request)
            _scope_of(response)
            return response
        if slug_key is not None:
            return self._learn_community(request, slug_key)
        stored = values.get(key)
        if stored is not None and stored[0] == version:
            return self._hit(stored)
        response = self.get_response(request)
        _scope_of(response)
        if _storable(request, response):
            self._store(response, key, version)
        response.headers[CACHE_HEADER] = "miss"
        return response

    def _learn_community(self, request: HttpRequest, slug_key: str) -> HttpResponse:
        """First visit of a community's pages: the view names the community
        on its response (no query of ours); its pages are cached from the
        next visit on."""
        response = self.get_response(request)
        community_id = _scope_of(response)
        if community_id is not None and response.status_code == 200:
            try:
                cache.set(slug_key, community_id, SLUG_TTL)
            except Exception:
                logger.warning("feed page cache unavailable", exc_info=True)
        return response

    @staticmethod
    def _hit(stored: tuple) -> HttpResponse:
        _version, status, headers, body = stored
        response = HttpResponse(body, status=status)
        for name, value in headers:
            response.headers[name] = value
        response.headers[CACHE_HEADER] = "hit"
        return response

    @staticmethod
    def _store(response: HttpResponse, key: str, version: str) -> None:
        headers = [(name, value) for name, value in response.items() if name != CACHE_HEADER]
        stored = (version, response.status_code, headers, response.content)
        try:
            cache.set(key, stored, FEED_PAGE_TTL)
        except Exception:
            logger.warning("feed page cache unavailable", exc_info=True)
