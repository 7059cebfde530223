"""Content languages (issue 16): the shared rules in apps.profiles.languages,
the `content_lang` tag, and the reading languages a member chooses in settings."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from apps.profiles import languages
from apps.profiles.models import Profile
from apps.profiles.services import profile_update

pytestmark = pytest.mark.django_db


def settings_data(**overrides):
    data = {
        "display_name": "",
        "bio": "",
        "website": "",
        "language": "",
        "timezone": "",
    }
    data.update(overrides)
    return data


# --- the shared rules ---------------------------------------------------------------


def test_the_default_is_the_authors_profile_language(member):
    member.profile.language = "pl"
    with translation.override("fr"):
        assert languages.default_content_language(member) == "pl"


def test_without_a_profile_language_the_default_is_the_request_language(member):
    with translation.override("pt-br"):
        assert languages.default_content_language(member) == "pt-br"
    # A regional variant we do not ship counts as its base language.
    with translation.override("de-at"):
        assert languages.default_content_language(None) == "de"


def test_a_language_we_do_not_ship_falls_back_to_english(member):
    with translation.override("ja"):
        assert languages.default_content_language(member) == "en"


@pytest.mark.parametrize(("sent", "stored"), [("he", "he"), ("pt_BR", "pt-br"), (" AR ", "ar")])
def test_a_shipped_code_is_normalized(member, sent, stored):
    assert languages.clean_content_language(sent, author=member) == stored


@pytest.mark.parametrize("sent", ["", None, "   "])
def test_an_empty_choice_means_the_default(member, sent):
    member.profile.language = "es"
    assert languages.clean_content_language(sent, author=member) == "es"


@pytest.mark.parametrize("sent", ["xx", "ja", "en-", "<script>", "e" * 200])
def test_an_unknown_code_is_refused_on_the_language_field(member, sent):
    with pytest.raises(ValidationError) as raised:
        languages.clean_content_language(sent, author=member)
    (error,) = raised.value.error_dict["language"]
    assert error.code == "unknown_language"
    assert "is not a language of this site" in error.messages[0]
    assert len(error.messages[0]) < 120  # a long code is cut, not echoed whole


def test_the_refusal_is_translated(member, monkeypatch):
    monkeypatch.setattr(languages, "_", lambda text: f"[translated] {text}")
    with pytest.raises(ValidationError) as raised:
        languages.clean_content_language("xx", author=member)
    assert raised.value.messages[0].startswith("[translated] “xx”")


def test_right_to_left_languages():
    assert languages.is_rtl("ar") and languages.is_rtl("he")
    assert not any(languages.is_rtl(code) for code in ("en", "es", "fr", "de", "pt-br", "pl"))


def test_reading_languages_keep_settings_order_once_each():
    assert languages.clean_reading_languages(["pl", "EN", "pl", "ar"]) == ["en", "ar", "pl"]
    assert languages.clean_reading_languages([]) == []


def test_unknown_reading_languages_are_refused():
    with pytest.raises(ValidationError) as raised:
        languages.clean_reading_languages(["en", "klingon"])
    assert raised.value.error_dict["reading_languages"][0].code == "unknown_language"


def test_visitors_and_members_without_a_choice_read_every_language(member):
    from django.contrib.auth.models import AnonymousUser

    assert languages.reading_languages(AnonymousUser()) == []
    assert languages.reading_languages(member) == []
    member.profile.reading_languages = ["fr"]
    assert languages.reading_languages(member) == ["fr"]


# --- the template tag ------------------------------------------------------------------


class Row:
    def __init__(self, language):
        self.language = language


@pytest.mark.parametrize(
    ("language", "attributes"),
    [
        ("fr", ' lang="fr"'),
        ("pt-br", ' lang="pt-br"'),
        ("ar", ' lang="ar" dir="rtl"'),
        ("he", ' lang="he" dir="rtl"'),
        ("", ""),  # a row older than the field: the page's language applies
        ('x" onmouseover="', ""),  # never echoed
    ],
)
def test_content_lang_marks_the_element(language, attributes):
    template = Template("{% load content_language %}<p{% content_lang row %}>")
    assert template.render(Context({"row": Row(language)})) == f"<p{attributes}>"


# --- settings -------------------------------------------------------------------------


def test_settings_show_the_reading_languages(member_client):
    response = member_client.get(reverse("profiles:settings"))
    content = response.content.decode()
    assert 'name="reading_languages"' in content
    assert content.count('type="checkbox" name="reading_languages"') == 8


def test_settings_save_the_reading_languages(member_client, member):
    data = settings_data(reading_languages=["pl", "en"])
    response = member_client.post(reverse("profiles:settings"), data)
    assert response.status_code == 302
    assert Profile.objects.get(user=member).reading_languages == ["en", "pl"]
    page = member_client.get(reverse("profiles:settings")).content.decode()
    assert 'value="pl" id="id_reading_languages_7" checked' in page


def test_ticking_none_reads_every_language_again(member_client, member):
    Profile.objects.filter(user=member).update(reading_languages=["fr"])
    member_client.post(reverse("profiles:settings"), settings_data())
    assert Profile.objects.get(user=member).reading_languages == []


def test_settings_refuse_an_unknown_reading_language(member_client, member):
    data = settings_data(display_name="Changed", reading_languages=["en", "xx"])
    response = member_client.post(reverse("profiles:settings"), data)
    assert response.status_code == 200
    assert "“xx” is not a language of this site" in response.content.decode()
    profile = Profile.objects.get(user=member)
    assert (profile.display_name, profile.reading_languages) == ("", [])


def test_the_service_refuses_an_unknown_reading_language(member):
    with pytest.raises(ValidationError) as raised:
        profile_update(actor=member, profile=member.profile, reading_languages=["en", "zz"])
    assert "reading_languages" in raised.value.error_dict
    assert Profile.objects.get(user=member).reading_languages == []
