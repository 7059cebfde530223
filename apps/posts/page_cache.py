"""Whole-page cache of anonymous pages: the feeds (/, /all/, /c/<slug>/,
/t/<slug>/) and post pages (/c/<slug>/p/<id>/<post-slug>/).

A hit is served from one cache round trip, before sessions, authentication,
CSRF, messages and the view run: the middleware sits right after
SecurityMiddleware, WhiteNoise and the CSP middleware (which still add their
headers to every response, hits included).

What may be cached, and for whom:
- Only GET requests without a session cookie (signed-in members always
  have one, so their pages are never served from, nor stored in, this
  cache), without a messages cookie, not from htmx, whose query string holds
  nothing but `sort`, `t` and `cursor` (once each, short).
- Only a 200 text/html response to a visitor who is still anonymous after
  the view, that sets no cookie other than the CSRF cookie and is not marked
  private or no-store.

The key: language (as LocaleMiddleware picks it for a visitor) + path +
query string. The value carries the feed version it was rendered under
(apps.core.cache: global for /, /all/ and tags, the community's own for
/c/<slug>/ and its post pages); a write bumps the version (posts, votes on
posts, comments written, edited or deleted, joins, moderation), so the next
visitor gets a fresh page at once, and FEED_PAGE_TTL bounds the rest
(relative times, names, comment scores: comment votes bump nothing).
The version is read before the page is rendered, so a write racing the
render can only make the stored page look old, never hide the write.

Per-visitor parts are placeholders in the stored bytes: the CSP nonce and
the CSRF token (forms in the header) are swapped for the visitor's own on
every hit, and the CSRF cookie is set when the visitor has none, as
CsrfViewMiddleware would.

Redis down: every cache call here is guarded; requests are served uncached.
"""

import hashlib
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware import csrf
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_request

from apps.core.cache import version_keys, version_of

logger = logging.getLogger(__name__)

FEED_PAGE_TTL = 30
ALLOWED_PARAMS = frozenset({"sort", "t", "cursor"})
MAX_QUERY_STRING = 300
CACHE_HEADER = "X-Quorum-Cache"
_FEED_PATH = re.compile(
    r"\A/(?:all/|c/(?P<community>[-a-zA-Z0-9_]+)/(?:p/\d+/[^/]+/)?|t/[^/]+/)?\Z"
)
_NONCE = b"__quorum_csp_nonce_placeholder__"
_CSRF = b"Q" * 64  # a 64-character placeholder, the length of a masked token
_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
SLUG_TTL = 60 * 60


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
        if not set(keys) <= ALLOWED_PARAMS or any(len(request.GET.getlist(k)) > 1 for k in keys):
            return None
    return match


def _visitor_secret(request: HttpRequest) -> str | None:
    """The visitor's CSRF secret from their cookie, if well-formed."""
    token = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    try:
        csrf._check_token_format(token)
    except csrf.InvalidTokenFormat:
        return None
    if len(token) == csrf.CSRF_TOKEN_LENGTH:
        return csrf._unmask_cipher_token(token)
    return token


class AnonymousFeedCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = _cacheable_request(request)
        if match is None:
            return self.get_response(request)
        learn = None
        try:
            language = get_language_from_request(request)
            address = f"{request.path_info}?{request.META.get('QUERY_STRING', '')}"
            digest = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
            key = f"feedpage:{language}:{digest}"
            slug = (match.group("community") or "").lower()
            if slug:
                # A community's page: its own version (two round trips).
                slug_key = f"feedslug:{slug}"
                values = cache.get_many([key, slug_key])
                community_id = values.get(slug_key)
                if community_id is None:
                    learn = slug_key
                else:
                    versions = version_keys(community_id)
                    values.update(cache.get_many(versions))
            else:
                versions = version_keys(None)
                values = cache.get_many([key, *versions])
            if learn is None:
                version = version_of(values, versions)
        except Exception:  # the cache is down and raising: serve uncached
            logger.warning("feed page cache unavailable", exc_info=True)
            return self.get_response(request)
        if learn is not None:
            return self._learn_community(request, learn)
        stored = values.get(key)
        if stored is not None and stored[0] == version:
            return self._hit(request, stored)
        response = self.get_response(request)
        self._store(request, response, key, version)
        response.headers[CACHE_HEADER] = "miss"
        return response

    def _learn_community(self, request: HttpRequest, slug_key: str) -> HttpResponse:
        """First visit of a community's pages: the view names the community
        (no query of ours); its pages are cached from the next visit on."""
        response = self.get_response(request)
        community_id = getattr(request, "feed_community_id", None)
        if community_id is not None and response.status_code == 200:
            try:
                cache.set(slug_key, community_id, SLUG_TTL)
            except Exception:
                logger.warning("feed page cache unavailable", exc_info=True)
        return response

    # --- hit -------------------------------------------------------------------------

    def _hit(self, request: HttpRequest, stored: tuple) -> HttpResponse:
        _version, status, headers, body, has_nonce, has_csrf = stored
        if has_nonce:
            nonce = getattr(request, "_csp_nonce", None)
            body = body.replace(_NONCE, str(nonce).encode() if nonce is not None else b"")
        secret = None
        if has_csrf:
            secret = _visitor_secret(request)
            fresh = secret is None
            if fresh:
                secret = csrf._get_new_csrf_string()
            body = body.replace(_CSRF, csrf._mask_cipher_secret(secret).encode())
        response = HttpResponse(body, status=status)
        for name, value in headers:
            response.headers[name] = value
        if "Content-Length" in response.headers:
            response.headers["Content-Length"] = str(len(body))
        if has_csrf and fresh:
            response.set_cookie(
                settings.CSRF_COOKIE_NAME,
                secret,
                max_age=settings.CSRF_COOKIE_AGE,
                domain=settings.CSRF_COOKIE_DOMAIN,
                path=settings.CSRF_COOKIE_PATH,
                secure=settings.CSRF_COOKIE_SECURE,
                httponly=settings.CSRF_COOKIE_HTTPONLY,
                samesite=settings.CSRF_COOKIE_SAMESITE,
            )
            patch_vary_headers(response, ("Cookie",))
        response.headers[CACHE_HEADER] = "hit"
        return response

    # --- miss --------------------------------------------------------------------------

    def _store(self, request: HttpRequest, response: HttpResponse, key: str, version: str):
        if response.status_code != 200 or response.streaming:
            return
        if not response.get("Content-Type", "").startswith("text/html"):
            return
        user = getattr(request, "user", None)
        if user is None or user.is_authenticated:
            return
        if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
            return  # a session, messages or language cookie: personal
        cache_control = response.get("Cache-Control", "")
        if "private" in cache_control or "no-store" in cache_control:
            return
        body = response.content
        nonce = getattr(request, "_csp_nonce", None)
        has_nonce = bool(nonce)  # a LazyNonce is truthy once the page used it
        if has_nonce:
            body = body.replace(str(nonce).encode(), _NONCE)
        has_csrf = False
        secret = request.META.get("CSRF_COOKIE")
        if secret:

            def placeholder(found: re.Match) -> bytes:
                nonlocal has_csrf
                token = found.group(0).decode()
                if csrf._unmask_cipher_token(token) == secret:
                    has_csrf = True
                    return _CSRF
                return found.group(0)

            body = _TOKEN.sub(placeholder, body)
        headers = [(name, value) for name, value in response.items() if name != CACHE_HEADER]
        stored = (version, response.status_code, headers, body, has_nonce, has_csrf)
        try:
            cache.set(key, stored, FEED_PAGE_TTL)
        except Exception:
            logger.warning("feed page cache unavailable", exc_info=True)
