"""A clear "try again" page (503) when the cache (Redis) or the database is down.

The database: when PostgreSQL restarts, refuses connections ("too many
clients") or drops one mid-request, Django raises OperationalError (or
InterfaceError), which nothing maps: every page would answer 500 for the
outage. A view's database error becomes the 503 page at once; any other 5xx
is replaced by it when a probe (SELECT 1) finds the database unreachable.
API paths are left to the API's own handlers, which answer in its JSON
envelope.

The cache:

With IGNORE_EXCEPTIONS (base.py) django-redis hides Redis errors: reads miss,
writes are dropped, and the site keeps serving, slower. Two things still go
wrong without this middleware:

- allauth's rate limits (login, signup, password reset) take a lock in the
  cache first. With Redis down the lock is never granted, so allauth refuses
  the attempt after a second and answers 429 "too many attempts": a fail
  closed we keep on purpose (no unthrottled password guessing during an
  outage), but the page would blame the visitor.
- With IGNORE_EXCEPTIONS off, a Redis error escapes and becomes a 500.

Both responses are replaced, only when a probe confirms the cache is down, by
templates/503.html: a translated "try again in a moment" with Retry-After.
The probe runs on error responses only, so healthy traffic pays nothing.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
ACCOUNT_PREFIX = "/accounts/"
API_PREFIX = "/api/"
DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError)


def cache_is_down() -> bool:
    """One round trip: can the cache store a value? (django-redis answers
    None, or raises, when Redis is away.)"""
    key = f"probe:{uuid.uuid4().hex}"
    try:
        stored = cache.add(key, 1, 5)
    except Exception:
        return True
    if stored is None:
        return True
    try:
        cache.delete(key)
    except Exception:
        return True
    return False


def database_is_down() -> bool:
    """One round trip: does the database answer? A connection broken by the
    outage is closed first, so a database that is back is seen as up."""
    try:
        if connection.connection is not None and not connection.is_usable():
            connection.close()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return True
    return False


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """The "try again" page. Standalone (no base.html): it must render with
    no session, user or cache."""
    response = HttpResponse(render_to_string("503.html", request=None), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class OutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        status = response.status_code
        if status == 503:
            return response
        refused_account_action = status == 429 and request.path_info.startswith(ACCOUNT_PREFIX)
        if (status >= 500 or refused_account_action) and cache_is_down():
            logger.warning("cache down: %s answered %s, serving 503", request.path_info, status)
            return service_unavailable(request)
        api = request.path_info.startswith(API_PREFIX)
        if status >= 500 and not api and database_is_down():
            logger.warning("database down: %s answered %s, serving 503", request.path_info, status)
            return service_unavailable(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, DATABASE_OUTAGE_ERRORS) and not request.path_info.startswith(
            API_PREFIX
        ):
            logger.error("database error in %s: serving 503", request.path_info, exc_info=True)
            return service_unavailable(request)
        return None
