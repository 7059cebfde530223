"""Leaving: a member deletes their account from the settings (confirming
with their password) and their old comment stays, signed "[deleted]"."""

import re

import pytest
from playwright.sync_api import expect

from apps.comments.services import comment_create
from apps.communities.tests.conftest import add_member, make_community
from apps.posts.tests.factories import make_post
from apps.profiles.models import Profile
from conftest import PASSWORD, make_member

pytestmark = pytest.mark.django_db(transaction=True)


def test_delete_the_account_and_see_deleted_on_the_old_comment(page, live_server):
    dora = make_member("dora")
    Profile.objects.filter(user=dora).update(display_name="Dora Departing")
    olivia = make_member("olivia")
    community = make_community(olivia, "gardening")
    add_member(community, dora)
    post = make_post(olivia, community, "Beans in spring", "<p>Green ones</p>")
    comment_create(author=dora, post=post, body="Mine climb the fence")

    page.goto("/accounts/login/")
    page.locator("#id_login").fill("dora")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.goto(post.get_absolute_url())
    expect(page.locator(".comment-author", has_text="Dora Departing")).to_be_visible()

    # Settings → Delete account → the choice → confirm with the password.
    page.goto("/settings/")
    page.get_by_role("link", name="Delete account").click()
    expect(page.get_by_role("heading", name="Delete your account")).to_be_visible()
    page.get_by_label("Keep them").check()
    page.get_by_label("I understand that my account cannot be restored.").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Your account was deleted")).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()

    # The comment stays, signed "[deleted]".
    page.goto(post.get_absolute_url())
    expect(page.get_by_text("Mine climb the fence")).to_be_visible()
    expect(page.locator(".comment-author", has_text="[deleted]")).to_be_visible()
    expect(page.get_by_text("Dora Departing")).to_have_count(0)
