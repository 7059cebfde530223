"""Joining an invite-only site: a member with karma makes an invite link, a
newcomer opens it and signs up while the browser solves the signup form's
proof of work; staff see them in the invite tree."""

import pytest
from playwright.sync_api import expect

from apps.accounts.models import User
from apps.profiles.models import Profile
from apps.registration.models import Invite, InviteUse
from conftest import PASSWORD, make_member

pytestmark = pytest.mark.django_db(transaction=True)


def test_invite_link_then_signup_with_the_proof_of_work(page, other_page, live_server, settings):
    settings.QUORUM_REGISTRATION_MODE = "invite"
    settings.QUORUM_SIGNUP_POW = True
    settings.QUORUM_SIGNUP_POW_MAX_NUMBER = 3000
    inviter = make_member("ines")
    Profile.objects.filter(user=inviter).update(post_karma=settings.QUORUM_INVITE_MIN_KARMA)

    # The member makes an invite link from their settings.
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("ines")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.goto("/settings/")
    page.get_by_role("link", name="Invites").click()
    page.locator("#id_max_uses").fill("2")
    page.get_by_role("button", name="Make an invite link").click()
    invite = Invite.objects.get(inviter=inviter)
    link = page.locator("code").first.inner_text()
    assert link.endswith(f"/join/{invite.token}/")

    # A newcomer opens it: the signup form has the code, the browser solves the check.
    newcomer = other_page()
    newcomer.goto(link)
    expect(newcomer.locator("#id_invite")).to_have_value(invite.token)
    expect(newcomer.get_by_role("status")).to_have_text("Check done: you can send the form.")
    newcomer.locator("#id_username").fill("nina")
    newcomer.locator("#id_email").fill("nina@example.org")
    newcomer.locator("#id_password1").fill("a-long-and-unusual-passphrase")
    newcomer.locator("#id_password2").fill("a-long-and-unusual-passphrase")
    newcomer.get_by_role("button", name="Sign Up").click()
    expect(newcomer.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    nina = User.objects.get(username="nina")
    assert InviteUse.objects.get(user=nina).invite == invite

    # Staff see who invited whom.
    make_member("root", is_staff=True, is_superuser=True)
    staff = other_page()
    staff.goto("/accounts/login/")
    staff.locator("#id_login").fill("root")
    staff.locator("#id_password").fill(PASSWORD)
    staff.get_by_role("button", name="Sign In", exact=True).click()
    staff.goto("/joining/tree/")
    tree = staff.locator("ul.invite-tree").first
    expect(tree.get_by_role("link", name="ines")).to_be_visible()
    expect(tree.locator("ul.invite-tree").get_by_role("link", name="nina")).to_be_visible()
