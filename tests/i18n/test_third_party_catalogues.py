"""Strings of django-rosetta (the translators' screen at /translate/) and of
Django REST framework (API error messages) reach every shipped language:
rosetta has no Hebrew and no Brazilian Portuguese catalogue, and DRF's Hebrew
is he_IL (empty), which Django never loads for "he". Our catalogue carries
them (apps/core/third_party_strings.py, ROSETTA and DRF, with DJANGO_GAPS,
what Django's own Hebrew lacks), prefilled from the third party's catalogue
where it has a translation (`manage.py prefill_third_party`), translated by us
where it has none. Until `make messages` has extracted them these fail."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
import rest_framework
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils.translation import to_locale

from apps.core.management.commands.prefill_third_party import prefill, third_party_catalogues
from apps.core.translators import TRANSLATORS_GROUP
from conftest import make_member

from .test_third_party import listed

SHIPPED = [to_locale(code) for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
LISTS = ["ROSETTA", "DRF", "DJANGO_GAPS"]
FORM = "/translate/files/project/{}/0/"
# Placeholders (%(name)s, %%, DRF's {name}) split a msgid into the words a page shows.
PLACEHOLDER = re.compile(r"%\([^)]+\)s|%%|\{[^{}]*\}")


def test_the_lists_are_not_empty():
    assert len(listed("ROSETTA")) > 15
    assert len(listed("DRF")) > 25


def test_every_drf_override_is_a_drf_msgid():
    directory = Path(rest_framework.__file__).parent
    source = "".join(
        (directory / name).read_text() for name in ["fields.py", "serializers.py", "exceptions.py"]
    )
    for _msgctxt, msgid, _plural in listed("DRF"):
        assert f"_('{msgid}')" in source, msgid


@pytest.mark.parametrize("locale", SHIPPED)
@pytest.mark.parametrize("name", LISTS)
def test_every_listed_string_is_translated_after_the_prefill(locale, name):
    path = Path(settings.BASE_DIR) / "locale" / locale / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    prefill(po, third_party_catalogues(locale))  # in memory: the file is left alone
    missing = []
    for msgctxt, msgid, msgid_plural in listed(name):
        entry = po.find(msgid, msgctxt=msgctxt) if msgctxt else po.find(msgid)
        if (
            entry is None
            or entry.obsolete
            or not entry.translated()
            or (entry.msgid_plural or None) != msgid_plural
        ):
            missing.append(msgid)
    assert not missing, f"{locale}: {name} strings untranslated: {missing}"


class _VisibleText(HTMLParser):
    """The screen's own text: text nodes and the attributes a reader sees
    (title, alt, submit buttons, rosetta's "Show less" toggle), leaving out
    scripts, styles and the catalogue's content (source strings, translations,
    file names, contexts and translator comments), which is English on purpose."""

    ATTRIBUTES = {"title", "alt", "placeholder", "data-prev-text"}
    VOID = {"input", "img", "br", "meta", "link", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._stack: list[str] = []  # "skip", "context" or "" per open element
        self._context_label_taken = False

    def _mode(self) -> str:
        return next((mode for mode in reversed(self._stack) if mode), "")

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if self._mode() != "skip":
            for name, value in attrs:
                if name in self.ATTRIBUTES and value:
                    self.texts.append(value)
            if tag == "input" and attributes.get("type") == "submit" and attributes.get("value"):
                self.texts.append(attributes["value"] or "")
        if tag in self.VOID:
            return
        if tag in ("script", "style", "textarea", "code") or "original" in classes:
            mode = "skip"
        elif "context" in classes:
            mode, self._context_label_taken = "context", False
        else:
            mode = ""
        self._stack.append(mode)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        mode = self._mode()
        if mode == "skip" or not data.strip():
            return
        if mode == "context":
            # "Context hint:" then the entry's own context and comment.
            if not self._context_label_taken:
                self.texts.append(data.split(":")[0])
                self._context_label_taken = True
            return
        self.texts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return "\n".join(" ".join(text.split()) for text in parser.texts)


def words_of(msgid: str) -> list[str]:
    """The literal runs of a msgid with letters in them, longest first."""
    runs = [run.strip(" :/().") for run in PLACEHOLDER.split(msgid)]
    return sorted((run for run in runs if re.search(r"[A-Za-z]{2,}", run)), key=len, reverse=True)


@pytest.fixture
def translator(db):
    user = make_member("tomasz")
    group, _created = Group.objects.get_or_create(name=TRANSLATORS_GROUP)
    user.groups.add(group)
    return user


def render(client, language: str) -> str:
    """The Hebrew catalogue's translation screen, with the UI in `language`."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(FORM.format("he"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == language
    return visible_text(response.content.decode())


@pytest.mark.django_db
def test_the_translation_screen_in_hebrew_shows_no_english_rosetta_string(client, translator):
    client.force_login(translator)
    english = render(client, "en")
    hebrew = render(client, "he")
    assert re.search(r"[\u0590-\u05ff]", hebrew)
    shown, left_in_english = [], []
    for _msgctxt, msgid, msgid_plural in listed("ROSETTA"):
        for text in [msgid, msgid_plural or ""]:
            words = words_of(text)
            if not words:
                continue
            # Only what the English screen shows: some strings appear only with
            # settings we leave off (suggestions) or with many occurrences.
            pattern = re.compile(rf"(?<![A-Za-z]){re.escape(words[0])}(?![A-Za-z])")
            if pattern.search(english):
                shown.append(words[0])
                if pattern.search(hebrew):
                    left_in_english.append(words[0])
    assert len(shown) >= 10, shown
    assert not left_in_english, f"English on /translate/ in Hebrew: {left_in_english}"
