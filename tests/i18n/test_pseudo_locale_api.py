"""Every error the API answers, in the pseudo-locale: its `message` and the
field messages in `details` went through gettext (⟦…⟧). One case per
stable code of apps/api/errors.py's ERROR_CODES (and the staff middleware's
`mfa_required`): a code added there without a case here fails.

Most cases are real requests; the few failures a test cannot provoke over
HTTP without breaking the server (a handler Django calls on a crash, a
body refused by a middleware) call the handler the same request would reach.
"""

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.db import IntegrityError, OperationalError
from django.test import RequestFactory
from django.utils import translation
from rest_framework import exceptions
from rest_framework.test import APIClient

from apps.api import errors
from apps.api.errors import ERROR_CODES
from apps.api.services import token_create
from conftest import make_member

from .site import Site, user_content
from .visible_text import unmarked_lines

pytestmark = pytest.mark.django_db

# Codes answered outside apps/api/errors.py (apps/accounts/middleware.py).
OTHER_CODES = {"mfa_required": 403}


def _client(user=None, scopes=("read", "write"), language: str = "eo") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        _token, raw = token_create(user=user, name="pseudo", scopes=scopes)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def _json(response) -> dict:
    import json

    return json.loads(response.content)


def _handler(exception: Callable[[], Exception]) -> dict:
    """What the API's exception handler answers for the exception a view
    raises (made in the request's language, as a view makes it)."""
    request = RequestFactory().get("/api/v1/posts/")
    with translation.override("eo"):
        response = errors.api_exception_handler(exception(), {"request": request})
        return response.data


def _validation_from_a_serializer(site: Site, settings, monkeypatch):
    return _client(site.alice).post("/api/v1/posts/", {"title": "x"}, format="json")


def _validation_from_a_service(site: Site, settings, monkeypatch):
    return _client(site.alice).post(
        "/api/v1/posts/", {"community": "gardening", "title": "x" * 400}, format="json"
    )


def _validation_of_a_whole_request(site: Site, settings, monkeypatch):
    return _client(site.alice).post("/api/v1/posts/", [1, 2], format="json")


def _validation_of_a_cursor(site: Site, settings, monkeypatch):
    return _client().get("/api/v1/posts/?cursor=not-a-cursor")


def _parse_error(site: Site, settings, monkeypatch):
    return _client(site.alice).generic(
        "POST", "/api/v1/posts/", '{"community": ', content_type="application/json"
    )


def _bad_request(site: Site, settings, monkeypatch):
    with translation.override("eo"):
        return errors.handler400(RequestFactory().get("/api/v1/posts/"), None)


def _not_authenticated(site: Site, settings, monkeypatch):
    return _client().post("/api/v1/communities/gardening/join/")


def _authentication_failed(site: Site, settings, monkeypatch):
    return _handler(exceptions.AuthenticationFailed)


def _token_invalid(site: Site, settings, monkeypatch):
    client = _client()
    client.credentials(HTTP_AUTHORIZATION="Bearer qrm_deadbeef_nope")
    return client.get("/api/v1/posts/")


def _token_state(field: str):
    def request(site: Site, settings, monkeypatch):
        from datetime import timedelta

        from django.utils import timezone

        from apps.api.models import AccessToken

        client = _client(site.alice)
        AccessToken.objects.update(**{field: timezone.now() - timedelta(minutes=1)})
        return client.get("/api/v1/posts/")

    return request


def _permission_denied(site: Site, settings, monkeypatch):
    from apps.communities.models import Ban

    Ban.objects.create(community=site.gardening, user=site.bruno, banned_by=site.alice)
    return _client(site.bruno).post(
        "/api/v1/posts/", {"community": "gardening", "title": "Hi"}, format="json"
    )


def _insufficient_scope(site: Site, settings, monkeypatch):
    return _client(site.alice, scopes=("read",)).post("/api/v1/communities/books/leave/")


def _csrf_failed(site: Site, settings, monkeypatch):
    client = APIClient(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="eo")
    client.force_login(site.carmen)
    return client.post("/api/v1/communities/gardening/leave/")


def _not_found(site: Site, settings, monkeypatch):
    return _client().get("/api/v1/posts/987654/")


def _no_such_endpoint(site: Site, settings, monkeypatch):
    return _client().get("/api/v1/no-such-endpoint/")


def _method_not_allowed(site: Site, settings, monkeypatch):
    return _client(site.alice).put(f"/api/v1/posts/{site.post.pk}/", {}, format="json")


def _not_acceptable(site: Site, settings, monkeypatch):
    return _client().get("/api/v1/posts/", HTTP_ACCEPT="application/xml")


