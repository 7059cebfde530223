"""The header on a phone: at 390×844 it takes at most 120 px before the
content, for a visitor and for a member; the member's secondary links open
from a <details> menu without JavaScript; the language switch sits in the
footer and works without JavaScript."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from apps.communities.models import Community
from apps.profiles.models import Profile
from conftest import make_member
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
MAX_HEADER_HEIGHT = 120


def sign_in(page, live_server, user) -> None:
    """Reuse a server-side login in the browser (the login form has its own journey)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def search_width(page) -> float:
    box = page.locator(".site-search").bounding_box()
    assert box is not None
    return box["width"]


def header_height(page) -> float:
    box = page.locator(".site-header").bounding_box()
    assert box is not None
    return box["height"]


def main_top(page) -> float:
    box = page.locator("#main").bounding_box()
    assert box is not None
    return box["y"]


@pytest.fixture
def phone(browser, live_server, request):
    """A phone without JavaScript: everything here must work without it."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-US",
        timezone_id="UTC",
        viewport=PHONE,
        java_script_enabled=False,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()


def test_a_visitor_sees_a_short_header_and_switches_language_in_the_footer(phone):
    owner = make_member("olivia")
    Community.objects.create(owner=owner, slug="gardening", name="Gardening", member_count=1)
    phone.goto("/")
    assert header_height(phone) <= MAX_HEADER_HEIGHT
    assert main_top(phone) <= MAX_HEADER_HEIGHT + 1
    assert search_width(phone) >= 180  # a field one can type in, not a sliver
    expect(phone.get_by_role("link", name="Log in")).to_be_visible()
    expect(phone.get_by_role("link", name="Sign up")).to_be_visible()
    expect(phone.get_by_role("searchbox", name="Search")).to_be_visible()
    # No language form in the header any more: it is in the footer.
    expect(phone.locator(".site-header .lang-switch")).to_have_count(0)
    footer_switch = phone.locator(".site-footer form.lang-switch")
    expect(footer_switch).to_have_attribute("method", "get")
    phone.get_by_label("Language").select_option("fr")
    footer_switch.get_by_role("button").click()
    expect(phone.locator("html")).to_have_attribute("lang", "fr")
    assert header_height(phone) <= MAX_HEADER_HEIGHT


def test_a_member_sees_a_short_header_with_a_menu_that_opens_without_javascript(phone, live_server):
    member = make_member("marta")
    sign_in(phone, live_server, member)
    phone.goto("/")
    assert header_height(phone) <= MAX_HEADER_HEIGHT
    assert main_top(phone) <= MAX_HEADER_HEIGHT + 1
    assert search_width(phone) >= 180  # a field one can type in, not a sliver
    expect(phone.get_by_role("link", name="Inbox")).to_be_visible()
    log_out = phone.get_by_role("button", name="Log out")
    expect(log_out).to_be_hidden()
    phone.locator(".account-details > summary").click()
    expect(log_out).to_be_visible()
    expect(phone.get_by_role("link", name="Messages")).to_be_visible()
    expect(phone.get_by_role("link", name="Settings")).to_be_visible()
    # The open menu floats over the page: the header keeps its height.
    assert header_height(phone) <= MAX_HEADER_HEIGHT
    # The members' switch posts and saves the choice on the profile.
    phone.get_by_label("Language").select_option("de")
    phone.locator(".site-footer form.lang-switch").get_by_role("button").click()
    expect(phone.locator("html")).to_have_attribute("lang", "de")
    assert Profile.objects.get(user=member).language == "de"


def test_a_member_on_a_wide_screen_sees_every_link_in_the_header(page, live_server):
    member = make_member("marta")
    sign_in(page, live_server, member)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.locator(".account-details > summary")).to_be_hidden()
    assert header_height(page) <= 80
