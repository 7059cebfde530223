"""Rate limits: fixed-window counters in the cache, shared by every web node
through Redis.

Two layers, one algorithm:

- Counters (`Rate`, `used`, `hit`): count events under a key in fixed windows
  (`10/h` = at most 10 per clock hour; the key carries the window's number,
  so old windows simply expire). apps.communities counts community creations
  with them.
- Action limits (`check`): posting, commenting, voting and reporting, counted
  per member and per client IP, with tighter limits for accounts younger than
  QUORUM_NEW_ACCOUNT_HOURS. The services call `check(...)`, so the HTML views,
  the admin and the API share the limits. Staff are not limited.

Configuration (settings, from the environment):
  QUORUM_RATE_LIMITS_ENABLED   on/off switch for the action limits.
  QUORUM_RATE_LIMITS           overrides of DEFAULT_LIMITS, as a dict or as
                               "post.member=5/h,vote.ip=2000/h" (scope is
                               member, new_member or ip; period s, m, h or d,
                               optionally with a number: "20/10m").
  QUORUM_NEW_ACCOUNT_HOURS     how long an account counts as new.

The client IP is the one `client_ip()` derives from X-Forwarded-For, trusting
exactly ALLAUTH_TRUSTED_PROXY_COUNT hops (TRUSTED_PROXY_COUNT overrides it),
so a client cannot escape its bucket by forging extra hops. Views pass it to
the services explicitly (`client_ip=client_ip(request)`), and services pass it
to `check`: services never see the request. A refusal becomes a 429 with
Retry-After in the view that caught it (apps.core.http), not in a middleware.

Where the counters live: the cache alias "ratelimit" when settings define
one, else the default cache. With REDIS_URL set there is no such alias: the
default cache is Redis, shared by every process. Without Redis (local
development) the default cache is local memory, private to each process, so
two workers would each let a full limit through; config/settings/base.py then
defines "ratelimit" as a `SharedFileCache` under var/, which every process of
the machine reads and whose `add` and `incr` hold a file lock, so a limit is
counted once whatever the number of processes (tests/ runs two processes to
check it).

Cache down: FAIL OPEN. django-redis runs with IGNORE_EXCEPTIONS, so every
cache call returns None while Redis is away; nothing is then counted and
nothing refused. Posting, commenting and voting are what members come for,
and an outage of a cache must not take them away from everyone; the rules
that do not need the cache (verified email, bans, suspensions, the duplicate
checks of the services) keep working. The price is that a flood during an
outage is not throttled — an accepted, logged risk.
"""

import fcntl
import ipaddress
import logging
import os
import pickle
import re
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.core.cache import BaseCache, cache, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

# --- where the counters live -----------------------------------------------------------

COUNTER_CACHE_ALIAS = "ratelimit"


def counter_cache() -> BaseCache:
    """The cache that holds the counters: the "ratelimit" alias if settings
    define one (local development without Redis), else the default cache."""
    if COUNTER_CACHE_ALIAS in settings.CACHES:
        return caches[COUNTER_CACHE_ALIAS]
    return cache


class SharedFileCache(FileBasedCache):
    """A file-based cache whose `add` and `incr` are atomic across processes
    (an exclusive lock on one file of the cache's directory), so every
    process of one machine counts into the same counters. For the rate
    limits of local development only: each write is a file, fine for a few
    counters, not for pages. `incr` keeps the entry's expiry (the base
    class's would reset it to the default timeout)."""

    def __init__(self, dir: str, params: dict) -> None:
        super().__init__(dir, params)
        self._lock_path = os.path.join(os.path.abspath(dir), "lock")

    @contextmanager
    def _locked(self) -> Iterator[None]:
        os.makedirs(os.path.dirname(self._lock_path), exist_ok=True)
        with open(self._lock_path, "a+b") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._locked():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._locked():
            fname = self._key_to_file(key, version)
            try:
                with open(fname, "rb") as f:
                    expiry = pickle.load(f)  # noqa: S301 - our own cache files
                    value = pickle.loads(zlib.decompress(f.read()))  # noqa: S301
            except FileNotFoundError:
                value, expiry = None, None
            if value is None or (expiry is not None and expiry < time.time()):
                raise ValueError(f"Key {key!r} not found")
            new_value = value + delta
            timeout = None if expiry is None else max(expiry - time.time(), 1)
            self.set(key, new_value, timeout, version)
            return new_value


