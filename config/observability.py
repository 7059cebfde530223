"""What an operator reads and scrapes in production: one JSON line per request,
and Prometheus metrics for the internal network only.

Production settings (config/settings/production.py) install both; local and
test settings keep Django's plain, human-readable logs and no /metrics.

Logs: django-structlog's RequestMiddleware binds the request id (nginx's
X-Request-ID, which nginx always overwrites, so a client cannot choose it)
and the member id to every log line of the request, stdlib loggers included.
`RequestLogMiddleware` adds what its `request_finished` line lacks: method,
path, status and duration, the client address as the rate limits see it, and
the request id echoed in the response so a member's report can be matched to
its log line.

Metrics: django-prometheus counts requests, latency, database queries and
cache hits. `metrics` answers only scrapes from the internal network that did
not come through nginx (nginx refuses /metrics from outside as well).
"""

from __future__ import annotations

import ipaddress
import time
from typing import Any

import structlog
from django.conf import settings
from django.dispatch import receiver
from django.http import Http404, HttpRequest, HttpResponse
from django_structlog import signals
from django_structlog.middlewares import RequestMiddleware

from apps.core.ratelimit import client_ip

REQUEST_ID_HEADER = "X-Request-ID"
_STARTED = "_quorum_log_started"


class RequestLogMiddleware(RequestMiddleware):
    """django-structlog's request log, timed from the moment it starts."""

    def prepare(self, request: HttpRequest) -> None:
        setattr(request, _STARTED, time.monotonic())
        super().prepare(request)


@receiver(signals.bind_extra_request_metadata, dispatch_uid="quorum-log-request")
def bind_request_fields(request: HttpRequest, **kwargs: Any) -> None:
    structlog.contextvars.bind_contextvars(
        method=request.method, path=request.path, ip=client_ip(request)
    )


@receiver(signals.bind_extra_request_finished_metadata, dispatch_uid="quorum-log-finished")
def add_status_and_duration(
    request: HttpRequest, response: HttpResponse, log_kwargs: dict[str, Any], **kwargs: Any
) -> None:
    started = getattr(request, _STARTED, None)
    log_kwargs["status"] = response.status_code
    if started is not None:
        log_kwargs["duration_ms"] = round((time.monotonic() - started) * 1000, 1)
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    if request_id:
        response[REQUEST_ID_HEADER] = request_id


def metrics_allowed(request: HttpRequest) -> bool:
    """A scrape from the internal network, straight to gunicorn.

    nginx sets X-Forwarded-For on everything it proxies: such a request came
    from outside, whatever REMOTE_ADDR (nginx's own address) says."""
    if "HTTP_X_FORWARDED_FOR" in request.META:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    # Production settings only (METRICS_ALLOWED_NETWORKS): elsewhere, nobody.
    networks = getattr(settings, "METRICS_ALLOWED_NETWORKS", ())
    return any(address in ipaddress.ip_network(network) for network in networks)


def metrics(request: HttpRequest) -> HttpResponse:
    """django-prometheus's exposition, or a 404 that reveals nothing."""
    if not metrics_allowed(request):
        raise Http404
    from django_prometheus.exports import ExportToDjangoView  # type: ignore[import-untyped]

    response = ExportToDjangoView(request)
    response["Cache-Control"] = "no-store"
    return response


def init_sentry(
    dsn: str,
    *,
    environment: str,
    release: str | None = None,
    traces_sample_rate: float = 0.0,
    transport: Any = None,
) -> None:
    """Send unhandled errors (requests and background tasks) to Sentry.

    No personal data leaves: no cookies, headers with credentials, bodies or
    member emails (`send_default_pii=False`, request bodies never sent); the
    event carries the request id of the JSON log line, so the two meet.
    Performance tracing stays off unless SENTRY_TRACES_SAMPLE_RATE asks."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    def tag_request_id(event: Any, hint: dict[str, Any]) -> Any:
        request_id = structlog.contextvars.get_contextvars().get("request_id")
        if request_id:
            event.setdefault("tags", {})["request_id"] = request_id
        return event

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        before_send=tag_request_id,
        transport=transport,
    )
