"""Steps the journeys share."""

from playwright.sync_api import Page, expect

from conftest import PASSWORD


def log_in(page: Page, username: str) -> None:
    """Log in through the form, as a person would (every test member has PASSWORD)."""
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
