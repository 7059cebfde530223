"""Browser tests: Playwright (Python) driving Debian's Chromium headless
against pytest-django's live server.

Chromium is found at CHROMIUM_PATH or /usr/bin/chromium. Locally the tests
skip when it is missing; in CI (CI=true) that is an error, because .ci/run
installs it.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# made by the test itself (fixtures, assertions) are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(
    os.environ.get("TEST_ARTIFACTS_DIR", Path(__file__).resolve().parents[2] / "test-artifacts")
)
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if Path(candidate).exists() else None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail(
                "Chromium is missing: .ci/run should have installed it (apt-get install chromium)."
            )
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(base_url=live_server.url, locale="en-US", timezone_id="UTC")
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    # A CSP violation or a broken script is a bug even when the journey passed.
    assert not errors, errors


@pytest.fixture
def other_page(browser, live_server):
    """More people at once: each call opens a browser context of its own,
    watched for console and CSP errors like the `page` fixture."""
    contexts, errors = [], []

    def open_page():
        context = browser.new_context(base_url=live_server.url, locale="en-US", timezone_id="UTC")
        context.set_default_timeout(15_000)
        # The Django admin has no <link rel="icon">: the browser asks for
        # /favicon.ico, which does not exist (not an error of ours).
        context.route("**/favicon.ico", lambda route: route.fulfill(status=204))
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "console",
            lambda message: errors.append(message.text) if message.type == "error" else None,
        )
        contexts.append(context)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not errors, errors


@pytest.fixture
def mailbox(tmp_path, settings):
    """Mail goes to a file mailbox, as in `make run`: tests read links from it."""
    directory = tmp_path / "mail"
    settings.MAILERS = {
        "default": {
            "BACKEND": "apps.core.mail.ConsoleAndMailboxBackend",
            "OPTIONS": {"mailbox_dir": str(directory)},
        }
    }
    return directory
