"""Drafts (issue 15), as a member writes in the browser: the submit form
saves itself a few seconds after typing stops (title and the editor's text,
one draft updated in place), the draft is resumed from /drafts/, and
publishing deletes it."""

import re

import pytest
from playwright.sync_api import Page, expect

from apps.communities.tests.conftest import make_community
from apps.drafts.models import Draft
from apps.posts.models import Post
from conftest import make_member
from tests.browser.helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)

EDITOR = "iframe.tox-edit-area__iframe, .tox-edit-area iframe"


def wait_for_editor(page: Page) -> None:
    page.wait_for_function(
        # A function, not an expression: the page's CSP forbids eval.
        "() => window.tinymce && tinymce.activeEditor && tinymce.activeEditor.initialized"
    )


def test_the_submit_form_saves_a_draft_as_you_type_and_resumes_it(page, live_server):
    make_community(make_member("olga"), "night-trains")
    log_in(page, "olga")
    page.goto("/c/night-trains/submit/")
    wait_for_editor(page)
    page.locator("#id_title").fill("Sleeper from Vienna")
    status = page.locator("#draft-status")
    expect(status).to_contain_text("Draft saved at", timeout=10_000)
    draft = Draft.objects.get()
    assert draft.title == "Sleeper from Vienna"

    # Typing in the editor saves the same draft again, with the text.
    page.frame_locator(EDITOR).locator("body").click()
    page.keyboard.type("Book the couchette early.")
    page.wait_for_function("() => document.querySelector('#id_body').value.includes('couchette')")
    page.wait_for_timeout(4_500)
    draft = Draft.objects.get()
    assert "Book the couchette early." in draft.body
    assert page.locator("#draft-id").input_value() == str(draft.pk)

    # Resumed from /drafts/: the form comes back filled in.
    page.goto("/drafts/")
    page.get_by_role("link", name="Resume").click()
    expect(page).to_have_url(re.compile(rf"/c/night-trains/submit/\?draft={draft.pk}$"))
    expect(page.locator("#id_title")).to_have_value("Sleeper from Vienna")
    wait_for_editor(page)

    # Publishing deletes the draft.
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("Your post is published.")).to_be_visible()
    assert Post.objects.filter(title="Sleeper from Vienna").exists()
    assert not Draft.objects.exists()
