"""The pages: settings links, deleting the account behind a password check,
and what a departed member leaves behind (refused session and token, a
reserved username, "[deleted]" on their words)."""

import pytest
from allauth.account.adapter import get_adapter
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.api.services import token_create
from apps.privacy.models import Departure
from conftest import PASSWORD

from .conftest import personal_rows

pytestmark = pytest.mark.django_db


def _reauthenticate(client) -> None:
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def test_settings_page_links_to_your_data_and_deletion(client, member):
    client.force_login(member)
    page = client.get(reverse("profiles:settings")).content.decode()
    assert reverse("privacy:data") in page
    assert reverse("privacy:delete") in page
    assert reverse("privacy:export_request") in page
    assert client.get(reverse("privacy:data")).status_code == 200


def test_deletion_page_shows_the_choice(client, world):
    client.force_login(world.dora)
    response = client.get(reverse("privacy:delete"))
    assert response.status_code == 200
    assert 'name="content"' in response.content.decode()


def test_deletion_asks_for_the_password_then_resumes(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.dora)
    response = client.post(reverse("privacy:delete"), {"content": "remove", "confirm": "on"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(response.url, {"password": PASSWORD})

    assert done.status_code == 200
    assert "Your account was deleted" in done.content.decode()
    assert Departure.objects.get(user=world.dora).content_removed


def test_deletion_without_the_password_is_refused_and_changes_nothing(client, world):
    client.force_login(world.dora)
    before = personal_rows(world.dora)
    response = client.post(reverse("privacy:delete"), {"content": "keep", "confirm": "on"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    world.dora.refresh_from_db()
    assert world.dora.is_active and not Departure.objects.exists()
    assert personal_rows(world.dora) == before


def test_a_wrong_password_deletes_nothing(client, world):
    client.force_login(world.dora)
    response = client.post(reverse("privacy:delete"), {"content": "keep", "confirm": "on"})
    answer = client.post(response.url, {"password": "wrong"})
    assert answer.status_code == 200
    world.dora.refresh_from_db()
    assert world.dora.is_active and not Departure.objects.exists()


def test_deletion_needs_the_confirmation_box(client, world):
    client.force_login(world.dora)
    _reauthenticate(client)
    response = client.post(reverse("privacy:delete"), {"content": "keep"})
    assert response.status_code == 200
    assert "Tick the box" in response.content.decode()
    world.dora.refresh_from_db()
    assert world.dora.is_active


def test_deleting_the_account_logs_out_and_ends_session_and_token(
    client, world, django_capture_on_commit_callbacks
):
    _token, raw = token_create(user=world.dora, name="script")
    other = client.__class__()
    other.force_login(world.dora)  # a second device
    client.force_login(world.dora)
    _reauthenticate(client)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:delete"), {"content": "keep", "confirm": "on"})

    assert response.status_code == 200
    assert "Your account was deleted" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not [
        session
        for session in Session.objects.all()
        if session.get_decoded().get("_auth_user_id") == str(world.dora.pk)
    ]
    # The other device's session is gone; the page is a visitor's.
    settings_page = other.get(reverse("profiles:settings"))
    assert settings_page.status_code == 302
    api = client.get("/api/v1/me/", headers={"authorization": f"Bearer {raw}"})
    assert api.status_code == 401
    # The member cannot log in again.
    login = client.post(reverse("account_login"), {"login": "dora", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert login.status_code in (200, 302)


def test_remove_content_choice_reaches_the_service(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.dora)
    _reauthenticate(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy:delete"), {"content": "remove", "confirm": "on"})
    assert Departure.objects.get(user=world.dora).content_removed
    world.dora_post.refresh_from_db()
    assert world.dora_post.is_deleted


def test_the_username_stays_reserved(world, django_capture_on_commit_callbacks):
    from apps.privacy import services

    with django_capture_on_commit_callbacks(execute=True):
        services.account_delete(actor=world.dora, user=world.dora)
    for taken in ("dora", "DORA"):
        with pytest.raises(ValidationError):
            get_adapter().clean_username(taken)


def test_deleted_member_shows_as_deleted_on_their_old_comment(
    client, world, django_capture_on_commit_callbacks
):
    from apps.privacy import services

    # A visitor's page is cached with her name on it...
    assert "Dora D." in client.get(world.olivia_post.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.account_delete(actor=world.dora, user=world.dora)
    # ...and the deletion turns it over.
    page = client.get(world.olivia_post.get_absolute_url()).content.decode()
    assert "Lovely beans" in page
    assert "[deleted]" in page
    assert "Dora D." not in page
    assert client.get(reverse("profiles:detail", args=["dora"])).status_code == 404


def test_a_member_with_a_second_factor_confirms_with_a_code(
    client, world, django_capture_on_commit_callbacks
):
    import time

    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        generate_totp_secret,
        hotp_value,
    )

    secret = generate_totp_secret()
    TOTP.activate(world.dora, secret)
    client.force_login(world.dora)
    response = client.post(reverse("privacy:delete"), {"content": "keep", "confirm": "on"})
    assert response.status_code == 302
    world.dora.refresh_from_db()
    assert not world.dora.is_departed

    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    next_url = response.url.split("?", 1)[1]
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"{reverse('mfa_reauthenticate')}?{next_url}", {"code": code})
    assert "Your account was deleted" in done.content.decode()
    world.dora.refresh_from_db()
    assert world.dora.is_departed
    assert not Authenticator.objects.filter(user=world.dora).exists()


def test_staff_see_departures_and_exports_read_only(
    client, world, django_capture_on_commit_callbacks
):
    from apps.privacy import services
    from conftest import make_member

    with django_capture_on_commit_callbacks(execute=True):
        services.export_request(user=world.bob)
        services.account_delete(actor=world.dora, user=world.dora)
    client.force_login(make_member("stella", is_staff=True, is_superuser=True))
    departures = client.get("/admin/privacy/departure/")
    assert departures.status_code == 200 and "dora" in departures.content.decode()
    assert client.get("/admin/privacy/dataexport/").status_code == 200
    assert client.get("/admin/privacy/departure/add/").status_code == 403
    export = world.bob.data_exports.get()
    page = client.get(f"/admin/privacy/dataexport/{export.pk}/change/").content.decode()
    assert export.file_name not in page


def test_a_superuser_erases_an_account_from_the_admin_through_the_service(
    client, world, django_capture_on_commit_callbacks
):
    from conftest import make_member

    from .conftest import assert_counters_match_recount

    client.force_login(make_member("stella", is_staff=True, is_superuser=True))
    changelist = "/admin/accounts/user/"
    page = client.get(changelist).content.decode()
    assert 'value="erase_accounts"' in page
    assert 'value="delete_selected"' not in page  # no hard delete past the counters
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            changelist, {"action": "erase_accounts", "_selected_action": [world.dora.pk]}
        )
    assert response.status_code == 302
    world.dora.refresh_from_db()
    assert world.dora.is_departed and not world.dora.is_active
    assert_counters_match_recount()


def test_staff_who_are_not_superusers_cannot_erase_accounts(client, world):
    from conftest import make_member

    moderator = make_member("mo", is_staff=True)
    moderator.user_permissions.add(*Permission.objects.filter(codename__endswith="_user"))
    client.force_login(moderator)
    page = client.get("/admin/accounts/user/").content.decode()
    assert 'value="erase_accounts"' not in page
    response = client.post(
        "/admin/accounts/user/", {"action": "erase_accounts", "_selected_action": [world.dora.pk]}
    )
    world.dora.refresh_from_db()
    assert not world.dora.is_departed
    assert response.status_code in (200, 302)
