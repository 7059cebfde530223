"""Site-wide views that belong to no feature: health and error pages."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from apps.core.worker import queue_status

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any driver error means "down" for a health check
        logger.exception("health: database check failed")
        return False


def _cache_ok() -> bool:
    # django-redis ignores Redis errors (IGNORE_EXCEPTIONS), so a round trip
    # of a unique value is the only honest check.
    key = f"health:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", 5)
        ok = cache.get(key) == "ok"
        cache.delete(key)
        return ok
    except Exception:
        logger.exception("health: cache check failed")
        return False


def _tasks_status() -> dict[str, object]:
    from django.tasks import task_backends

    # default_task_backend is a proxy object: ask the handler for the real one.
    backend = type(task_backends["default"]).__name__
    if backend != "DatabaseBackend":
        return {"backend": backend}  # immediate: no queue, no worker
    try:
        return {"backend": backend, **queue_status()}
    except Exception:
        logger.exception("health: task queue check failed")
        return {"backend": backend, "worker": "unknown"}


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """JSON health report. 503 when the database is down: without it nothing
    works. A cache outage is reported but keeps 200: the site degrades."""
    database = _database_ok()
    cache_up = _cache_ok()
    tasks = _tasks_status() if database else {}
    body: dict[str, object] = {
        "status": "ok" if database and cache_up else ("degraded" if database else "down"),
        "database": "ok" if database else "down",
        "cache": "ok" if cache_up else "down",
        "tasks": tasks,
    }
    # A worker that stopped beating degrades the report (mail waits) but
    # keeps 200: web nodes stay in the load balancer.
    if body["status"] == "ok" and tasks.get("worker") == "down":
        body["status"] = "degraded"
    return JsonResponse(body, status=200 if database else 503)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
