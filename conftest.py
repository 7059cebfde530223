"""Fixtures shared by every test: personas and a verified-member factory."""

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache

from apps.accounts.models import User
from apps.profiles.services import profile_create

PASSWORD = "correct-horse-battery-staple"


def make_member(username: str, *, verified: bool = True, **extra) -> User:
    """A member as signup would leave them: user, profile and (verified) email."""
    email = extra.pop("email", f"{username}@example.org")
    user = User.objects.create_user(username=username, email=email, password=PASSWORD, **extra)
    profile_create(user=user)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def pytest_configure(config):
    """Compile the translation catalogues (.po -> .mo, pure Python, only what
    changed) so a plain `pytest` tests the translations in the .po files."""
    import django
    from django.conf import settings

    if settings.configured:
        django.setup()
        from apps.core.management.commands.compiletranslations import compile_all

        compile_all()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached fragments must not leak from one test to the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(db) -> User:
    return make_member("marta")


@pytest.fixture
def other_member(db) -> User:
    return make_member("omar")


@pytest.fixture
def staff_member(db) -> User:
    return make_member("stella", is_staff=True)


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
