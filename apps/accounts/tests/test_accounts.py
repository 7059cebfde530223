import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from apps.accounts.models import User
from conftest import PASSWORD, make_member

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "newbie",
    "email": "newbie@example.org",
    "password1": "a-long-and-unusual-passphrase",
    "password2": "a-long-and-unusual-passphrase",
}


def verification_link(message) -> str:
    found = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert found, message.body
    return found.group(0)


def test_signup_creates_an_unverified_user_and_sends_verification(client):
    # The profile made at signup is tested with the profiles (apps/profiles/tests).
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(username="newbie")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_cannot_log_in_before_verifying_email(client):
    client.post(reverse("account_signup"), SIGNUP)
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "newbie", "password": SIGNUP["password1"]}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")


def test_verification_link_verifies_and_then_login_works(client):
    client.post(reverse("account_signup"), SIGNUP)
    link = verification_link(mail.outbox[0])
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200
    client.post("/" + path)
    assert EmailAddress.objects.get(email="newbie@example.org").verified
    response = client.post(
        reverse("account_login"), {"login": "newbie", "password": SIGNUP["password1"]}
    )
    assert client.session["_auth_user_id"] == str(User.objects.get(username="newbie").pk)


def test_tampered_verification_link_is_refused(client):
    client.post(reverse("account_signup"), SIGNUP)
    response = client.post("/accounts/confirm-email/not-a-real-key/")
    assert response.status_code == 404 or b"expired or is invalid" in response.content
    assert not EmailAddress.objects.get(email="newbie@example.org").verified


def test_username_differing_only_by_case_is_refused(client, member):
    data = {**SIGNUP, "username": member.username.upper()}
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert User.objects.filter(username__iexact=member.username).count() == 1


def test_database_refuses_case_variants_of_username_and_email(member):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(username=member.username.upper(), email="x@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(username="someone", email=member.email.upper())


@pytest.mark.parametrize("login_field", ["username", "email"])
def test_login_by_username_or_email(client, member, login_field):
    value = getattr(member, login_field).upper()
    client.post(reverse("account_login"), {"login": value, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(member.pk)


def test_wrong_password_does_not_say_whether_the_account_exists(client, member):
    known = client.post(reverse("account_login"), {"login": member.username, "password": "nope"})
    unknown = client.post(reverse("account_login"), {"login": "ghost-user", "password": "nope"})
    assert known.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()


def test_password_reset_answers_the_same_for_unknown_emails(client, member):
    known = client.post(reverse("account_reset_password"), {"email": member.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "ghost@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url


def test_signup_with_a_taken_email_does_not_reveal_it(client, member):
    response = client.post(reverse("account_signup"), {**SIGNUP, "email": member.email})
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not User.objects.filter(username="newbie").exists()


def test_login_next_pointing_off_site_stays_on_site(client, member):
    response = client.post(
        reverse("account_login") + "?next=https://evil.example/steal",
        {"login": member.username, "password": PASSWORD, "next": "https://evil.example/steal"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response.url


def test_logout_needs_a_post(member_client):
    member_client.get(reverse("account_logout"))
    assert "_auth_user_id" in member_client.session
    member_client.post(reverse("account_logout"))
    assert "_auth_user_id" not in member_client.session


def test_failed_logins_are_rate_limited(client, member):
    for _ in range(6):
        client.post(reverse("account_login"), {"login": member.username, "password": "x"})
    # Even the right password is refused until the window passes.
    response = client.post(
        reverse("account_login"), {"login": member.username, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in str(response.context["form"].non_field_errors())


def test_rate_limits_count_the_forwarded_client_behind_one_proxy(client, member, settings):
    """Behind nginx, one attacker must not lock out everyone else."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for _ in range(12):
        client.post(
            reverse("account_login"),
            {"login": "ghost", "password": "x"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    response = client.post(
        reverse("account_login"),
        {"login": member.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_cross_site_post_without_csrf_token_is_refused(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(reverse("profiles:settings"), {"display_name": "Hacked"})
    assert response.status_code == 403
    assert b"expired" in response.content
    member.profile.refresh_from_db()
    assert member.profile.display_name == ""


def test_allauth_pages_use_the_site_layout(client):
    response = client.get(reverse("account_login"))
    assert b'class="site-header"' in response.content
    assert b"<main" in response.content


def test_mail_is_sent_through_the_task_backend(client):
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    # allauth mails unknown addresses to say there is no account; it went via our task.
    assert len(mail.outbox) == 1


def test_make_member_helper_verifies_email():
    user = make_member("helper")
    assert EmailAddress.objects.get(user=user).verified


def test_admin_is_branded_and_lists_users_and_profiles(client, staff_member):
    staff_member.is_superuser = True
    staff_member.save()
    client.force_login(staff_member)
    index = client.get("/admin/")
    assert b"Quorum administration" in index.content
    assert client.get("/admin/accounts/user/?q=stella").status_code == 200
    assert client.get("/admin/profiles/profile/?q=stella").status_code == 200
    assert client.get(f"/admin/accounts/user/{staff_member.pk}/change/").status_code == 200


def test_member_changes_password(member_client, member):
    response = member_client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "an-even-longer-passphrase",
            "password2": "an-even-longer-passphrase",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("an-even-longer-passphrase")


def test_member_changes_email_after_verifying_the_new_one(member_client, member):
    response = member_client.post(
        reverse("account_email"), {"action_add": "", "email": "marta.new@example.org"}
    )
    assert response.status_code == 302
    new = EmailAddress.objects.get(email="marta.new@example.org")
    assert not new.verified
    link = verification_link(mail.outbox[-1])
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    member_client.post(path)
    new.refresh_from_db()
    assert new.verified
    member.refresh_from_db()
    assert member.email == "marta.new@example.org"
