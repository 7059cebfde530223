"""Production logs one JSON line per request and serves Prometheus metrics to
the internal network only; local and test settings keep plain logs.

Production settings refuse to import without a real SECRET_KEY and configure
structlog globally, so they run in a subprocess (tests/test_deploy.py's way).
"""

import json
import re

import pytest
from django.conf import settings

from tests.test_deploy import ROOT, nginx_block, production_env, run_python

# A request through the test client under production settings: the log line on
# stderr (the console handler), the response headers and the metrics on stdout.
PROBE = """
import json, django
django.setup()
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

# No collected static files here: error pages link them by their plain names.
override_settings(STORAGES={
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
client = Client(HTTP_HOST="quorum.example")
answer = client.get("/jsi18n/", secure=True, HTTP_X_REQUEST_ID="req-from-nginx-42")
with connection.cursor() as cursor:
    cursor.execute("SELECT 1")
cache.get("probe")
scrape = client.get("/metrics", secure=True)
proxied = client.get("/metrics", secure=True, HTTP_X_FORWARDED_FOR="203.0.113.9")
outside = client.get("/metrics", secure=True, REMOTE_ADDR="203.0.113.9")
print(json.dumps({
    "status": answer.status_code,
    "echoed_request_id": answer.headers.get("X-Request-ID"),
    "metrics_status": scrape.status_code,
    "metrics": scrape.content.decode(),
    "proxied_status": proxied.status_code,
    "outside_status": outside.status_code,
}))
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("observability")
    result = run_python(["-c", PROBE], production_env(tmp_path, LOG_LEVEL="WARNING"))
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    return answer, lines


def request_line(lines: list[dict], request_id: str) -> dict:
    finished = [
        line
        for line in lines
        if line.get("event") == "request_finished" and line.get("request_id") == request_id
    ]
    assert len(finished) == 1, lines
    return finished[0]


def test_each_request_logs_one_json_line_with_its_fields(probe):
    answer, lines = probe
    line = request_line(lines, "req-from-nginx-42")
    assert line["method"] == "GET"
    assert line["path"] == "/jsi18n/"
    assert line["status"] == answer["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert "user_id" in line and line["user_id"] is None  # a visitor
    assert line["level"] == "info"
    assert re.match(r"\d{4}-\d\d-\d\dT", line["timestamp"])


def test_the_request_id_nginx_set_is_echoed_in_the_response(probe):
    answer, _lines = probe
    assert answer["echoed_request_id"] == "req-from-nginx-42"


def test_request_lines_survive_a_warning_log_level(probe):
    """LOG_LEVEL=WARNING silences Django's chatter but not the request lines,
    and only request_finished is logged (request_started is DEBUG)."""
    _answer, lines = probe
    assert not [line for line in lines if line.get("event") == "request_started"]


def test_metrics_cover_requests_database_and_cache(probe):
    answer, _lines = probe
    assert answer["metrics_status"] == 200
    metrics = answer["metrics"]
    assert "django_http_requests_total_by_method_total" in metrics
    assert "django_http_requests_latency_seconds_by_view_method" in metrics
    assert re.search(r'django_db_execute_total\{alias="default",vendor="sqlite"\} [1-9]', metrics)
    assert "django_cache_get_total" in metrics


def test_metrics_are_refused_through_the_proxy_and_from_outside(probe):
    answer, _lines = probe
    assert answer["proxied_status"] == 404
    assert answer["outside_status"] == 404


def test_nginx_never_serves_metrics():
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    directives = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    block = nginx_block(directives, "location ^~ /metrics")
    assert re.search(r"return\s+404;", block)
    assert "proxy_pass" not in block


def test_test_settings_keep_plain_logs_and_no_metrics():
    assert "formatters" not in settings.LOGGING
    assert "django_prometheus" not in settings.INSTALLED_APPS
    assert not any("structlog" in name for name in settings.MIDDLEWARE)


# --- Sentry -------------------------------------------------------------------------

SENTRY_PROBE = """
import json, django
django.setup()
import sentry_sdk, structlog
client = sentry_sdk.get_client()
sent = []
if client.transport:
    client.transport.capture_envelope = lambda envelope: sent.append(envelope)
structlog.contextvars.bind_contextvars(request_id="req-123")
sentry_sdk.capture_exception(ValueError("boom"))
event = sent[0].get_event() if sent else {}
print(json.dumps({
    "active": client.is_active(),
    "dsn": client.dsn,
    "pii": client.options["send_default_pii"],
    "integrations": sorted(client.integrations),
    "environment": client.options["environment"],
    "tag": (event.get("tags") or {}).get("request_id"),
}))
"""


def test_sentry_reports_errors_when_a_dsn_is_set_without_personal_data(tmp_path):
    dsn = "https://public@127.0.0.1:9/42"
    env = production_env(tmp_path, SENTRY_DSN=dsn, SENTRY_ENVIRONMENT="rehearsal")
    result = run_python(["-c", SENTRY_PROBE], env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["active"] and report["dsn"] == dsn
    assert report["pii"] is False
    assert "django" in report["integrations"]
    assert report["environment"] == "rehearsal"
    assert report["tag"] == "req-123"  # the JSON log line's request id, to meet it


def test_without_a_dsn_sentry_stays_off(tmp_path):
    result = run_python(["-c", SENTRY_PROBE], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["active"] is False
