"""Which language a page is in: the member's profile, then the switcher's
cookie, then Accept-Language, then English. Junk anywhere falls back to
English (or the next source), never to an error; a cached page never shows
one language to a reader of another."""

import pytest
from django.conf import settings
from django.utils import translation

from apps.profiles.models import Profile
from conftest import make_member

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME
CODES = [code for code, _name in settings.LANGUAGES]
HEADING = "Latest from every community"  # the visitor's home page heading


def heading_in(code: str) -> str:
    with translation.override(code):
        return translation.gettext(HEADING)


def page_language(response) -> str:
    html = response.content.decode()
    start = html.index('<html lang="') + len('<html lang="')
    return html[start : html.index('"', start)]


@pytest.mark.parametrize("code", CODES)
def test_every_shipped_language_renders_in_that_language(client, code):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=code)
    assert response.status_code == 200
    direction = "rtl" if code in settings.LANGUAGES_BIDI else "ltr"
    assert f'<html lang="{code}" dir="{direction}">'.encode() in response.content
    assert heading_in(code).encode() in response.content
    if code != settings.LANGUAGE_CODE:
        assert heading_in(code) != HEADING, f"{code}: the heading is not translated"
        assert HEADING.encode() not in response.content
    assert response["Content-Language"] == code


def test_arabic_pages_are_right_to_left(client):
    response = client.get("/communities/", HTTP_ACCEPT_LANGUAGE="ar")
    assert b'<html lang="ar" dir="rtl">' in response.content


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("pt-BR,pt;q=0.9,en;q=0.8", "pt-br"),
        ("pt-PT", "pt-br"),
        ("pt", "pt-br"),
        ("de-AT,de;q=0.9", "de"),
        ("es-419", "es"),
        ("ar-EG", "ar"),
        ("fr-CA;q=0.8, en;q=0.5", "fr"),
        ("ja, de;q=0.5", "de"),
        ("ja", "en"),
    ],
)
def test_accept_language_picks_the_closest_shipped_language(client, header, expected):
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE=header)) == expected


JUNK = [
    "",
    "*",
    "xx-YY",
    "!!!",
    "en;q=abc",
    ";;;,,,",
    "../../../etc/passwd",
    "de" * 400,
    "<script>alert(1)</script>",
    "zh-Hant-TW-x-private-and-far-too-long-subtags",
    "\u00e9\u00e8",
]


@pytest.mark.parametrize("header", JUNK)
def test_junk_accept_language_falls_back_to_english(client, header):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 200
    assert page_language(response) == "en"


@pytest.mark.parametrize("value", ["xx", "ja", "eo", "<b>", "zz-US'--", "a" * 300, "../etc", ""])
def test_junk_language_cookie_falls_back(client, value):
    client.cookies[COOKIE] = value
    response = client.get("/")
    assert response.status_code == 200
    assert page_language(response) == "en"
    # ... and to Accept-Language when there is one.
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE="de")) == "de"


def test_the_cookie_beats_accept_language(client):
    client.cookies[COOKIE] = "fr"
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE="de")) == "fr"


def test_the_members_language_beats_cookie_and_header(client):
    member = make_member("hana")
    Profile.objects.filter(user=member).update(language="ar")
    client.force_login(member)
    client.cookies[COOKIE] = "fr"
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE="de")) == "ar"


def test_a_member_without_a_language_follows_cookie_then_header(client):
    client.force_login(make_member("ivo"))
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE="es")) == "es"
    client.cookies[COOKIE] = "de"
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE="es")) == "de"


def test_a_stored_language_no_longer_shipped_is_ignored(client):
    member = make_member("jan")
    Profile.objects.filter(user=member).update(language="ja")
    client.force_login(member)
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE="fr")) == "fr"


def test_the_switcher_sets_the_cookie_for_a_visitor(client):
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/communities/"})
    assert response.status_code == 302
    assert response["Location"] == "/communities/"
    assert response.cookies[COOKIE].value == "de"
    assert response.cookies[COOKIE]["samesite"] == "Lax"
    assert page_language(client.get("/communities/", HTTP_ACCEPT_LANGUAGE="fr")) == "de"


def test_the_switcher_saves_the_choice_on_the_profile_of_a_member(client):
    member = make_member("kim")
    client.force_login(member)
    response = client.post("/i18n/setlang/", {"language": "pt-br", "next": "/"})
    assert response.status_code == 302
    assert Profile.objects.get(user=member).language == "pt-br"
    # It follows the member to a browser without the cookie.
    client.cookies.clear()
    client.force_login(member)
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE="en")) == "pt-br"


@pytest.mark.parametrize("value", ["xx", "ja", "<script>", "", "pt_BR'--"])
def test_the_switcher_ignores_a_language_we_do_not_ship(client, value):
    member = make_member("lea")
    Profile.objects.filter(user=member).update(language="es")
    client.force_login(member)
    response = client.post("/i18n/setlang/", {"language": value, "next": "/"})
    assert response.status_code == 302
    assert Profile.objects.get(user=member).language == "es"
    assert page_language(client.get("/")) == "es"


def test_the_switcher_never_redirects_off_site(client):
    response = client.post(
        "/i18n/setlang/", {"language": "es", "next": "https://evil.example/"}, HTTP_REFERER=""
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_the_switcher_lists_every_language_in_its_own_name(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    for code in CODES:
        name = translation.get_language_info(code)["name_local"]
        assert f'<option value="{code}" lang="{code}"' in html
        assert name in html


def test_pages_vary_on_the_language_inputs(client):
    response = client.get("/communities/", HTTP_ACCEPT_LANGUAGE="es")
    vary = {part.strip().lower() for part in response["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary


@pytest.mark.parametrize("url", ["/", "/all/", "/communities/", "/c/gardening/", "/t/tomatoes/"])
def test_the_same_address_never_serves_one_language_to_another(client, site, url):
    """Anonymous pages may be cached: the cache key must hold the language.
    Passes with or without a page cache; fails if one ignores the language."""
    for code in ["es", "de", "es", "ar", "en", "de"]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=code)
        assert response.status_code == 200
        assert page_language(response) == code, (url, code)
    for code in ["fr", "pt-br", "fr"]:
        client.cookies[COOKIE] = code
        assert page_language(client.get(url, HTTP_ACCEPT_LANGUAGE="de")) == code, (url, code)


def test_the_javascript_catalogue_answers_in_every_language(client):
    for code in CODES:
        response = client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE=code)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/javascript")
