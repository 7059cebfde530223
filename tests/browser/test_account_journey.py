import re

import pytest
from playwright.sync_api import expect

from apps.core.mail import read_mailbox
from apps.profiles.models import Profile
from conftest import make_member

pytestmark = pytest.mark.django_db(transaction=True)


def newest_link(mailbox, pattern: str) -> str:
    messages = read_mailbox(mailbox)
    assert messages, "no mail was sent"
    body = messages[-1].get_body(preferencelist=("plain",)).get_content()
    return re.search(pattern, body).group(0)


def test_signup_verify_login_profile_follow_language_logout(page, live_server, mailbox):
    other = make_member("grace")
    Profile.objects.filter(user=other).update(display_name="Grace Hopper")

    # Sign up.
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.locator("#id_username").fill("ada")
    page.locator("#id_email").fill("ada@example.org")
    page.locator("#id_password1").fill("analytical-engine-1843")
    page.locator("#id_password2").fill("analytical-engine-1843")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    # Open the verification link from the mailbox and confirm.
    link = newest_link(mailbox, r"https?://\S+/accounts/confirm-email/\S+/")
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    # Log in with the email address.
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("ada@example.org")
    page.locator("#id_password").fill("analytical-engine-1843")
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    # Edit the profile.
    page.get_by_role("link", name="Settings").click()
    page.locator("#id_display_name").fill("Ada Lovelace")
    page.locator("#id_timezone").select_option("Europe/London")
    page.locator("#id_language").select_option("en")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your settings were saved.")).to_be_visible()
    profile = Profile.objects.get(user__username="ada")
    assert (profile.display_name, profile.timezone) == ("Ada Lovelace", "Europe/London")

    # Follow another member: the count changes without a page load.
    page.goto("/u/grace/")
    page.evaluate("window.__samePage = true")
    expect(page.get_by_test_id("follower-count")).to_have_text("0")
    page.get_by_role("button", name="Follow").click()
    expect(page.get_by_role("button", name="Unfollow")).to_be_visible()
    expect(page.get_by_test_id("follower-count")).to_have_text("1")
    assert page.evaluate("window.__samePage") is True
    assert Profile.objects.get(user=other).follower_count == 1

    # Switch language: the page comes back in Spanish and the choice is saved.
    page.locator("#language-select").select_option("es")
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert Profile.objects.get(user__username="ada").language == "es"

    # Log out (in Spanish now).
    page.locator("form[action='/accounts/logout/'] button").click()
    expect(page.locator("a[href^='/accounts/signup/']").first).to_be_visible()
    expect(page.locator("form[action='/accounts/logout/']")).to_have_count(0)
