"""A member secures their account: sets up an authenticator app, signs out,
and signs back in with a code; then looks at where they are signed in."""

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from apps.accounts.tests.security_helpers import totp_code
from conftest import PASSWORD, make_member

from .helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_enrol_totp_log_out_and_log_in_with_a_code(page, live_server):
    member = make_member("juno")
    log_in(page, "juno")

    # Settings → Two-factor authentication → set up an authenticator app.
    page.goto("/settings/")
    page.get_by_role("link", name="Two-factor authentication").click()
    expect(page.get_by_role("heading", name="Two-factor authentication", level=1)).to_be_visible()
    page.get_by_role("link", name="Set up an authenticator app").click()

    # allauth asks for the password again before any change to the second factor.
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Set up an authenticator app")).to_be_visible()
    expect(page.get_by_role("img", name="QR code of the authenticator secret")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on").click()

    # The recovery codes are shown once the app is on.
    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    codes = page.get_by_test_id("recovery-codes").input_value().split()
    assert len(codes) == 10
    assert Authenticator.objects.filter(user=member, type="totp").exists()

    # Log out, log in: the password, then the code.
    page.get_by_role("button", name="Log out").click()
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("juno")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("heading", name="Two-factor authentication")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)

    # A wrong code first: refused with a message, still signed out.
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_text("Incorrect code.")).to_be_visible()

    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    # Where am I signed in? This browser, marked as this device.
    page.goto("/settings/")
    page.get_by_role("link", name="Active sessions").click()
    expect(page.get_by_role("heading", name="Active sessions")).to_be_visible()
    expect(page.get_by_test_id("sessions").get_by_text("This device")).to_be_visible()