# --- counters ------------------------------------------------------------------------

_RATE = re.compile(r"\A\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*\Z")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    """At most `count` events per window of `seconds`."""

    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        match = _RATE.match(text or "")
        if not match:
            raise ImproperlyConfigured(f"Not a rate: {text!r} (expected e.g. 10/h or 20/10m)")
        count, multiple, unit = match.groups()
        return cls(int(count), int(multiple or 1) * _UNIT_SECONDS[unit])


def _window(scope: str, ident: str, rate: Rate, now: float) -> tuple[str, int]:
    """The cache key of the current window and the seconds until it ends."""
    index = int(now // rate.seconds)
    retry_after = max(int((index + 1) * rate.seconds - now), 1)
    return f"rl:{scope}:{ident}:{rate.seconds}:{index}", retry_after


def used(scope: str, ident: str, rate: Rate) -> int:
    """Events counted in the current window (0 when the cache is down)."""
    key, _retry = _window(scope, ident, rate, time.time())
    return int(counter_cache().get(key) or 0)


def hit(scope: str, ident: str, rate: Rate) -> tuple[int | None, int]:
    """Count one event; returns (events in this window including this one, or
    None when the cache is down; seconds until the window ends). Two cache
    round trips; incr is atomic in Redis, so concurrent hits are all counted."""
    key, retry_after = _window(scope, ident, rate, time.time())
    counters = counter_cache()
    counters.add(key, 0, timeout=rate.seconds + 60)
    try:
        return counters.incr(key), retry_after
    except ValueError:
        # Evicted between add() and incr(): this event opens the window again.
        counters.set(key, 1, timeout=rate.seconds + 60)
        return 1, retry_after


# --- the client's address -----------------------------------------------------------


def _normalized(value: str) -> str | None:
    """An address as a bucket name: IPv4 as is, IPv6 by its /64 (one host
    usually owns a whole /64), None when it is not an address."""
    try:
        address = ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def trusted_proxy_count() -> int:
    return int(getattr(settings, "TRUSTED_PROXY_COUNT", settings.ALLAUTH_TRUSTED_PROXY_COUNT))


def client_ip(request: HttpRequest) -> str:
    """The client's address behind exactly `trusted_proxy_count()` proxies.

    Each trusted proxy appends (nginx here: overwrites with) the address it
    saw, so the client is the N-th entry from the end of X-Forwarded-For;
    anything before it was written by the client and is ignored. Without
    proxies, or with fewer entries than proxies, REMOTE_ADDR is the client."""
    remote = request.META.get("REMOTE_ADDR", "")
    candidate = remote
    trusted = trusted_proxy_count()
    if trusted > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= trusted:
            candidate = hops[-trusted]
    return _normalized(candidate) or _normalized(remote) or "unknown"


# --- action limits -----------------------------------------------------------------------

SCOPES = ("member", "new_member", "ip")
DEFAULT_LIMITS: dict[str, dict[str, str]] = {
    "post": {"member": "10/h", "new_member": "3/h", "ip": "30/h"},
    "comment": {"member": "60/h", "new_member": "10/h", "ip": "200/h"},
    "vote": {"member": "300/h", "new_member": "60/h", "ip": "1000/h"},
    "report": {"member": "20/h", "new_member": "5/h", "ip": "60/h"},
    "message": {"member": "60/h", "new_member": "10/h", "ip": "200/h"},
    "image": {"member": "60/h", "new_member": "15/h", "ip": "200/h"},
}
MESSAGES = {
    "post": gettext_lazy("You are posting too often."),
    "comment": gettext_lazy("You are commenting too often."),
    "vote": gettext_lazy("You are voting too often."),
    "report": gettext_lazy("You are sending too many reports."),
    "message": gettext_lazy("You are sending messages too often."),
    "image": gettext_lazy("You are uploading images too often."),
}


class RateLimited(PermissionDenied):
    """Refused by a rate limit. A PermissionDenied, so every front-end that
    already explains refusals (form errors, messages, the vote widget, the
    API's error envelope) explains this one too; apps.core.http answers it
    with 429 and Retry-After."""

    status_code = 429

    def __init__(self, action: str, scope: str, retry_after: int):
        self.action, self.scope, self.retry_after = action, scope, retry_after
        wait = timeuntil(timezone.now() + timedelta(seconds=retry_after + 59))
        parts = [str(MESSAGES.get(action, _("You are doing this too often.")))]
        if scope == "new_member":
            parts.append(
                # Translators: %(hours)s is a number of hours after signing up.
                _("New accounts have tighter limits for their first %(hours)s hours.")
                % {"hours": new_account_hours()}
            )
        # Translators: %(wait)s is a duration already translated, e.g. “5 minutes” or “1 hour, 2
        # minutes”.
        parts.append(_("Try again in %(wait)s.") % {"wait": wait})
        super().__init__(" ".join(parts))


def new_account_hours() -> int:
    return int(getattr(settings, "QUORUM_NEW_ACCOUNT_HOURS", 24))


@lru_cache(maxsize=8)
def _parse_limits(overrides: str | tuple) -> dict[str, dict[str, Rate]]:
    merged = {action: dict(scopes) for action, scopes in DEFAULT_LIMITS.items()}
    items = (
        [item.split("=", 1) for item in overrides.split(",") if item.strip()]
        if isinstance(overrides, str)
        else [(f"{action}.{scope}", rate) for action, scope, rate in overrides]
    )
    for name, rate in items:
        action, _dot, scope = name.strip().partition(".")
        if action not in merged or scope not in SCOPES:
            raise ImproperlyConfigured(f"QUORUM_RATE_LIMITS: unknown limit {name.strip()!r}")
        merged[action][scope] = rate.strip()
    return {
        action: {scope: Rate.parse(text) for scope, text in scopes.items()}
        for action, scopes in merged.items()
    }


def limits() -> dict[str, dict[str, Rate]]:
    """Every action's Rate per scope: DEFAULT_LIMITS with the settings' overrides."""
    overrides = getattr(settings, "QUORUM_RATE_LIMITS", "") or ""
    if isinstance(overrides, dict):
        overrides = tuple(
            sorted(
                (action, scope, rate)
                for action, scopes in overrides.items()
                for scope, rate in scopes.items()
            )
        )
    return _parse_limits(overrides)


def is_new_account(user) -> bool:
    joined = getattr(user, "date_joined", None)
    return joined is not None and joined > timezone.now() - timedelta(hours=new_account_hours())


def check(action: str, *, user, client_ip: str | None = None) -> None:
    """Count one `action` by `user` and raise RateLimited when it is over a
    limit: the member's (the new-account one for young accounts), then the
    client IP's when the caller knows it (a request; not the admin or a
    task). 2 cache round trips per scope, no query. Staff are never limited;
    with the cache down nothing is (fail open, see the module docstring)."""
    if not getattr(settings, "QUORUM_RATE_LIMITS_ENABLED", True):
        return
    if user is None or not user.is_authenticated or user.is_staff:
        return
    rates = limits()[action]
    member_scope = "new_member" if is_new_account(user) else "member"
    buckets = [(member_scope, f"u{user.pk}")]
    if client_ip:
        buckets.append(("ip", client_ip))
    for scope, ident in buckets:
        rate = rates[scope]
        count, retry_after = hit(f"{action}:{scope}", ident, rate)
        if count is None:
            logger.warning("rate limit %s/%s not counted: cache unavailable", action, scope)
            return
        if count > rate.count:
            raise RateLimited(action, scope, retry_after)
