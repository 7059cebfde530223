"""The API answers what production throws at it in its envelope, never a 500:
an oversized body (413), too many form fields (400), and a database that is
restarting or out of connections (503 with Retry-After)."""

import json

import pytest
from django.core.exceptions import TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory
from rest_framework.test import APIClient
from rest_framework.views import APIView

from apps.api import errors
from apps.api.errors import ERROR_CODES
from apps.api.services import token_create
from apps.core.middleware import RETRY_AFTER_SECONDS
from conftest import make_member

pytestmark = pytest.mark.django_db

FOUR_MB = 4 * 1024 * 1024


@pytest.fixture
def member_api(db) -> APIClient:
    _token, raw = token_create(user=make_member("ines"), name="tests", scopes=("read", "write"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def envelope_of(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    error = json.loads(response.content)["error"]
    assert error["code"] == code
    assert ERROR_CODES[code] == status
    assert "Traceback" not in response.content.decode()
    return error


def test_a_4_mb_json_body_answers_413_in_the_envelope(member_api, settings):
    body = json.dumps({"community": "gardening", "title": "x", "body": "y" * FOUR_MB})
    response = member_api.generic("POST", "/api/v1/posts/", body, content_type="application/json")
    error = envelope_of(response, 413, "payload_too_large")
    assert error["details"] == {"limit_bytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
    assert "3 MB" in error["message"]


def test_a_body_just_under_the_limit_is_parsed(member_api, settings):
    padding = settings.DATA_UPLOAD_MAX_MEMORY_SIZE - 200
    body = json.dumps({"community": "no-such-community", "title": "x", "body": "y" * padding})
    response = member_api.generic("POST", "/api/v1/posts/", body, content_type="application/json")
    assert response.status_code == 400  # read and validated, not refused for its size


def test_an_oversized_body_refused_outside_drf_answers_413(settings):
    # RequestDataTooBig raised while a middleware read the body reaches handler400.
    from django.core.exceptions import RequestDataTooBig

    request = RequestFactory().post("/api/v1/posts/")
    response = errors.handler400(request, RequestDataTooBig("too big"))
    envelope_of(response, 413, "payload_too_large")
    html = errors.handler400(RequestFactory().post("/c/x/"), RequestDataTooBig("too big"))
    assert html.status_code == 400 and html["Content-Type"].startswith("text/html")


def test_too_many_fields_answers_400_in_the_envelope():
    response = errors.api_exception_handler(TooManyFieldsSent("too many"), {})
    assert response.status_code == 400
    assert response.data["error"]["code"] == "bad_request"


@pytest.mark.parametrize(
    "exc",
    [
        OperationalError("FATAL: sorry, too many clients already"),
        OperationalError("server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
    ],
)
def test_a_database_outage_in_an_api_view_answers_503(api_client_anon, monkeypatch, caplog, exc):
    def fail(self, request):
        raise exc

    monkeypatch.setattr(APIView, "check_permissions", fail)
    response = api_client_anon.get("/api/v1/communities/")
    error = envelope_of(response, 503, "unavailable")
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert error["details"] == {"retry_after": RETRY_AFTER_SECONDS}
    outage_logs = [r for r in caplog.records if "database unavailable" in r.getMessage()]
    assert len(outage_logs) == 1  # logged once, without a traceback per request
    assert outage_logs[0].exc_info is None


def test_a_database_outage_in_a_middleware_answers_503_on_api_paths():
    request = RequestFactory().get("/api/v1/communities/")
    try:
        raise OperationalError("the database system is shutting down")
    except OperationalError:
        response = errors.handler500(request)  # Django calls it inside its except block
    envelope_of(response, 503, "unavailable")
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)


def test_any_api_500_while_the_database_is_down_answers_503(monkeypatch):
    monkeypatch.setattr(errors, "database_is_down", lambda: True)
    response = errors.handler500(RequestFactory().get("/api/v1/me/"))
    envelope_of(response, 503, "unavailable")
    monkeypatch.setattr(errors, "database_is_down", lambda: False)
    response = errors.handler500(RequestFactory().get("/api/v1/me/"))
    envelope_of(response, 500, "server_error")


@pytest.fixture
def api_client_anon() -> APIClient:
    return APIClient()
