"""Each registration mode, as an applicant meets it on the signup page."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.accounts.models import User
from apps.registration.models import Application, InviteUse, SiteRegistration

from .conftest import make_invite, sign_up

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


# --- open -----------------------------------------------------------------------------------


def test_open_mode_signs_up_as_before(client, mode):
    mode("open")
    response = sign_up(client)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(username="newbie")
    assert user.is_active
    assert not Application.objects.exists()
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_signup_page_shows_the_form_with_the_bot_checks(client, mode):
    mode("open")
    page = text(client.get(reverse("account_signup")))
    assert 'name="username"' in page
    assert 'name="started"' in page
    assert 'aria-hidden="true"' in page and 'name="homepage"' in page
    assert 'tabindex="-1"' in page


# --- closed ---------------------------------------------------------------------------------


def test_closed_mode_explains_without_a_form(client, mode):
    mode("closed")
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert "not taking new members" in text(response)
    assert 'name="username"' not in text(response)


def test_closed_mode_refuses_a_posted_signup(client, mode):
    mode("closed")
    response = sign_up(client)
    assert response.status_code == 200
    assert "not taking new members" in text(response)
    assert not User.objects.filter(username="newbie").exists()


def test_closed_page_is_translated(client, mode):
    mode("closed")
    response = client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="es")
    assert '<html lang="es"' in text(response)


def test_staff_option_overrides_the_setting(client, mode):
    mode("open")
    SiteRegistration.objects.create(pk=1, mode="closed")
    assert "not taking new members" in text(client.get(reverse("account_signup")))
    SiteRegistration.objects.filter(pk=1).update(mode="")
    assert 'name="username"' in text(client.get(reverse("account_signup")))


# --- domains --------------------------------------------------------------------------------


def test_domain_mode_accepts_an_allowed_domain_and_its_subdomains(client, mode):
    mode("domains", QUORUM_REGISTRATION_DOMAINS="example.org, @Uni.edu")
    assert sign_up(client).status_code == 302
    client.logout()
    response = sign_up(client, username="student", email="kim@cs.uni.edu")
    assert response.status_code == 302
    assert User.objects.filter(username__in=["newbie", "student"]).count() == 2


def test_domain_mode_refuses_another_domain_with_a_clear_message(client, mode):
    mode("domains", QUORUM_REGISTRATION_DOMAINS="example.org")
    response = sign_up(client, email="newbie@elsewhere.net")
    assert response.status_code == 200
    assert "Only addresses at example.org can join" in " ".join(
        response.context["form"].errors["email"]
    )
    assert "Only email addresses at example.org" in text(response)
    assert not User.objects.filter(username="newbie").exists()


def test_domain_mode_refuses_a_lookalike_domain(client, mode):
    mode("domains", QUORUM_REGISTRATION_DOMAINS="example.org")
    response = sign_up(client, email="newbie@evilexample.org")
    assert "email" in response.context["form"].errors
    assert not User.objects.filter(username="newbie").exists()


# --- approval -------------------------------------------------------------------------------


def test_approval_mode_asks_the_question(client, mode):
    mode("approval", QUORUM_REGISTRATION_QUESTION="Which plants do you grow?")
    page = text(client.get(reverse("account_signup")))
    assert "Which plants do you grow?" in page
    assert 'name="answer"' in page


def test_approval_mode_default_question_goes_through_gettext(client, mode, monkeypatch):
    from apps.registration import modes

    mode("approval", QUORUM_REGISTRATION_QUESTION="")
    assert "Why would you like to join" in text(client.get(reverse("account_signup")))
    monkeypatch.setattr(modes, "_", lambda message: f"[translated] {message}")
    assert "[translated] Why would you like to join" in text(client.get(reverse("account_signup")))


def test_applicant_is_filed_and_cannot_sign_in_until_approved(client, mode):
    mode("approval")
    response = sign_up(client, answer="I grow tomatoes.")
    assert response.status_code == 200
    assert "your application was received" in text(response)
    user = User.objects.get(username="newbie")
    assert not user.is_active
    assert Application.objects.get(user=user).answer == "I grow tomatoes."
    assert "_auth_user_id" not in client.session

    response = client.post(
        reverse("account_login"),
        {"login": "newbie", "password": "a-long-and-unusual-passphrase"},
        follow=True,
    )
    assert "_auth_user_id" not in client.session
    assert "Until then you cannot sign in" in text(response)


def test_applicant_without_an_answer_is_asked_for_one(client, mode):
    mode("approval")
    response = sign_up(client, answer="   ")
    assert response.status_code == 200
    assert "answer" in response.context["form"].errors
    assert not User.objects.filter(username="newbie").exists()


def test_answer_over_the_size_limit_is_refused_and_nothing_saved(client, mode):
    mode("approval", QUORUM_REGISTRATION_ANSWER_MAX_LENGTH=50)
    response = sign_up(client, answer="x" * 51)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["answer"])
    assert "50 characters at most (it has 51)" in errors
    assert not User.objects.filter(username="newbie").exists()
    assert not Application.objects.exists()


def test_refused_applicant_is_told_when_signing_in(client, mode, decider):
    from apps.registration import services

    mode("approval")
    sign_up(client, answer="Hello")
    services.application_refuse(
        actor=decider, application=Application.objects.get(user__username="newbie")
    )
    response = client.post(
        reverse("account_login"),
        {"login": "newbie", "password": "a-long-and-unusual-passphrase"},
        follow=True,
    )
    assert "_auth_user_id" not in client.session
    assert "was not accepted" in text(response)


def test_approved_applicant_can_sign_in_after_confirming_the_address(client, mode, decider):
    from allauth.account.models import EmailAddress

    from apps.registration import services

    mode("approval")
    sign_up(client, answer="Hello")
    services.application_approve(
        actor=decider, application=Application.objects.get(user__username="newbie")
    )
    EmailAddress.objects.filter(email="newbie@example.org").update(verified=True)
    client.post(
        reverse("account_login"),
        {"login": "newbie", "password": "a-long-and-unusual-passphrase"},
    )
    assert client.session["_auth_user_id"] == str(User.objects.get(username="newbie").pk)


# --- invite ---------------------------------------------------------------------------------


def test_invite_mode_needs_an_invite(client, mode):
    mode("invite")
    page = text(client.get(reverse("account_signup")))
    assert 'name="invite"' in page
    response = sign_up(client)
    assert "invite" in response.context["form"].errors
    assert not User.objects.filter(username="newbie").exists()


def test_invite_link_fills_the_code_and_the_signup_uses_it(client, mode, inviter):
    mode("invite")
    invite = make_invite(inviter, max_uses=2)
    response = client.get(reverse("registration:join", args=[invite.token]))
    assert response.status_code == 302
    page = text(client.get(response.url))
    assert f'value="{invite.token}"' in page
    assert sign_up(client, invite=invite.token).status_code == 302
    user = User.objects.get(username="newbie")
    assert InviteUse.objects.get(user=user).invite == invite
    invite.refresh_from_db()
    assert invite.use_count == 1


def test_pasting_the_whole_link_works_too(client, mode, inviter):
    mode("invite")
    invite = make_invite(inviter)
    link = "https://quorum.example" + reverse("registration:join", args=[invite.token])
    assert sign_up(client, invite=link).status_code == 302
    assert InviteUse.objects.filter(invite=invite).count() == 1


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("forged", "not valid"),
        ("expired", "has expired"),
        ("used_up", "as many times as it allows"),
        ("revoked", "withdrawn"),
    ],
)
def test_unusable_invite_is_refused_with_its_reason(client, mode, inviter, state, message):
    from datetime import timedelta

    from django.utils import timezone

    mode("invite")
    fields = {
        "forged": {},
        "expired": {"expires_at": timezone.now() - timedelta(minutes=1)},
        "used_up": {"max_uses": 1, "use_count": 1},
        "revoked": {"revoked_at": timezone.now()},
    }[state]
    invite = make_invite(inviter, **fields)
    token = "forged-token-xyz" if state == "forged" else invite.token
    response = sign_up(client, invite=token)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["invite"])
    assert not User.objects.filter(username="newbie").exists()

    landing = client.get(reverse("registration:join", args=[token]))
    assert landing.status_code == (404 if state == "forged" else 410)
    assert message in text(landing)


def test_last_use_taken_meanwhile_refuses_and_writes_nothing(client, mode, inviter, monkeypatch):
    """The invite passed the form's check, then its last use went to someone
    else before the account was saved: the signup is refused, no account."""
    from apps.registration import policies

    mode("invite")
    invite = make_invite(inviter, max_uses=1)
    real = policies.invite_refusal
    calls = {"n": 0}

    def refusal_after_the_form(candidate, **kwargs):
        calls["n"] += 1
        if calls["n"] > 1:  # the service's check, after the form's
            type(candidate).objects.filter(pk=candidate.pk).update(use_count=1)
            candidate.use_count = 1
        return real(candidate, **kwargs)

    monkeypatch.setattr(policies, "invite_refusal", refusal_after_the_form)
    response = sign_up(client, invite=invite.token)
    assert response.status_code == 200
    assert "as many times as it allows" in text(response)
    assert not User.objects.filter(username="newbie").exists()
    assert not InviteUse.objects.exists()


# --- the operator's settings ----------------------------------------------------------------


def test_check_reports_an_unknown_mode(settings):
    from apps.registration.checks import registration_settings

    settings.QUORUM_REGISTRATION_MODE = "sometimes"
    assert [error.id for error in registration_settings(None)] == ["registration.E001"]


def test_check_reports_the_domain_mode_without_domains(settings):
    from apps.registration.checks import registration_settings

    settings.QUORUM_REGISTRATION_MODE = "domains"
    settings.QUORUM_REGISTRATION_DOMAINS = " , "
    assert [error.id for error in registration_settings(None)] == ["registration.E002"]
    settings.QUORUM_REGISTRATION_DOMAINS = "example.org"
    assert registration_settings(None) == []


def test_staff_option_in_domain_mode_needs_a_domain(settings):
    from django.core.exceptions import ValidationError

    settings.QUORUM_REGISTRATION_DOMAINS = ""
    option = SiteRegistration(pk=1, mode="domains", domains="")
    with pytest.raises(ValidationError) as caught:
        option.full_clean()
    assert "domains" in caught.value.message_dict
    SiteRegistration(pk=1, mode="domains", domains="example.org").full_clean()


def test_staff_edit_the_registration_option_in_the_admin(client, mode):
    from conftest import make_member

    mode("open")
    root = make_member("root", is_staff=True, is_superuser=True)
    client.force_login(root)
    response = client.post(
        reverse("admin:registration_siteregistration_add"),
        {"mode": "approval", "domains": "", "question": "Which plants?"},
    )
    assert response.status_code == 302
    client.logout()
    page = text(client.get(reverse("account_signup")))
    assert "Which plants?" in page and 'name="answer"' in page
