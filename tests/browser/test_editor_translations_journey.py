"""TinyMCE's own words, corrected from our catalogue in the browser: the
Spanish pack says "Redo" in English, static/js/editor-i18n.js merges our
translation over it before the toolbar is drawn, under the editor's CSP."""

import pytest
import tinymce.settings
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.test_i18n_journey import sign_in
from tests.i18n.site import build_site

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_editors_redo_button_is_named_from_our_catalogue(page, live_server, monkeypatch):
    site = build_site()
    with translation.override("es"):
        ours = translation.pgettext("editor toolbar", "Redo")
    # Until the catalogue has it, a distinctive word shows the correction at work.
    redo = ours if ours != "Redo" else "Rehacer (prueba)"
    monkeypatch.setitem(tinymce.settings.DEFAULT_CONFIG, "quorum_i18n", {"Redo": redo})
    site.alice.profile.language = "es"
    site.alice.profile.save(update_fields=["language"])
    sign_in(page, live_server, site.alice)
    page.goto("/c/gardening/submit/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator(f'.tox-tbtn[aria-label="{redo}"]')).to_have_count(1)
    # The rest of the toolbar still comes from TinyMCE's Spanish pack.
    expect(page.locator('.tox-tbtn[aria-label="Deshacer"]')).to_have_count(1)