def _conflict(site: Site, settings, monkeypatch):
    from apps.profiles import services

    def clash(**kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(services, "follow_create", clash)
    return _client(site.carmen).post("/api/v1/profiles/bruno/follow/")


def _payload_too_large(site: Site, settings, monkeypatch):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2**20
    body = '{"community": "gardening", "title": "' + "x" * 2**21 + '"}'
    return _client(site.alice).generic(
        "POST", "/api/v1/posts/", body, content_type="application/json"
    )


def _unsupported_media_type(site: Site, settings, monkeypatch):
    return _client(site.alice).post(
        "/api/v1/posts/",
        "community=gardening&title=x",
        content_type="application/x-www-form-urlencoded",
    )


def _throttled_by_a_service(site: Site, settings, monkeypatch):
    from apps.core.ratelimit import RateLimited
    from apps.posts import services

    def limited(**kwargs):
        raise RateLimited("vote", "member", retry_after=42)

    monkeypatch.setattr(services, "post_vote", limited)
    return _client(site.bruno).post(
        f"/api/v1/posts/{site.other_post.pk}/vote/", {"value": 1}, format="json"
    )


def _throttled_by_the_api(site: Site, settings, monkeypatch):
    rates = settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {})
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**rates, "anon": "1/min"},
    }
    client = _client()
    client.get("/api/v1/tags/")
    return client.get("/api/v1/tags/")


def _server_error(site: Site, settings, monkeypatch):
    from apps.tags.api import views

    def broken(slug):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views.selectors, "tag_by_slug", broken)
    return _client().get("/api/v1/tags/tomatoes/")


def _server_error_outside_a_view(site: Site, settings, monkeypatch):
    monkeypatch.setattr(errors, "database_is_down", lambda: False)
    with translation.override("eo"):
        return errors.handler500(RequestFactory().get("/api/v1/posts/"))


def _unavailable(site: Site, settings, monkeypatch):
    from apps.tags.api import views

    def down(slug):
        raise OperationalError("the database system is starting up")

    monkeypatch.setattr(views.selectors, "tag_by_slug", down)
    return _client().get("/api/v1/tags/tomatoes/")


def _mfa_required(site: Site, settings, monkeypatch):
    settings.QUORUM_STAFF_REQUIRE_MFA = True
    client = _client()
    client.force_login(make_member("stella", is_staff=True))
    return client.get("/api/v1/posts/")


# name -> (the code it answers, how to get it).
CASES: dict[str, tuple[str, Callable]] = {
    "validation-from-a-serializer": ("validation_error", _validation_from_a_serializer),
    "validation-from-a-service": ("validation_error", _validation_from_a_service),
    "validation-of-a-whole-request": ("validation_error", _validation_of_a_whole_request),
    "validation-of-a-cursor": ("validation_error", _validation_of_a_cursor),
    "parse-error": ("parse_error", _parse_error),
    "bad-request": ("bad_request", _bad_request),
    "not-authenticated": ("not_authenticated", _not_authenticated),
    "authentication-failed": ("authentication_failed", _authentication_failed),
    "token-invalid": ("token_invalid", _token_invalid),
    "token-expired": ("token_expired", _token_state("expires")),
    "token-revoked": ("token_revoked", _token_state("revoked_at")),
    "permission-denied": ("permission_denied", _permission_denied),
    "insufficient-scope": ("insufficient_scope", _insufficient_scope),
    "csrf-failed": ("csrf_failed", _csrf_failed),
    "not-found": ("not_found", _not_found),
    "no-such-endpoint": ("not_found", _no_such_endpoint),
    "method-not-allowed": ("method_not_allowed", _method_not_allowed),
    "not-acceptable": ("not_acceptable", _not_acceptable),
    "conflict": ("conflict", _conflict),
    "payload-too-large": ("payload_too_large", _payload_too_large),
    "unsupported-media-type": ("unsupported_media_type", _unsupported_media_type),
    "throttled-by-a-service": ("throttled", _throttled_by_a_service),
    "throttled-by-the-api": ("throttled", _throttled_by_the_api),
    "server-error": ("server_error", _server_error),
    "server-error-outside-a-view": ("server_error", _server_error_outside_a_view),
    "unavailable": ("unavailable", _unavailable),
    "mfa-required": ("mfa_required", _mfa_required),
}


def messages_of(error: dict) -> list[str]:
    """The envelope's message and every field message in its details."""
    found = [error["message"]]
    for value in error["details"].values():
        if isinstance(value, list):
            found += [item["message"] for item in value if isinstance(item, dict)]
    return found


def test_every_error_code_has_a_case():
    covered = {code for code, _request in CASES.values()}
    missing = (set(ERROR_CODES) | set(OTHER_CODES)) - covered
    assert not missing, f"API error codes with no pseudo-locale case: {sorted(missing)}"


@pytest.mark.parametrize("name", CASES)
def test_api_error_messages_are_marked_for_translation(
    site, pseudo_locale, settings, monkeypatch, name
):
    cache.clear()  # throttle counters of other tests
    code, request = CASES[name]
    answer = request(site, settings, monkeypatch)
    body = answer if isinstance(answer, dict) else _json(answer)
    if not isinstance(answer, dict):
        status = {**ERROR_CODES, **OTHER_CODES}[code]
        assert answer.status_code == status, (name, answer.status_code, body)
    error = body["error"]
    assert error["code"] == code, (name, error)
    problems = [
        line
        for message in messages_of(error)
        for line in unmarked_lines(message, allowed=user_content())
    ]
    assert not problems, f"{name}: API messages not marked for translation: {problems}"
    assert "⟦" in error["message"], (name, error["message"])
