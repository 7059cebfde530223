"""Personal access tokens: the settings page, the hash at rest, using,
revoking, expiry, scopes and last_used."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.api import services
from apps.api.models import AccessToken
from apps.api.selectors import hash_token
from apps.posts.models import Post

from .conftest import bearer, error_of, make_token

pytestmark = pytest.mark.django_db


def test_the_tokens_page_needs_login(client):
    response = client.get("/settings/tokens/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_create_a_token_in_settings_shows_it_once_and_stores_its_hash(member_client, member):
    response = member_client.post(
        "/settings/tokens/", {"name": "feed reader", "scopes": "read write", "expiry": "30"}
    )
    assert response.status_code == 200
    raw = response.context["new_token"]["raw"]
    assert raw.startswith("qrm_") and raw.encode() in response.content
    assert "no-store" in response["Cache-Control"]
    token = AccessToken.objects.get(user=member)
    assert token.token_hash == hash_token(raw) and raw not in token.token_hash
    assert token.prefix == raw[:12] and token.scope_list == ["read", "write"]
    assert timedelta(days=29) < token.expires - timezone.now() <= timedelta(days=30)
    # Listed afterwards by name and prefix, never with the secret.
    page = member_client.get("/settings/tokens/")
    assert b"feed reader" in page.content and token.prefix.encode() in page.content
    assert raw.encode() not in page.content


def test_a_token_without_a_name_is_refused(member_client):
    response = member_client.post(
        "/settings/tokens/", {"name": "  ", "scopes": "read", "expiry": "never"}
    )
    assert response.status_code == 400
    assert not AccessToken.objects.exists()


def test_revoke_in_settings(member_client, member, api):
    raw = make_token(member)
    token = AccessToken.objects.get()
    response = member_client.post(f"/settings/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.is_revoked
    api.credentials(**bearer(raw))
    response = api.get("/api/v1/me/")
    assert response.status_code == 401
    assert error_of(response)["code"] == "token_revoked"


def test_nobody_revokes_the_token_of_another_member(member_client, other_member):
    make_token(other_member)
    token = AccessToken.objects.get()
    assert member_client.post(f"/settings/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert not token.is_revoked


def test_a_token_authenticates_and_records_its_use_at_most_once_a_minute(api, member):
    raw = make_token(member, scopes=["read"])
    api.credentials(**bearer(raw))
    assert api.get("/api/v1/me/").json()["username"] == "marta"
    first_use = AccessToken.objects.get().last_used
    assert first_use is not None
    api.get("/api/v1/me/")
    assert AccessToken.objects.get().last_used == first_use
    AccessToken.objects.update(last_used=timezone.now() - timedelta(minutes=2))
    api.get("/api/v1/me/")
    assert AccessToken.objects.get().last_used > first_use


@pytest.mark.parametrize(
    "header",
    [
        "Bearer qrm_00000000_notatoken",
        "Bearer",
        "Bearer a b",
        "Bearer something-else",
    ],
)
def test_a_bad_token_is_a_401(api, member, header):
    make_token(member)
    response = api.get("/api/v1/posts/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert error_of(response)["code"] == "token_invalid"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_token_with_the_right_prefix_and_a_wrong_secret_is_refused(api, member):
    raw = make_token(member)
    forged = raw[:-4] + ("AAAA" if not raw.endswith("AAAA") else "BBBB")
    response = api.get("/api/v1/me/", **bearer(forged))
    assert error_of(response)["code"] == "token_invalid"


def test_an_expired_token_is_refused(api, member):
    raw = make_token(member, expires=timezone.now() + timedelta(days=1))
    AccessToken.objects.update(expires=timezone.now() - timedelta(seconds=1))
    response = api.get("/api/v1/me/", **bearer(raw))
    assert response.status_code == 401
    assert error_of(response)["code"] == "token_expired"


def test_the_token_of_a_deactivated_member_is_refused(api, member):
    raw = make_token(member)
    member.is_active = False
    member.save()
    assert error_of(api.get("/api/v1/me/", **bearer(raw)))["code"] == "token_invalid"


def test_a_read_token_cannot_write(api, member, community):
    api.credentials(**bearer(make_token(member, scopes=["read"])))
    assert api.get("/api/v1/posts/").status_code == 200
    response = api.post("/api/v1/posts/", {"community": "gardening", "title": "No"}, format="json")
    assert response.status_code == 403
    assert error_of(response)["code"] == "insufficient_scope"
    assert not Post.objects.exists()


def test_a_write_only_token_cannot_read(api, member):
    api.credentials(**bearer(make_token(member, scopes=["write"])))
    response = api.get("/api/v1/me/")
    assert response.status_code == 403
    assert error_of(response)["code"] == "insufficient_scope"


def test_service_rules(member):
    with pytest.raises(Exception) as excinfo:
        services.token_create(user=member, name="x", scopes=["admin"])
    assert "scopes" in excinfo.value.message_dict
    with pytest.raises(Exception) as excinfo:
        services.token_create(user=member, name="x", expires=timezone.now() - timedelta(minutes=1))
    assert "expires" in excinfo.value.message_dict
    for index in range(services.MAX_ACTIVE_TOKENS):
        make_token(member, name=f"t{index}")
    with pytest.raises(Exception) as excinfo:
        services.token_create(user=member, name="one too many")
    assert excinfo.value.code == "token_limit"


def test_the_tokens_page_is_translated(member_client, settings):
    from apps.profiles.models import Profile

    Profile.objects.filter(user__username="marta").update(language="es")
    response = member_client.get("/settings/tokens/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert b'<html lang="es"' in response.content
