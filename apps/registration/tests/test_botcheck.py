"""Bot protection of the signup form: the honeypot and the minimum fill time
always, the self-hosted proof of work when switched on."""

import time

import pytest
from django.core import mail
from django.urls import reverse

from apps.accounts.models import User
from apps.registration import botcheck

from .conftest import sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fill_time_on(settings):
    settings.QUORUM_SIGNUP_MIN_SECONDS = 3
    settings.QUORUM_REGISTRATION_MODE = "open"


def errors(response) -> str:
    return " ".join(response.context["form"].non_field_errors())


def test_person_who_took_their_time_signs_up(client):
    assert sign_up(client).status_code == 302
    assert User.objects.filter(username="newbie").exists()


def test_filled_honeypot_looks_like_success_but_creates_nothing(client):
    response = sign_up(client, homepage="https://spam.example")
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not User.objects.filter(username="newbie").exists()
    assert mail.outbox == []


def test_too_fast_submit_is_refused_with_a_message(client):
    response = sign_up(client, started=botcheck.start_token(time.time() - 1))
    assert response.status_code == 200
    assert "very quick" in errors(response)
    assert not User.objects.filter(username="newbie").exists()


def test_too_fast_form_keeps_its_start_so_sending_again_later_works(client):
    token = botcheck.start_token(time.time() - 1)
    response = sign_up(client, started=token)
    assert f'value="{token}"' in response.content.decode()


@pytest.mark.parametrize("started", ["", "forged", "eyJ0IjoxfQ:1abc:def"])
def test_missing_or_forged_start_time_is_refused_and_renewed(client, started):
    response = sign_up(client, started=started)
    assert response.status_code == 200
    assert "open for too long or was changed" in errors(response)
    assert not User.objects.filter(username="newbie").exists()
    renewed = response.context["form"].data["started"]
    assert botcheck.form_age(renewed) is not None


def test_day_old_form_is_refused(client):
    response = sign_up(client, started=botcheck.start_token(time.time() - 2 * 86400))
    assert "open for too long" in errors(response)


def test_fill_time_messages_go_through_gettext(client, monkeypatch):
    from apps.registration import forms

    monkeypatch.setattr(forms, "gettext", lambda message: f"[translated] {message}")
    response = sign_up(client, started=botcheck.start_token(time.time() - 1))
    assert "[translated] That was very quick" in errors(response)


# --- proof of work ----------------------------------------------------------------------------


@pytest.fixture
def pow_on(settings):
    settings.QUORUM_SIGNUP_POW = True
    settings.QUORUM_SIGNUP_POW_MAX_NUMBER = 500
    settings.QUORUM_SIGNUP_NOJS_SECONDS = 20


def test_proof_of_work_is_off_by_default(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert "data-pow-challenge" not in page
    assert "pow.js" not in page


def test_page_carries_a_signed_challenge_and_its_script(client, pow_on):
    page = client.get(reverse("account_signup")).content.decode()
    assert "data-pow-challenge" in page
    assert "joining/pow.js" in page
    assert 'role="status"' in page
    assert "<noscript>" in page and "20 seconds after the page opened" in page


def test_solved_challenge_signs_up(client, pow_on):
    proof = botcheck.solve(botcheck.create_challenge())
    assert sign_up(client, proof=proof).status_code == 302
    assert User.objects.filter(username="newbie").exists()


def test_a_solution_is_accepted_once(client, pow_on):
    proof = botcheck.solve(botcheck.create_challenge())
    assert sign_up(client, proof=proof).status_code == 302
    client.logout()
    response = sign_up(client, proof=proof, username="second", email="second@example.org")
    assert "did not pass" in errors(response)
    assert not User.objects.filter(username="second").exists()


def test_forged_solution_is_refused(client, pow_on):
    import base64
    import json

    challenge = botcheck.create_challenge(number=3)
    forged = {**challenge, "number": 3, "signature": "0" * 64}
    forged.pop("maxnumber")
    proof = base64.b64encode(json.dumps(forged).encode()).decode()
    response = sign_up(client, proof=proof)
    assert "did not pass" in errors(response)
    assert not User.objects.filter(username="newbie").exists()


def test_wrong_number_is_refused():
    import base64
    import json

    challenge = botcheck.create_challenge(number=3)
    payload = {k: challenge[k] for k in ("algorithm", "challenge", "salt", "signature")}
    payload["number"] = 4
    assert not botcheck.verify_solution(base64.b64encode(json.dumps(payload).encode()).decode())


def test_expired_challenge_is_refused(monkeypatch):
    challenge = botcheck.create_challenge(number=1)
    proof = botcheck.solve(challenge)
    later = time.time() + 3600
    monkeypatch.setattr(botcheck.time, "time", lambda: later)
    assert not botcheck.verify_solution(proof)


@pytest.mark.parametrize("junk", ["", "%%%", "bm90IGpzb24=", "e30="])
def test_junk_solution_is_refused(junk):
    assert not botcheck.verify_solution(junk)


def test_without_javascript_the_form_passes_after_the_wait(client, pow_on):
    response = sign_up(client, started=botcheck.start_token(time.time() - 5))
    assert "Without JavaScript" in errors(response)
    assert not User.objects.filter(username="newbie").exists()
    assert sign_up(client, started=botcheck.start_token(time.time() - 25)).status_code == 302
    assert User.objects.filter(username="newbie").exists()
