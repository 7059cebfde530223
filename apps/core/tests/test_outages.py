"""A database outage answers the friendly 503 page, never a 500."""

import pytest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from apps.core import middleware
from apps.core.middleware import OutageMiddleware


def _raising(error):
    def view(request):
        raise error

    return view


@pytest.mark.parametrize(
    "error", [OperationalError("the database system is starting up"), InterfaceError("closed")]
)
def test_a_database_error_in_a_view_answers_503_with_retry_after(error):
    request = RequestFactory().get("/c/python/")
    outage = OutageMiddleware(_raising(error))
    # No LocaleMiddleware here: the page is in the thread's active language,
    # which an earlier test's request may have left in another one.
    with translation.override("en"):
        response = outage.process_exception(request, error)
    assert response.status_code == 503
    assert response["Retry-After"] == str(middleware.RETRY_AFTER_SECONDS)
    assert b"Please try again in a moment" in response.content


def test_other_view_errors_are_not_taken_for_an_outage():
    request = RequestFactory().get("/c/python/")
    assert OutageMiddleware(lambda r: None).process_exception(request, ValueError()) is None


def test_api_database_errors_are_left_to_the_api_envelope():
    request = RequestFactory().get("/api/v1/posts/")
    error = OperationalError("too many clients already")
    assert OutageMiddleware(lambda r: None).process_exception(request, error) is None


@pytest.mark.parametrize(("database_down", "expected"), [(True, 503), (False, 500)])
def test_a_500_becomes_503_only_when_the_database_is_unreachable(
    monkeypatch, database_down, expected
):
    monkeypatch.setattr(middleware, "cache_is_down", lambda: False)
    monkeypatch.setattr(middleware, "database_is_down", lambda: database_down)
    outage = OutageMiddleware(lambda request: HttpResponse(status=500))
    assert outage(RequestFactory().get("/")).status_code == expected


@pytest.mark.django_db
def test_the_database_probe_sees_a_working_database():
    assert middleware.database_is_down() is False


@pytest.mark.django_db
def test_the_database_probe_sees_a_refused_connection(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(middleware.connection, "cursor", refuse)
    assert middleware.database_is_down() is True
