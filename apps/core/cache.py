"""Versioned cache keys for pages that change when content does.

Every cached feed or fragment key embeds a version; a write bumps the version
of what it touched, so stale entries are never read again and simply expire.
There is one global version (the front page and /all/ mix communities) and
one per community. Services call `content_changed(community_id=…)` after
their transaction commits.

Redis errors are ignored by django-redis (IGNORE_EXCEPTIONS): with Redis down
versions read as 0 and nothing is cached, which is slower but correct.
"""

from django.core.cache import cache
from django.db import transaction

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


def feed_version(community_id: int | None = None) -> str:
    """The current version string to embed in a cache key (one cache round trip)."""
    keys = (
        [GLOBAL_VERSION_KEY]
        if community_id is None
        else [GLOBAL_VERSION_KEY, _community_key(community_id)]
    )
    values = cache.get_many(keys)
    return ".".join(str(values.get(key, 0)) for key in keys)


def content_changed(*, community_id: int | None) -> None:
    """Invalidate cached feeds after a write that changes what they show.

    Runs after the current transaction commits, so a reader never caches the
    old state under the new version.
    """

    def bump() -> None:
        _bump(GLOBAL_VERSION_KEY)
        if community_id is not None:
            _bump(_community_key(community_id))

    transaction.on_commit(bump)
