"""Registration personas and helpers on top of the root ones (member marta,
other_member omar, staff_member stella without permissions):

    decider      dora, staff with "registration.decide_application" and
                 "registration.view_invite"
    inviter      ines, a member whose karma reaches the invite threshold
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from apps.profiles.models import Profile
from apps.registration import botcheck
from apps.registration.models import Invite, Mode
from conftest import make_member

SIGNUP = {
    "username": "newbie",
    "email": "newbie@example.org",
    "password1": "a-long-and-unusual-passphrase",
    "password2": "a-long-and-unusual-passphrase",
}


def signup_data(**extra) -> dict:
    """A signup as a person sends it: the start token of a form shown a
    minute ago, the honeypot empty."""
    import time

    data = {**SIGNUP, "started": botcheck.start_token(time.time() - 60), "homepage": ""}
    data.update(extra)
    return data


def sign_up(client, **extra):
    return client.post(reverse("account_signup"), signup_data(**extra))


@pytest.fixture
def mode(settings):
    """Set the registration mode: `mode("approval")`."""

    def set_mode(value: str, **more) -> None:
        settings.QUORUM_REGISTRATION_MODE = Mode(value)
        for name, setting in more.items():
            setattr(settings, name, setting)

    return set_mode


@pytest.fixture
def decider(db):
    user = make_member("dora", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="registration",
            codename__in=["decide_application", "view_invite"],
        )
    )
    return user


@pytest.fixture
def inviter(db, settings):
    user = make_member("ines")
    Profile.objects.filter(user=user).update(post_karma=settings.QUORUM_INVITE_MIN_KARMA)
    return user


def make_invite(inviter, **fields) -> Invite:
    from datetime import timedelta

    from django.utils import timezone

    values = {
        "token": f"tok-{Invite.objects.count()}-abcdefghijklmnop",
        "max_uses": 1,
        "expires_at": timezone.now() + timedelta(days=7),
    }
    values.update(fields)
    return Invite.objects.create(inviter=inviter, **values)
