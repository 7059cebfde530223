"""Every page of the URL map, rendered in a pseudo-locale, shows no UI text
that skipped gettext. User content is excluded by listing it."""

import pytest
from django.conf import settings

from apps.accounts.models import User
from apps.profiles.models import Profile
from apps.profiles.services import follow_create
from conftest import make_member

from .visible_text import untranslated_text

pytestmark = pytest.mark.django_db

# The brand, the test-only language name, and a URL scheme hint are not words to translate.
BRAND = [settings.SITE_NAME, "Pseudo", "https://"]


@pytest.fixture
def site_data(db):
    """A small, demo-like site."""
    alice = make_member("alice")
    bruno = make_member("bruno")
    Profile.objects.filter(user=alice).update(
        display_name="Alice Moreau", bio="Gardener and cyclist.", website="https://alice.example"
    )
    follow_create(follower=bruno, followee=alice)
    follow_create(follower=alice, followee=bruno)
    return {"alice": alice, "bruno": bruno}


def user_content() -> list[str]:
    strings: set[str] = set()
    for user in User.objects.select_related("profile"):
        strings |= {user.username, user.email}
        profile = getattr(user, "profile", None)
        if profile:
            strings |= {profile.display_name, profile.bio, profile.website}
    return sorted((s for s in strings if s), key=len, reverse=True)


ANONYMOUS_PAGES = [
    "/",
    "/u/alice/",
    "/u/alice/followers/",
    "/u/alice/following/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/this-page-does-not-exist/",
]
MEMBER_PAGES = [
    "/",
    "/u/alice/",
    "/u/bruno/",
    "/settings/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/logout/",
]


def assert_fully_translated(client, url, language):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code in (200, 404), (url, response.status_code)
    assert f'<html lang="{language}"'.encode() in response.content, url
    problems = untranslated_text(
        response.content.decode(), page_language=language, allowed=user_content() + BRAND
    )
    assert not problems, f"{url}: text not marked for translation: {problems}"


@pytest.mark.parametrize("url", ANONYMOUS_PAGES)
def test_anonymous_pages_are_fully_translatable(client, site_data, pseudo_locale, url):
    assert_fully_translated(client, url, pseudo_locale)


@pytest.mark.parametrize("url", MEMBER_PAGES)
def test_member_pages_are_fully_translatable(client, site_data, pseudo_locale, url):
    client.force_login(site_data["alice"])
    assert_fully_translated(client, url, pseudo_locale)


def test_the_checker_catches_an_unmarked_string():
    html = '<html lang="eo"><body><p>⟦Tràñšlàtéd⟧</p><p>Forgotten text</p></body></html>'
    assert untranslated_text(html, page_language="eo", allowed=[]) == ["Forgotten text"]


def test_the_checker_pairs_brackets_across_links():
    html = (
        '<html lang="eo"><body><p>⟦Théñ <a href="/x">šîgñ üp</a> ñöw⟧</p>'
        "<p>Bad words</p></body></html>"
    )
    assert untranslated_text(html, page_language="eo", allowed=[]) == ["Bad words"]
