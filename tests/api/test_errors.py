"""One envelope for every failure: {"error": {"code", "message", "details"}},
with stable codes, translated messages and no traceback."""

import pytest
from django.db import IntegrityError
from django.test import RequestFactory
from rest_framework.test import APIClient

from apps.api import errors
from apps.api.errors import ERROR_CODES
from apps.communities.models import Ban
from apps.posts.models import Post

from .conftest import bearer, error_of, make_token

pytestmark = pytest.mark.django_db


def assert_error(response, status: int, code: str) -> dict:
    if not hasattr(response, "json"):  # a plain Django response, not the test client's
        response.json = lambda: __import__("json").loads(response.content)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error = error_of(response)
    assert error["code"] == code
    assert error["code"] in ERROR_CODES and ERROR_CODES[error["code"]] == status
    assert "Traceback" not in response.content.decode()
    return error


def test_400_validation_error_from_a_serializer(member_api, community):
    response = member_api.post("/api/v1/posts/", {"title": "x"}, format="json")
    error = assert_error(response, 400, "validation_error")
    assert error["details"]["community"] == [
        {"code": "required", "message": "This field is required."}
    ]


def test_400_validation_error_from_a_service(member_api, community):
    response = member_api.post(
        "/api/v1/posts/", {"community": "gardening", "title": "x" * 400}, format="json"
    )
    error = assert_error(response, 400, "validation_error")
    assert error["details"]["title"][0]["code"] == "long"
    assert "at most 300 characters" in error["details"]["title"][0]["message"]


def test_400_parse_error(member_api, community):
    response = member_api.generic(
        "POST", "/api/v1/posts/", '{"community": ', content_type="application/json"
    )
    assert_error(response, 400, "parse_error")


def test_400_when_the_body_is_not_an_object(member_api, community):
    response = member_api.post("/api/v1/posts/", [1, 2], format="json")
    error = assert_error(response, 400, "validation_error")
    assert "non_field_errors" in error["details"]


def test_401_not_authenticated_has_a_challenge(api, community):
    response = api.post("/api/v1/communities/gardening/join/")
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize(
    ("code", "setup"),
    [
        ("token_invalid", lambda user: "qrm_deadbeef_nope"),
        ("token_revoked", "revoked"),
        ("token_expired", "expired"),
    ],
)
def test_401_token_failures(api, member, code, setup):
    from datetime import timedelta

    from django.utils import timezone

    from apps.api.models import AccessToken

    if callable(setup):
        raw = setup(member)
    else:
        raw = make_token(member)
        field = {"revoked": "revoked_at", "expired": "expires"}[setup]
        AccessToken.objects.update(**{field: timezone.now() - timedelta(minutes=1)})
    assert_error(api.get("/api/v1/posts/", **bearer(raw)), 401, code)


def test_403_permission_denied_from_a_service(api, banned_member, community):
    api.credentials(**bearer(make_token(banned_member)))
    response = api.post("/api/v1/posts/", {"community": "gardening", "title": "Hi"}, format="json")
    error = assert_error(response, 403, "permission_denied")
    assert error["message"] == "You are banned from this community."
    assert Ban.objects.exists() and not Post.objects.exists()


