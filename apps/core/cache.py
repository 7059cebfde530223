"""Versioned cache keys for pages that change when content does.

Every cached feed or fragment key embeds a version; a write bumps the version
of what it touched, so stale entries are never read again and simply expire.
There is one global version (the front page, /all/ and tag pages mix
communities) and one per community. Services send domain events after their
transaction commits (apps/core/events.py); `invalidate_feeds` subscribes to
every event that changes what a page shows and bumps the versions.

Redis errors are ignored by django-redis (IGNORE_EXCEPTIONS): with Redis down
versions read as 0 and nothing is cached, which is slower but correct. With
IGNORE_EXCEPTIONS off, a failed bump is logged, never raised: the write it
follows has already committed.
"""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

GLOBAL_VERSION_KEY = "v:feeds:global"
VERSION_TTL = 60 * 60 * 24 * 30


def _community_key(community_id: int) -> str:
    return f"v:feeds:community:{community_id}"


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        # Missing (never set, evicted or flushed): any new value invalidates.
        cache.set(key, 1, VERSION_TTL)


def version_keys(community_id: int | None = None) -> list[str]:
    """The cache keys whose values make up a feed's version: the global one,
    or a community's own. A caller may fetch them together with other keys
    in one get_many and pass the result to `version_of`."""
    if community_id is None:
        return [GLOBAL_VERSION_KEY]
    return [_community_key(community_id)]


def version_of(values: dict, keys: list[str]) -> str:
    return ".".join(str(values.get(key, 0)) for key in keys)


def feed_version(community_id: int | None = None) -> str:
    """The current version string to embed in a cache key (one cache round
    trip): the global version, or with `community_id`, that community's
    (every write to a community bumps both)."""
    keys = version_keys(community_id)
    return version_of(cache.get_many(keys), keys)


def invalidate_feeds(sender=None, *, community_id: int | None = None, **kwargs) -> None:
    """Receiver for content events (sent after commit): bump the global
    version and, with `community_id`, that community's."""
    try:
        _bump(GLOBAL_VERSION_KEY)
        if community_id is not None:
            _bump(_community_key(community_id))
    except Exception:  # the cache is down and raising: pages expire by TTL
        logger.warning("invalidate_feeds: could not bump feed versions", exc_info=True)


def invalidate_feeds_on(*signals) -> None:
    """Subscribe `invalidate_feeds` to content events (call in AppConfig.ready())."""
    for signal in signals:
        signal.connect(invalidate_feeds, dispatch_uid=f"invalidate_feeds:{id(signal)}")
