"""The feed views: cached, and answering conditional requests.

A request resolves its community, tag or member (at most 1 query; 404 for
what a visitor may not see), reads the feed cache version it follows
(apps/core/cache.py: the community's own, or the global one for the front
page, tags and members; every content event bumps it) and looks for the
rendered feed under a key holding that version. Only a miss reads the posts
(2 queries) and renders; the result is stored for FEED_CACHE_TTL, which
bounds what no event announces (a member's new display name).

Validators, stored with the body:
- ETag: a hash of the body. Not the version string itself: with the cache
  down every version reads 0, and a version-based tag would then claim
  "not modified" for ever; nor would it change with a display name.
- Last-Modified: the newest item's time (its edit or creation), absent
  for an empty feed. A client sending both gets If-None-Match's answer
  (RFC 9110), so a removed post is never hidden behind an old date from
  clients that send the ETag back, as feed readers do.

A cache error is logged and the feed served uncached (the page cache's
rule, apps/core/page_cache.py).
"""

import hashlib
import logging

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from apps.core.cache import feed_version

from . import sources
from .syndication import FEED_TYPES, FeedPage, PostFeed, item_time

logger = logging.getLogger(__name__)

FEED_CACHE_TTL = 5 * 60
# Readers poll every few minutes at most; a short max-age keeps what they
# and proxies reuse close to the site.
FEED_MAX_AGE = 2 * 60


def _cache_key(
    request: HttpRequest, source: sources.FeedSource, feed_format: str, sort: str
) -> str:
    """Everything the bytes depend on: the feed, its format and sort, the
    language of its title, the scheme and host of its links, and the
    version of the content (tag slugs and usernames may be any script:
    the key is hashed)."""
    version = feed_version(source.community_id)
    parts = [
        source.kind,
        source.ident,
        feed_format,
        sort,
        get_language() or "",
        request.scheme or "",
        request.get_host(),
        version,
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"feeds:{digest}"


def _render(request: HttpRequest, source: sources.FeedSource, feed_format: str, sort: str) -> dict:
    posts = source.posts(sort)
    generator = PostFeed(request, feed_format).get_feed(FeedPage(source, sort, posts), request)
    body = generator.writeString("utf-8").encode()
    newest = max((item_time(post) for post in posts), default=None)
    return {
        "body": body,
        "content_type": FEED_TYPES[feed_format].content_type,  # the generator's class
        "etag": f'"{hashlib.sha256(body).hexdigest()[:32]}"',
        "last_modified": int(newest.timestamp()) if newest else None,
    }


def _cached_render(
    request: HttpRequest, source: sources.FeedSource, feed_format: str, sort: str
) -> dict:
    try:
        key = _cache_key(request, source, feed_format, sort)
        entry = cache.get(key)
    except Exception:
        logger.warning("feeds: cache unavailable, serving uncached", exc_info=True)
        return _render(request, source, feed_format, sort)
    if entry is None:
        entry = _render(request, source, feed_format, sort)
        try:
            cache.set(key, entry, FEED_CACHE_TTL)
        except Exception:
            logger.warning("feeds: could not store a feed", exc_info=True)
    return entry


def _serve(request: HttpRequest, source: sources.FeedSource, feed_format: str) -> HttpResponse:
    sort = sources.feed_sort(request.GET)
    entry = _cached_render(request, source, feed_format, sort)
    response = HttpResponse(entry["body"], content_type=entry["content_type"])
    response.headers["ETag"] = entry["etag"]
    if entry["last_modified"] is not None:
        response.headers["Last-Modified"] = http_date(entry["last_modified"])
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    conditional = get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
    )
    assert conditional is not None  # None only when given no response
    return conditional


# GET and HEAD only: anything else is a 405.


@require_safe
def front_feed(request: HttpRequest, feed_format: str = "rss") -> HttpResponse:
    return _serve(request, sources.front_source(), feed_format)


@require_safe
def community_feed(request: HttpRequest, slug: str, feed_format: str = "rss") -> HttpResponse:
    return _serve(request, sources.community_source(slug), feed_format)


@require_safe
def tag_feed(request: HttpRequest, slug: str, feed_format: str = "rss") -> HttpResponse:
    return _serve(request, sources.tag_source(slug), feed_format)


@require_safe
def member_feed(request: HttpRequest, username: str, feed_format: str = "rss") -> HttpResponse:
    return _serve(request, sources.member_source(username), feed_format)
