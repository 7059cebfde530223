"""Active sessions (allauth.usersessions): where a member is signed in, ending
the others, and a password change or reset ending them."""

import re

import pytest
from allauth.usersessions.models import UserSession
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD

from .security_helpers import sign_in

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36"
LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


def device(user_agent: str, ip: str) -> Client:
    return Client(headers={"User-Agent": user_agent}, REMOTE_ADDR=ip)


def signed_in(client) -> bool:
    return client.get(reverse("profiles:settings")).status_code == 200


@pytest.fixture
def phone(member):
    client = device(PHONE, "203.0.113.7")
    sign_in(client, "marta")
    return client


@pytest.fixture
def laptop(member):
    client = device(LAPTOP, "198.51.100.20")
    sign_in(client, "marta")
    return client


def test_member_sees_each_session_with_its_device_and_address(phone, laptop):
    response = laptop.get(reverse("usersessions_list"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Android 14" in page and "203.0.113.7" in page
    assert "Firefox/140.0" in page and "198.51.100.20" in page
    assert "Firefox on Linux" in page and "Safari on Android" in page
    current = re.search(r'<tr aria-current="true">(.*?)</tr>', page, re.S)
    assert current and "Firefox on Linux" in current.group(1)
    assert "Sign out all other sessions" in page


def test_sessions_of_other_members_are_not_listed(phone, other_member):
    omar = device(LAPTOP, "192.0.2.99")
    sign_in(omar, "omar")

    page = phone.get(reverse("usersessions_list")).content.decode()

    assert "192.0.2.99" not in page


def test_ending_the_other_sessions_signs_out_the_other_devices(phone, laptop, member):
    response = laptop.post(reverse("usersessions_list"))

    assert response.status_code == 302
    assert signed_in(laptop)
    assert not signed_in(phone)
    assert UserSession.objects.filter(user=member).count() == 1


def test_the_sessions_page_needs_a_signed_in_member(client):
    response = client.get(reverse("usersessions_list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(phone, laptop, member):
    response = laptop.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "an-entirely-new-passphrase",
            "password2": "an-entirely-new-passphrase",
        },
    )

    assert response.status_code == 302
    assert signed_in(laptop)
    assert not signed_in(phone)
    sessions = UserSession.objects.filter(user=member)
    assert [s.user_agent for s in sessions] == [LAPTOP]


def test_a_password_reset_ends_every_session(phone, laptop, member):
    visitor = device(LAPTOP, "192.0.2.1")
    visitor.post(reverse("account_reset_password"), {"email": member.email})
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    form_url = visitor.get(link.group(0)).headers["Location"]

    response = visitor.post(
        form_url,
        {"password1": "an-entirely-new-passphrase", "password2": "an-entirely-new-passphrase"},
    )

    assert response.status_code == 302
    assert not signed_in(phone)
    assert not signed_in(laptop)
    assert not UserSession.objects.filter(user=member).exists()


def test_signing_out_forgets_the_session(phone, laptop, member):
    phone.post(reverse("account_logout"))

    assert [s.user_agent for s in UserSession.objects.filter(user=member)] == [LAPTOP]


def test_a_visit_is_recorded_at_most_every_few_minutes(
    laptop, member, settings, django_assert_num_queries
):
    session = UserSession.objects.get(user=member)
    first_seen = session.last_seen_at
    url = reverse("usersessions_list")
    # Within QUORUM_SESSION_SEEN_SECONDS: nothing is written.
    laptop.get(url)
    assert UserSession.objects.get(pk=session.pk).last_seen_at == first_seen

    settings.QUORUM_SESSION_SEEN_SECONDS = 0
    laptop.get(url)

    assert UserSession.objects.get(pk=session.pk).last_seen_at > first_seen


def test_a_session_from_another_door_is_recorded_on_its_next_visit(client, member, settings):
    """A session no allauth login recorded (force_login, an older session)
    appears on the page once the visit interval has passed."""
    client.force_login(member)
    settings.QUORUM_SESSION_SEEN_SECONDS = 0

    page = client.get(reverse("usersessions_list")).content.decode()

    assert UserSession.objects.filter(user=member).count() == 1
    assert 'aria-current="true"' in page


@pytest.mark.parametrize(
    ("user_agent", "name"),
    [
        (LAPTOP, "Firefox on Linux"),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            " Chrome/140.0 Safari/537.36 Edg/140.0",
            "Edge on Windows",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15"
            " (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
            "Safari on iOS",
        ),
        ("curl/8.5.0", "Unknown device"),
        ("", "Unknown device"),
    ],
)
def test_a_session_names_its_device(user_agent, name):
    from apps.accounts.templatetags.security import device_name

    assert device_name(user_agent) == name
