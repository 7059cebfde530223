"""Two-factor authentication (allauth.mfa): the authenticator app with its
recovery codes, security keys and passkeys, and the staff rule."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from conftest import PASSWORD, make_member

from .security_helpers import (
    SoftAuthenticator,
    json_script,
    reauthenticate,
    sign_in,
    sign_in_fresh,
    totp_code,
    totp_secret_of,
)

pytestmark = pytest.mark.django_db

INCORRECT = "Incorrect code."


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def totp_member(member):
    secret = generate_totp_secret()
    TOTP.activate(member, secret)
    RecoveryCodes.activate(member)
    member.totp_secret = secret
    return member


# --- Authenticator app ----------------------------------------------------------------


def test_member_sets_up_an_authenticator_app_and_gets_recovery_codes(client, member):
    sign_in_fresh(client, "marta")
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = totp_secret_of(page.content.decode())
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()  # the QR code

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    kinds = set(Authenticator.objects.filter(user=member).values_list("type", flat=True))
    assert kinds == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    codes_page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert 'data-testid="recovery-codes"' in codes_page
    index = client.get(reverse("mfa_index")).content.decode()
    assert "Turn off the authenticator app" in index


def test_a_wrong_code_does_not_turn_the_app_on(client, member):
    sign_in_fresh(client, "marta")
    secret = totp_secret_of(client.get(reverse("mfa_activate_totp")).content.decode())
    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("mfa_activate_totp"), {"code": wrong})

    assert response.status_code == 200
    assert INCORRECT in response.content.decode()
    assert not Authenticator.objects.filter(user=member).exists()


def test_sign_in_asks_for_the_code_after_the_password(client, totp_member):
    response = sign_in(client, "marta")

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)

    response = client.post(
        reverse("mfa_authenticate"), {"code": totp_code(totp_member.totp_secret)}
    )

    assert response.status_code == 302
    assert signed_in(client)


def test_a_wrong_code_is_refused_with_a_message(client, totp_member):
    sign_in(client, "marta")

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})

    assert response.status_code == 200
    page = response.content.decode()
    assert INCORRECT in page
    assert 'role="alert"' in page or 'class="error"' in page
    assert not signed_in(client)


def test_the_wrong_code_message_is_translated(client, totp_member):
    client.cookies["quorum_language"] = "fr"
    sign_in(client, "marta")

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})

    assert response.status_code == 200
    assert INCORRECT not in response.content.decode()
    assert "Code incorrect" in response.content.decode()


def test_a_code_already_used_is_refused(client, totp_member):
    code = totp_code(totp_member.totp_secret)
    sign_in(client, "marta")
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert signed_in(client)
    client.post(reverse("account_logout"))

    sign_in(client, "marta")
    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert INCORRECT in response.content.decode()
    assert not signed_in(client)


def test_a_recovery_code_signs_in_once(client, totp_member):
    rc = Authenticator.objects.get(user=totp_member, type=Authenticator.Type.RECOVERY_CODES)
    code = rc.wrap().get_unused_codes()[0]

    sign_in(client, "marta")
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert signed_in(client)
    rc.refresh_from_db()
    assert code not in rc.wrap().get_unused_codes()
    client.post(reverse("account_logout"))

    sign_in(client, "marta")
    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert INCORRECT in response.content.decode()
    assert not signed_in(client)


def test_the_two_factor_page_needs_a_signed_in_member(client):
    response = client.get(reverse("mfa_index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_settings_page_links_to_two_factor_and_sessions(member_client):
    page = member_client.get(reverse("profiles:settings")).content.decode()

    assert reverse("mfa_index") in page
    assert reverse("usersessions_list") in page


# --- Security keys and passkeys (WebAuthn) -------------------------------------------------


def add_security_key(client, key: SoftAuthenticator, *, passwordless: bool = False, name="Key"):
    page = client.get(reverse("mfa_add_webauthn")).content.decode()
    options = json_script(page, "js_data")["creation_options"]
    credential = key.register(options, resident=passwordless)
    import json

    data = {"name": name, "credential": json.dumps(credential)}
    if passwordless:
        data["passwordless"] = "on"
    return client.post(reverse("mfa_add_webauthn"), data)


def test_member_adds_a_security_key(client, member):
    sign_in_fresh(client, "marta")
    key = SoftAuthenticator()

    response = add_security_key(client, key, name="Blue key")

    assert response.status_code == 302
    added = Authenticator.objects.get(user=member, type=Authenticator.Type.WEBAUTHN)
    assert added.wrap().name == "Blue key"
    assert Authenticator.objects.filter(
        user=member, type=Authenticator.Type.RECOVERY_CODES
    ).exists()
    listing = client.get(reverse("mfa_list_webauthn")).content.decode()
    assert "Blue key" in listing


def test_a_forged_registration_is_refused(client, member):
    sign_in_fresh(client, "marta")
    page = client.get(reverse("mfa_add_webauthn")).content.decode()
    options = json_script(page, "js_data")["creation_options"]
    options["publicKey"]["challenge"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    import json

    credential = SoftAuthenticator().register(options)
    response = client.post(
        reverse("mfa_add_webauthn"), {"name": "Forged", "credential": json.dumps(credential)}
    )

    assert response.status_code == 200
    assert INCORRECT in response.content.decode()
    assert not Authenticator.objects.filter(user=member).exists()


def test_a_key_name_over_the_limit_is_refused_and_nothing_saved(client, member):
    import json

    sign_in_fresh(client, "marta")
    page = client.get(reverse("mfa_add_webauthn")).content.decode()
    options = json_script(page, "js_data")["creation_options"]
    credential = SoftAuthenticator().register(options)

    response = client.post(
        reverse("mfa_add_webauthn"), {"name": "k" * 61, "credential": json.dumps(credential)}
    )

    assert response.status_code == 200
    assert "Ensure this value has at most 60 characters" in response.content.decode()
    assert not Authenticator.objects.filter(user=member).exists()


def test_a_security_key_is_a_second_factor_at_sign_in(client, member):
    import json

    sign_in_fresh(client, "marta")
    key = SoftAuthenticator()
    add_security_key(client, key)
    client.post(reverse("account_logout"))

    sign_in(client, "marta")
    page = client.get(reverse("mfa_authenticate")).content.decode()
    options = json_script(page, "js_data")["request_options"]
    response = client.post(
        reverse("mfa_authenticate"), {"credential": json.dumps(key.assert_(options))}
    )

    assert response.status_code == 302
    assert signed_in(client)


def test_a_passkey_signs_in_without_a_password(client, member):
    import json

    sign_in_fresh(client, "marta")
    key = SoftAuthenticator()
    add_security_key(client, key, passwordless=True)
    client.post(reverse("account_logout"))

    options = client.get(
        reverse("mfa_login_webauthn"), headers={"X-Requested-With": "XMLHttpRequest"}
    ).json()["request_options"]
    response = client.post(
        reverse("mfa_login_webauthn"), {"credential": json.dumps(key.assert_(options))}
    )

    assert response.status_code == 302
    assert signed_in(client)
    assert int(client.session["_auth_user_id"]) == member.pk


def test_another_key_cannot_sign_in_as_the_member(client, member):
    import json

    sign_in_fresh(client, "marta")
    key = SoftAuthenticator()
    add_security_key(client, key, passwordless=True)
    client.post(reverse("account_logout"))
    impostor = SoftAuthenticator()
    impostor.credential_id, impostor.user_handle = key.credential_id, key.user_handle

    options = client.get(
        reverse("mfa_login_webauthn"), headers={"X-Requested-With": "XMLHttpRequest"}
    ).json()["request_options"]
    client.post(
        reverse("mfa_login_webauthn"), {"credential": json.dumps(impostor.assert_(options))}
    )

    assert not signed_in(client)


def test_the_login_page_offers_passkey_sign_in(client):
    page = client.get(reverse("account_login")).content.decode()

    assert reverse("mfa_login_webauthn") in page


# --- Staff must use a second factor (QUORUM_STAFF_REQUIRE_MFA) -----------------------------------


@pytest.fixture
def require_staff_mfa(settings):
    settings.QUORUM_STAFF_REQUIRE_MFA = True


@pytest.mark.parametrize("path", ["/admin/", "/translate/", "/moderation/", "/", "/settings/"])
def test_staff_without_a_second_factor_are_sent_to_enrolment(
    client, staff_member, require_staff_mfa, path
):
    sign_in(client, "stella")

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_index"))


def test_staff_without_a_second_factor_are_told_why(client, staff_member, require_staff_mfa):
    sign_in(client, "stella")

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("mfa_index"))
    assert "Staff accounts must use two-factor authentication." in response.content.decode()


def test_staff_without_a_second_factor_get_a_403_from_the_api(
    client, staff_member, require_staff_mfa
):
    sign_in(client, "stella")

    response = client.get("/api/v1/communities/")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "mfa_required"


def test_staff_reach_the_admin_once_enrolled(client, staff_member, require_staff_mfa):
    sign_in_fresh(client, "stella")
    secret = totp_secret_of(client.get(reverse("mfa_activate_totp")).content.decode())
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert client.get("/admin/").status_code == 200


def test_staff_cannot_remove_their_last_second_factor(client, staff_member, require_staff_mfa):
    secret = generate_totp_secret()
    TOTP.activate(staff_member, secret)
    sign_in(client, "stella")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    reauthenticate(client)

    response = client.post(reverse("mfa_deactivate_totp"))

    assert response.status_code == 200
    assert "You cannot deactivate two-factor authentication." in response.content.decode()
    assert Authenticator.objects.filter(user=staff_member, type="totp").exists()


def test_members_are_not_asked_to_enrol(client, member, require_staff_mfa):
    sign_in(client, "marta")

    assert client.get("/settings/").status_code == 200


def test_staff_are_not_asked_when_the_setting_is_off(client, staff_member, settings):
    settings.QUORUM_STAFF_REQUIRE_MFA = False
    sign_in(client, "stella")

    assert client.get("/admin/").status_code == 200


def test_an_inactive_second_member_does_not_leak_into_the_rule(client, require_staff_mfa, db):
    """Another staff member's factor does not count for this one."""
    other = make_member("sven", is_staff=True)
    TOTP.activate(other, generate_totp_secret())
    make_member("stina", is_staff=True)
    client.post(reverse("account_login"), {"login": "stina", "password": PASSWORD})

    assert client.get("/admin/").status_code == 302
