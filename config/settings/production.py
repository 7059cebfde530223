"""Production: everything strict; every secret from the environment."""

import os
from typing import Any

import structlog
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, INSTALLED_APPS, MIDDLEWARE, env_bool, env_int, env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a long random value in production.")

# TLS is terminated by nginx, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Preloading is a promise browsers keep for months, so the operator opts in
# (SECURE_HSTS_PRELOAD=1); until then check --deploy's reminder is noise.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ALLAUTH_TRUSTED_PROXY_COUNT", 1)
REST_FRAMEWORK["NUM_PROXIES"] = ALLAUTH_TRUSTED_PROXY_COUNT  # the API's throttles too
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND]
    }
}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# Staff sign in with a second factor (docs/operations.md).
QUORUM_STAFF_REQUIRE_MFA = env_bool("QUORUM_STAFF_REQUIRE_MFA", True)

# --- Logs: one JSON object per line on stdout (config/observability.py) ----------
# Every logger, Django's and ours included, goes through structlog's formatter,
# so a warning logged during a request carries that request's id, member and
# path. The request lines themselves (django_structlog: request_started at
# DEBUG, request_finished at INFO) have their own level, so LOG_LEVEL=WARNING
# keeps one line per request and silences the rest.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
_STRUCTLOG_CHAIN: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processors": [
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                structlog.processors.JSONRenderer(),
            ],
            "foreign_pre_chain": [
                *_STRUCTLOG_CHAIN,
                structlog.stdlib.PositionalArgumentsFormatter(),
                structlog.stdlib.ExtraAdder(),
            ],
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django_redis": {"level": "ERROR"},
        "django_structlog": {"level": os.environ.get("REQUEST_LOG_LEVEL", "INFO")},
    },
}
structlog.configure(
    processors=[
        structlog.stdlib.filter_by_level,
        *_STRUCTLOG_CHAIN,
        structlog.stdlib.PositionalArgumentsFormatter(),
        structlog.processors.StackInfoRenderer(),
        structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
    ],
    logger_factory=structlog.stdlib.LoggerFactory(),
    wrapper_class=structlog.stdlib.BoundLogger,
    cache_logger_on_first_use=True,
)
# nginx overwrites X-Request-ID with its own $request_id on every request, so
# trusting it is safe and ties nginx's access log to Django's line.
DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = True
# Our middleware logs the address the rate limits use (the trusted proxy hop).
DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False
DJANGO_STRUCTLOG_STATUS_START_LOG_LEVEL = 10  # logging.DEBUG: one line per request

# --- Metrics: django-prometheus, /metrics for the internal network only ---------
# Requests and latency (the two middlewares wrap every other one), database
# queries and connections (its database backends), cache hits and misses (its
# cache backends). config/urls_production.py serves /metrics; nginx refuses it,
# and config/observability.py answers 404 unless REMOTE_ADDR is in these
# networks and the request did not come through nginx (X-Forwarded-For).
METRICS_ALLOWED_NETWORKS = env_list(
    "METRICS_ALLOWED_NETWORKS", "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16"
)
INSTALLED_APPS = [*INSTALLED_APPS, "django_prometheus"]
MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "config.observability.RequestLogMiddleware",
    *MIDDLEWARE,
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]
ROOT_URLCONF = "config.urls_production"
_INSTRUMENTED_DATABASES = {
    "django.db.backends.postgresql": "django_prometheus.db.backends.postgresql",
    "django.db.backends.sqlite3": "django_prometheus.db.backends.sqlite3",
}
for _database in DATABASES.values():
    _engine = str(_database["ENGINE"])
    _database["ENGINE"] = _INSTRUMENTED_DATABASES.get(_engine, _engine)
_INSTRUMENTED_CACHES = {
    "django_redis.cache.RedisCache": "django_prometheus.cache.backends.redis.RedisCache",
    "django.core.cache.backends.locmem.LocMemCache": (
        "django_prometheus.cache.backends.locmem.LocMemCache"
    ),
}
for _cache in CACHES.values():
    _backend = str(_cache["BACKEND"])
    _cache["BACKEND"] = _INSTRUMENTED_CACHES.get(_backend, _backend)

# --- Errors to Sentry, only when SENTRY_DSN is set (config/observability.py) -----
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from config.observability import init_sentry

    init_sentry(
        SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
