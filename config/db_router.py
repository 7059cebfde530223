"""Reads of public pages from a streaming read replica, everything else from
the primary (DATABASE_REPLICA_URL; base.py installs this only when it is set).

Per request, `ReplicaRoutingMiddleware` decides whether the replica may serve
its reads: a GET or HEAD of a public page (REPLICA_READ_PATHS: feeds, post
pages, search, profiles, the RSS/Atom feeds), from a client that has not
written in the last REPLICA_PIN_SECONDS. `PrimaryReplicaRouter` then sends
reads to the replica, except:

- inside a transaction on the primary (a service's atomic block reads what it
  is about to write), and after the request's first write;
- sessions and the task queue, which must never be read stale (a session
  missing on a lagging replica would log its member out);
- while the replica is unreachable or lagging more than REPLICA_MAX_LAG_SECONDS
  (checked once per request, one round trip on the replica).

Read-your-writes: every write request (POST, PUT, PATCH, DELETE, or any request
that wrote) sets a short cookie that pins the client's reads to the primary,
so a member sees their own comment even when the replica is a moment behind.
The cookie is not signed on purpose: all a client can do with it is read from
the primary.

A replica that dies mid-request fails that request's query: a GET that used
the replica and answered 5xx is run once more on the primary, so visitors see
no error while the replica goes away.
"""

from __future__ import annotations

import contextvars
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Model
from django.db.utils import ConnectionHandler
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
PIN_COOKIE = "quorum_primary"
SAFE_METHODS = frozenset({"GET", "HEAD"})
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Never read from the replica: a stale session logs its member out; the task
# queue claims rows with SELECT ... FOR UPDATE on the primary anyway.
PRIMARY_ONLY_APPS = frozenset({"sessions", "django_tasks_database"})

# Seconds since the replica replayed its last transaction, 0 when it has
# replayed everything it received (an idle primary sends nothing new).
POSTGRES_LAG_SQL = (
    "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
    "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
)


@dataclass
class RequestRouting:
    """What the router may do for the request in hand."""

    replica_allowed: bool = False
    used_replica: bool = False
    wrote: bool = False


_routing: contextvars.ContextVar[RequestRouting | None] = contextvars.ContextVar(
    "quorum_db_routing", default=None
)


@dataclass
class ReplicaHealth:
    """Whether the replica may serve reads, probed at most once per request
    and not at all for REPLICA_RETRY_SECONDS after a failure."""

    alias: str = REPLICA
    databases: ConnectionHandler = field(default_factory=lambda: connections)
    down_until: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def usable(self) -> bool:
        if time.monotonic() < self.down_until:
            return False
        try:
            lag = self.lag_seconds()
        except DatabaseError as error:
            self.mark_down(f"unreachable: {error}".splitlines()[0])
            return False
        if lag > settings.REPLICA_MAX_LAG_SECONDS:
            self.mark_down(f"{lag:.1f} s behind")
            return False
        return True

    def lag_seconds(self) -> float:
        connection = self.databases[self.alias]
        # A connection the replica dropped (restart) is replaced, not reused.
        if connection.connection is not None and not connection.is_usable():
            connection.close()
        sql = POSTGRES_LAG_SQL if connection.vendor == "postgresql" else "SELECT 0"
        with connection.cursor() as cursor:
            cursor.execute(sql)
            row = cursor.fetchone()
        return float(row[0] or 0) if row else 0.0

    def mark_down(self, reason: str) -> None:
        with self.lock:
            already = time.monotonic() < self.down_until
            self.down_until = time.monotonic() + settings.REPLICA_RETRY_SECONDS
        self.databases[self.alias].close()
        if not already:
            logger.warning("read replica not used for %s s: %s",
                           settings.REPLICA_RETRY_SECONDS, reason)  # fmt: skip


replica_health = ReplicaHealth()


class PrimaryReplicaRouter:
    """DATABASE_ROUTERS entry: see the module's docstring."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        routing = _routing.get()
        if (
            routing is None
            or not routing.replica_allowed
            or routing.wrote
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or connections[PRIMARY].in_atomic_block
        ):
            return PRIMARY
        routing.used_replica = True
        return REPLICA

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        routing = _routing.get()
        if routing is not None:
            routing.wrote = True
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # One database, two servers: objects from either may be related.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        # The replica receives the schema by replication.
        return db == PRIMARY


def replica_eligible(request: HttpRequest) -> bool:
    """A public page read by a client that has not just written."""
    if request.method not in SAFE_METHODS or PIN_COOKIE in request.COOKIES:
        return False
    return any(re.match(pattern, request.path) for pattern in settings.REPLICA_READ_PATHS)


class ReplicaRoutingMiddleware:
    """Opens the per-request routing decision and pins writers to the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        allowed = replica_eligible(request) and replica_health.usable()
        routing = RequestRouting(replica_allowed=allowed)
        token = _routing.set(routing)
        try:
            response = self.get_response(request)
            # The replica may have gone away mid-request: if so, once more on
            # the primary (GET and HEAD only, so running twice is safe).
            if routing.used_replica and response.status_code >= 500 and not replica_health.usable():
                retry = RequestRouting(replica_allowed=False)
                _routing.set(retry)
                response = self.get_response(request)
                routing.wrote = routing.wrote or retry.wrote
        finally:
            _routing.reset(token)
        if request.method in WRITE_METHODS or routing.wrote:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
