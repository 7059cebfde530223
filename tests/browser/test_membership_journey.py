"""A member asks to join a private community → its owner approves the
request from the Members page (htmx) → the member finds the notice in the
inbox, follows it, and reads the community."""

import pytest
from playwright.sync_api import Page, expect

from apps.communities.models import JoinRequest, Membership, Visibility
from apps.communities.tests.conftest import make_community
from apps.moderation.models import Action, ModerationAction
from apps.posts import services as post_services
from conftest import PASSWORD, make_member

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page: Page, username: str) -> None:
    """The login form, as a person fills it (the passkey button beside
    "Sign In" makes the name alone ambiguous)."""
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_request_approve_notice_read(page, other_page):
    owner = make_member("olivia")
    community = make_community(owner, "secret-garden", visibility=Visibility.PRIVATE, name="Secret")
    post_services.post_create(
        author=owner, community=community, title="Welcome, gardeners", body="<p>Hello</p>"
    )
    ada = make_member("ada")

    # The member asks to join; the community itself stays closed meanwhile.
    log_in(page, "ada")
    page.goto("/c/secret-garden/request/")
    page.get_by_role("button", name="Ask to join").click()
    expect(page.get_by_test_id("request-waiting")).to_have_text(
        "Your request is waiting for a moderator."
    )
    assert JoinRequest.objects.filter(user=ada).exists()
    assert page.request.get("/c/secret-garden/").status == 404

    # The owner approves it from the Members page, in place.
    mod = other_page()
    log_in(mod, "olivia")
    mod.goto("/c/secret-garden/")
    mod.get_by_role("link", name="Mod queue").click()
    mod.get_by_role("navigation", name="Moderation").get_by_role("link", name="Members").click()
    row = mod.locator("#pending-ada")
    expect(row).to_contain_text("@ada")
    mod.evaluate("window.__samePage = true")
    row.get_by_role("button", name="Approve ada").click()
    expect(mod.get_by_text("ada is now a member.")).to_be_visible()
    assert mod.evaluate("window.__samePage") is True
    assert Membership.objects.filter(community=community, user=ada, is_approved=True).exists()
    assert ModerationAction.objects.get().action == Action.MEMBER_APPROVED

    # The member is told, follows the notice and reads the community.
    page.goto("/inbox/")
    notice = page.get_by_role("link", name="Your request to join Secret was approved: welcome!")
    expect(notice).to_be_visible()
    notice.click()
    expect(page.get_by_role("heading", name="Secret", exact=True)).to_be_visible()
    expect(page.get_by_text("Welcome, gardeners")).to_be_visible()
