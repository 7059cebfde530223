"""TinyMCE's own language packs leave "Redo" in English in es and pt_BR: the
editor's config carries our catalogue's translation, which
static/js/editor-i18n.js merges over the pack before the toolbar is drawn."""

import html
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import translation

pytestmark = pytest.mark.django_db

TINYMCE_LANGS = Path(finders.find("tinymce/tinymce.min.js")).parent / "langs"


def submit_page(client, code: str) -> str:
    return client.get("/c/gardening/submit/", HTTP_ACCEPT_LANGUAGE=code).content.decode()


def editor_config(page: str) -> dict:
    attribute = re.search(r'data-mce-conf="([^"]+)"', page)
    assert attribute, "the submit page has no editor"
    return json.loads(html.unescape(attribute.group(1)))


@pytest.mark.parametrize("code", ["es", "pt-br"])
def test_the_language_packs_that_say_redo_in_english_are_corrected(client, site, code):
    client.force_login(site.alice)
    config = editor_config(submit_page(client, code))
    pack = (TINYMCE_LANGS / f"{config['language']}.js").read_text()
    assert '"Redo":"Redo"' in pack, "the pack was fixed upstream: this correction can go"
    with translation.override(code):
        redo = translation.pgettext("editor toolbar", "Redo")
    # Beside it, our own sentences of static/js/editor-images.js (its upload error).
    assert config["quorum_i18n"]["Redo"] == redo
    assert config["setup"] == "quorumEditorSetup"


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_the_editor_page_loads_the_corrections_before_the_editor_starts(client, site, code):
    client.force_login(site.alice)
    page = submit_page(client, code)
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page)
    corrections = next(i for i, src in enumerate(scripts) if "js/editor-i18n" in src)
    start = next(i for i, src in enumerate(scripts) if "init_tinymce" in src)
    assert corrections < start
    source = Path(finders.find("js/editor-i18n.js")).read_text()
    assert "window.quorumEditorSetup" in source
    assert "ScriptsLoaded" in source
