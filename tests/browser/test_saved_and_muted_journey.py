"""A member saves a post and finds it in /saved/, then mutes a community and
sees its posts leave the home feed (issue 14)."""

import re

import pytest
from playwright.sync_api import Page, expect

from apps.communities.tests.conftest import add_member, make_community
from apps.posts.models import CommunityMute, SavedPost
from apps.posts.tests.factories import make_post
from conftest import PASSWORD, make_member

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page: Page, username: str) -> None:
    # The login form's own button, exactly (the page may also offer a passkey sign-in).
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_save_a_post_then_mute_a_community(page, live_server):
    owner = make_member("olga")
    reader = make_member("rafa")
    trains = make_community(owner, "night-trains")
    noise = make_community(owner, "hot-takes")
    add_member(trains, reader)
    add_member(noise, reader)
    make_post(owner, trains, "Vienna to Rome by sleeper")
    make_post(owner, noise, "Trains are overrated")
    log_in(page, "rafa")

    # Save a post from the home feed, without a page load (htmx).
    page.goto("/")
    row = page.get_by_test_id("post-row").filter(has_text="Vienna to Rome by sleeper")
    page.evaluate("window.__samePage = true")
    row.get_by_role("button", name="Save", exact=True).click()
    expect(row.get_by_test_id("post-unsave")).to_be_visible()
    assert page.evaluate("window.__samePage") is True
    assert SavedPost.objects.filter(user=reader, post__title="Vienna to Rome by sleeper").exists()

    # It is in /saved/, reached from the account menu.
    page.get_by_role("link", name="Saved", exact=True).click()
    expect(page).to_have_url(re.compile(r"/saved/$"))
    saved = page.get_by_test_id("saved-list")
    expect(saved.get_by_role("link", name="Vienna to Rome by sleeper")).to_be_visible()
    expect(saved.get_by_text("Trains are overrated")).to_have_count(0)

    # Mute a community from its page: its post leaves the home feed.
    page.goto("/")
    expect(page.get_by_role("link", name="Trains are overrated")).to_be_visible()
    page.goto("/c/hot-takes/")
    page.get_by_test_id("community-mute").click()
    expect(page.get_by_test_id("community-unmute")).to_be_visible()
    assert CommunityMute.objects.filter(user=reader, community=noise).exists()
    page.goto("/")
    expect(page.get_by_role("link", name="Vienna to Rome by sleeper")).to_be_visible()
    expect(page.get_by_role("link", name="Trains are overrated")).to_have_count(0)

    # The community page still shows it, with the control to unmute.
    page.goto("/c/hot-takes/")
    expect(page.get_by_role("link", name="Trains are overrated")).to_be_visible()
    page.get_by_test_id("community-unmute").click()
    expect(page.get_by_test_id("community-mute")).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("link", name="Trains are overrated")).to_be_visible()