def test_403_csrf_failed_for_a_session_write_without_the_token(member, community):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post("/api/v1/communities/gardening/join/")
    assert_error(response, 403, "csrf_failed")
    # With the CSRF token, the same request passes.
    client.get("/settings/tokens/")
    csrf = client.cookies["csrftoken"].value
    response = client.post("/api/v1/communities/gardening/join/", HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 200


def test_404_for_a_missing_object(api):
    assert_error(api.get("/api/v1/posts/987654/"), 404, "not_found")
    assert_error(api.get("/api/v1/profiles/nobody-here/"), 404, "not_found")


def test_404_for_an_unknown_api_url_is_json_too(api, client):
    error = assert_error(api.get("/api/v1/no-such-endpoint/"), 404, "not_found")
    assert "/api/v1/docs/" in error["message"]
    assert_error(api.get("/api/v2/posts/"), 404, "not_found")
    # Outside /api/ the site's HTML page stays.
    page = client.get("/no-such-page/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")


def test_405_method_not_allowed_lists_the_allowed_ones(member_api, post):
    response = member_api.put(f"/api/v1/posts/{post.pk}/", {}, format="json")
    assert_error(response, 405, "method_not_allowed")
    assert "PATCH" in response["Allow"]


def test_406_not_acceptable(api):
    response = api.get("/api/v1/posts/", HTTP_ACCEPT="application/xml")
    assert_error(response, 406, "not_acceptable")


def test_409_conflict_for_an_integrity_error(member_api, other_member, monkeypatch):
    from apps.profiles import services

    def clash(**kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(services, "follow_create", clash)
    response = member_api.post("/api/v1/profiles/omar/follow/")
    error = assert_error(response, 409, "conflict")
    assert "duplicate key" not in error["message"]


def test_415_unsupported_media_type(member_api, community):
    response = member_api.post(
        "/api/v1/posts/",
        "community=gardening&title=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert_error(response, 415, "unsupported_media_type")


def test_429_for_a_service_rate_limit_keeps_the_envelope(member_api, post, monkeypatch):
    from apps.core.ratelimit import RateLimited
    from apps.posts import services

    def limited(**kwargs):
        raise RateLimited("vote", "member", retry_after=42)

    monkeypatch.setattr(services, "post_vote", limited)
    response = member_api.post(f"/api/v1/posts/{post.pk}/vote/", {"value": 1}, format="json")
    error = assert_error(response, 429, "throttled")
    assert error["message"].startswith("You are voting too often. Try again in ")
    assert error["details"] == {"retry_after": 42}
    assert response["Retry-After"] == "42"


def test_500_is_an_envelope_without_a_traceback(api, monkeypatch, caplog):
    from apps.tags.api import views

    def broken(slug):
        raise RuntimeError("secret internals: password=hunter2")

    monkeypatch.setattr(views.selectors, "tag_by_slug", broken)
    response = api.get("/api/v1/tags/python/")
    error = assert_error(response, 500, "server_error")
    assert "hunter2" not in response.content.decode()
    assert error["details"] == {}
    assert "secret internals" in caplog.text  # logged for us, not sent to the client


def test_django_error_handlers_answer_api_paths_in_the_envelope():
    factory = RequestFactory()
    for handler, status, code in [
        (lambda r: errors.handler500(r), 500, "server_error"),
        (lambda r: errors.handler400(r, None), 400, "bad_request"),
        (lambda r: errors.handler404(r, None), 404, "not_found"),
    ]:
        response = handler(factory.get("/api/v1/anything/"))
        assert response.status_code == status
        assert_error(response, status, code)
    html = errors.handler500(factory.get("/c/gardening/"))
    assert html.status_code == 500 and html["Content-Type"].startswith("text/html")


def test_messages_follow_accept_language(api):
    response = api.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="es")
    error = assert_error(response, 401, "not_authenticated")
    assert error["message"] == "Las credenciales de autenticación no se proveyeron."
    response = api.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")
    assert error_of(response)["message"] == "Authentication credentials were not provided."


def test_every_error_code_has_a_distinct_name_and_a_known_status():
    assert all(400 <= status <= 599 for status in ERROR_CODES.values())
    assert len(set(ERROR_CODES)) == len(ERROR_CODES)


def test_our_own_messages_are_translated_too(api):
    import polib
    from django.conf import settings

    english = "There is no API endpoint at this address: see /api/v1/docs/."
    catalogue = polib.pofile(str(settings.BASE_DIR / "locale/es/LC_MESSAGES/django.po"))
    spanish = catalogue.find(english).msgstr
    assert spanish and spanish != english
    response = api.get("/api/v1/no-such-endpoint/", HTTP_ACCEPT_LANGUAGE="es")
    assert error_of(response)["message"] == spanish
    assert response["Content-Language"] == "es"
