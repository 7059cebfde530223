"""/admin/login/ is the site's login (allauth): the same rate limits, the
same second factor, and no login form of the admin's own."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from conftest import make_member

from .security_helpers import totp_code

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"
SITE_LOGIN = "/accounts/login/"
TOO_MANY = "Too many failed login attempts. Try again later."
MISMATCH = "The username and/or password you specified are not correct."


def bad_password_outcomes(client, url: str, username: str, times: int) -> list[str]:
    outcomes = []
    for _ in range(times):
        response = client.post(url, {"login": username, "password": "not-the-password"})
        assert response.status_code in {200, 429}
        text = response.content.decode()
        if response.status_code == 429:
            outcomes.append("429")
        elif TOO_MANY in text:
            outcomes.append("too many")
        elif MISMATCH in text:
            outcomes.append("mismatch")
        else:
            outcomes.append("other")
    return outcomes


def test_the_admin_sends_visitors_to_the_sites_login_form(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[0] == (f"{ADMIN_LOGIN}?next=/admin/", 302)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="login"' in page and 'name="password"' in page
    assert 'value="/admin/"' in page  # comes back to the admin after signing in


def test_admin_login_without_next_comes_back_to_the_admin(client):
    response = client.get(ADMIN_LOGIN)

    assert response.status_code == 302
    assert response["Location"] == f"{ADMIN_LOGIN}?next=%2Fadmin%2F"


def test_staff_sign_in_at_admin_login_and_reach_the_admin(client, staff_member):
    from conftest import PASSWORD

    response = client.post(f"{ADMIN_LOGIN}?next=/admin/", {"login": "stella", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_signed_in_staff_at_admin_login_go_straight_to_the_admin(client, staff_member):
    client.force_login(staff_member)

    response = client.get(ADMIN_LOGIN)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/")


def test_a_member_without_staff_access_is_told_so_instead_of_looping(client, member):
    client.force_login(member)

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert "Your account has no access to the administration." in response.content.decode()


def test_twelve_bad_passwords_at_admin_login_meet_the_sites_login_limit(client, staff_member):
    at_admin = bad_password_outcomes(client, ADMIN_LOGIN, "stella", 12)
    from conftest import clear_cache

    clear_cache()
    at_site = bad_password_outcomes(client, SITE_LOGIN, "stella", 12)

    # ACCOUNT_RATE_LIMITS["login_failed"]: 5 failures per account, then refused.
    assert at_admin == at_site
    assert at_admin == ["mismatch"] * 5 + ["too many"] * 7


def test_failures_at_either_door_count_against_the_same_limit(client, staff_member):
    from conftest import PASSWORD

    assert bad_password_outcomes(client, ADMIN_LOGIN, "stella", 3) == ["mismatch"] * 3
    assert bad_password_outcomes(client, SITE_LOGIN, "stella", 2) == ["mismatch"] * 2

    # Even the right password is refused now, at the admin's door too.
    response = client.post(ADMIN_LOGIN, {"login": "stella", "password": PASSWORD})
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_admin_login_asks_staff_for_their_second_factor(client, db):
    from conftest import PASSWORD

    staff = make_member("sigrid", is_staff=True)
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)

    response = client.post(f"{ADMIN_LOGIN}?next=/admin/", {"login": "sigrid", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302  # not signed in yet

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
