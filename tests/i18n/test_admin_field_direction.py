"""The admin's translated fields: each language's input carries that
language's `lang` and `dir`, whatever the language of the admin page (an
Arabic or Hebrew name right-to-left on an English page, an English one
left-to-right on an Arabic page)."""

import re

import pytest
from django.conf import settings

from apps.communities.models import Community
from apps.tags.models import Tag
from conftest import make_member

pytestmark = pytest.mark.django_db

RTL = {"ar", "he"}


def input_tag(html: str, name: str) -> str:
    """The opening tag of the <input> or <textarea> named `name`."""
    match = re.search(rf'<(?:input|textarea)\b[^>]*\bname="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


def expected(code: str) -> tuple[str, str]:
    lang = {"pt-br": "pt-BR"}.get(code, code)
    return lang, "rtl" if code in RTL else "ltr"


@pytest.fixture
def staff_client(client):
    client.force_login(make_member("stella", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("page_language", ["en", "ar", "he"])
def test_each_community_field_has_the_lang_and_dir_of_its_language(staff_client, page_language):
    owner = make_member("olga")
    community = Community.objects.create(slug="gardening", name="Gardening", owner=owner)
    url = f"/admin/communities/community/{community.pk}/change/"
    response = staff_client.get(url, HTTP_ACCEPT_LANGUAGE=page_language)
    assert response.status_code == 200
    html = response.content.decode()
    page_dir = "rtl" if page_language in RTL else "ltr"
    assert re.search(rf'<html[^>]*\bdir="{page_dir}"', html)
    for code, _name in settings.LANGUAGES:
        lang, direction = expected(code)
        for field in ("name", "description", "rules"):
            tag = input_tag(html, f"{field}_{code.replace('-', '_')}")
            assert f'lang="{lang}"' in tag, (field, code, tag)
            assert f'dir="{direction}"' in tag, (field, code, tag)


def test_each_tag_name_has_the_lang_and_dir_of_its_language_on_the_add_page(staff_client):
    response = staff_client.get("/admin/tags/tag/add/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    html = response.content.decode()
    for code, _name in settings.LANGUAGES:
        lang, direction = expected(code)
        tag = input_tag(html, f"name_{code.replace('-', '_')}")
        assert f'lang="{lang}"' in tag and f'dir="{direction}"' in tag, (code, tag)
    # Fields that are not translated keep the page's direction.
    assert "dir=" not in input_tag(html, "slug")


def test_a_tag_saved_from_an_arabic_admin_page_keeps_each_language(staff_client):
    names = {f"name_{code.replace('-', '_')}": "" for code, _ in settings.LANGUAGES}
    names.update(name_en="Gardening", name_he="גינון", name_ar="بستنة")
    response = staff_client.post(
        "/admin/tags/tag/add/", {"slug": "gardening", **names}, HTTP_ACCEPT_LANGUAGE="ar"
    )
    assert response.status_code == 302
    tag = Tag.objects.get()
    assert (tag.name_en, tag.name_he, tag.name_ar) == ("Gardening", "גינון", "بستنة")
