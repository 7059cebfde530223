"""Rate limits per member and per anonymous client address.

Rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (set from the
API_THROTTLE_* environment variables) and are read on each request, so a
settings change applies without a restart of the class. Counters live in the
default cache (Redis in production, shared by every web node). With Redis
down the counters read as empty and the limits fail open: the API keeps
serving, and nginx still limits connections.

The anonymous client address is REMOTE_ADDR, or the address NUM_PROXIES hops
from the end of X-Forwarded-For: NUM_PROXIES comes from the same setting as
ALLAUTH_TRUSTED_PROXY_COUNT (0 locally, 1 behind our nginx, which overwrites
the header), so a client cannot forge its address to reset its count.
"""

from typing import cast

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from .policies import SAFE_METHODS


class _RateFromSettings:
    scope: str

    def get_rate(self) -> str | None:
        # The stubs type the rates loosely; ours are strings like "60/min".
        return cast("str | None", api_settings.DEFAULT_THROTTLE_RATES.get(self.scope))


class AnonymousThrottle(_RateFromSettings, AnonRateThrottle):
    """Requests without a member, counted per client address."""

    scope = "anon"


class MemberThrottle(_RateFromSettings, SimpleRateThrottle):
    """Every request of a signed-in member (session or token), per member."""

    scope = "member"

    def get_cache_key(self, request, view) -> str | None:
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class MemberWriteThrottle(MemberThrottle):
    """Writes (POST, PATCH, DELETE…) of a member, on top of MemberThrottle."""

    scope = "member_write"

    def allow_request(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)
