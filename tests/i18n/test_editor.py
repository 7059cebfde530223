"""The post editor (TinyMCE) speaks the page's language: its own interface
through its language pack, the menu titles Quorum defines through our
catalogue (config/settings/base.py: TINYMCE_DEFAULT_CONFIG)."""

import html
import json
import re

import pytest
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db

OUR_TITLES = ["Paragraph", "Heading 2", "Heading 3", "Heading 4", "Preformatted", "Inline code"]


def editor_config(client, code: str) -> dict:
    page = client.get("/c/gardening/submit/", HTTP_ACCEPT_LANGUAGE=code).content.decode()
    attribute = re.search(r'data-mce-conf="([^"]+)"', page)
    assert attribute, "the submit page has no editor"
    return json.loads(html.unescape(attribute.group(1)))


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_the_editors_menu_titles_are_in_the_pages_language(client, site, code):
    client.force_login(site.alice)
    config = editor_config(client, code)
    shown = config["block_formats"] + " " + config["style_formats"][0]["title"]
    with translation.override(code):
        for title in OUR_TITLES:
            translated = translation.gettext(title)
            assert translated != title, f"{code}: {title!r} is not translated"
            assert translated in shown
    assert config["language"].split("_")[0] == code.split("-")[0]
