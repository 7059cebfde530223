"""Translated content (django-modeltranslation): community name, description
and rules, tag names. Pages show the reader's language and fall back to the
English original; creating, searching, sorting and slugs keep working."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from apps.communities.models import Community
from apps.communities.selectors import directory_page
from apps.tags.models import Tag
from conftest import make_member

pytestmark = pytest.mark.django_db


def html_of(client, url, code) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=code)
    assert response.status_code == 200, (url, code, response.status_code)
    return response.content.decode()


def test_the_readers_language_is_shown_else_the_english_original(client, site):
    Community.objects.filter(pk=site.gardening.pk).update(
        description_es="Verduras, hierbas y flores.", rules_de="Sei nett.\nSag, wo du gärtnerst."
    )
    assert '<h1 id="community-name">Jardinería</h1>' in html_of(client, "/c/gardening/", "es")
    assert '<h1 id="community-name">Gardening</h1>' in html_of(client, "/c/gardening/", "pt-br")
    about_es = html_of(client, "/c/gardening/about/", "es")
    assert "Verduras, hierbas y flores." in about_es
    assert "Be kind to beginners." in about_es  # no Spanish rules: the English ones
    about_de = html_of(client, "/c/gardening/about/", "de")
    assert "<li>Sag, wo du gärtnerst.</li>" in about_de
    assert "Vegetables, herbs and flowers." in about_de  # no German description


def test_an_empty_translation_falls_back_like_a_missing_one(client, site):
    Community.objects.filter(pk=site.gardening.pk).update(name_fr="")
    assert '<h1 id="community-name">Gardening</h1>' in html_of(client, "/c/gardening/", "fr")


def test_a_community_created_in_spanish_shows_in_english_too(client):
    member = make_member("rosa")
    client.force_login(member)
    response = client.post(
        "/communities/new/",
        {
            "name": "Huertos urbanos",
            "slug": "huertos",
            "description": "Cultivar en la ciudad.",
            "rules": "Sé amable.",
            "visibility": "public",
        },
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    community = Community.objects.get(slug="huertos")
    assert community.name_en == "Huertos urbanos"
    assert community.description_en == "<p>Cultivar en la ciudad.</p>"  # stored sanitized
    assert community.rules_en == "Sé amable."
    for code in ["en", "es", "de", "ar"]:
        assert "Huertos urbanos" in html_of(client, "/c/huertos/", code), code
        assert "Huertos urbanos" in html_of(client, "/communities/", code), code


def test_tags_show_their_translated_name_and_keep_their_address(client, site):
    assert "#tomates" in html_of(client, site.post.get_absolute_url(), "es")
    assert "#Tomaten" in html_of(client, "/t/tomatoes/", "de")
    assert "#tomatoes" in html_of(client, "/t/tomatoes/", "fr")  # no French name
    assert 'href="/t/tomatoes/"' in html_of(client, site.post.get_absolute_url(), "es")
    assert client.get("/t/tomates/").status_code == 404  # slugs do not translate


def test_new_tags_get_an_english_name(client, site):
    from apps.tags.services import tags_get_or_create

    with translation.override("de"):
        (tag,) = tags_get_or_create(["kompost"])
    tag.refresh_from_db()
    assert tag.name_en == "kompost"
    with translation.override("fr"):
        assert Tag.objects.get(slug="kompost").name == "kompost"


def test_the_directory_finds_communities_by_any_of_their_names(client, site):
    # In Spanish, by the English name of a community nobody translated.
    assert "Book club" in html_of(client, "/communities/?q=book", "es")
    # In English, by the Spanish name.
    assert "Gardening" in html_of(client, "/communities/?q=Jardiner", "en")
    # By address, whatever the language.
    assert "البستنة" in html_of(client, "/communities/?q=gardening", "ar")
    assert "Book club" not in html_of(client, "/communities/?q=Jardiner", "en")


def test_sorting_by_name_sorts_the_names_readers_see(site):
    Community.objects.filter(pk=site.books.pk).update(name_es="Club de lectura")
    with translation.override("en"):
        names = [c.name for c in directory_page(viewer=site.alice, sort="name").items]
    assert names == ["Book club", "Gardening", "Night shift"]
    with translation.override("es"):
        names = [c.name for c in directory_page(viewer=site.alice, sort="name").items]
    assert names == ["Club de lectura", "Jardinería", "Night shift"]


def test_sorting_by_name_pages_through_every_community(site):
    owner = site.alice
    for index in range(7):
        Community.objects.create(slug=f"extra-{index}", name=f"Extra {index}", owner=owner)
    with translation.override("de"):
        seen, cursor = [], None
        while True:
            page = directory_page(viewer=owner, sort="name", cursor=cursor, page_size=3)
            seen += [c.slug for c in page.items]
            cursor = page.next_cursor
            if not cursor:
                break
    assert sorted(seen) == sorted(Community.objects.values_list("slug", flat=True))
    assert len(seen) == len(set(seen))


def test_the_admin_edits_each_language_and_keeps_the_original_in_english(client, site):
    staff = make_member("stella", is_staff=True, is_superuser=True)
    client.force_login(staff)
    url = f"/admin/communities/community/{site.gardening.pk}/change/"
    html = html_of(client, url, "es")
    for field in ["name", "description", "rules"]:
        for code in ["en", "es", "fr", "de", "pt_br", "ar"]:
            assert f'name="{field}_{code}"' in html, (field, code)
    data = {
        "name_en": "Gardening",
        "name_es": "Jardines",
        "name_fr": "",
        "name_de": "",
        "name_pt_br": "",
        "name_ar": "",
        "description_en": "Vegetables, herbs and flowers.",
        "rules_en": "Be kind.",
        "visibility": "public",
        "owner": site.alice.pk,
    }
    for field in ["description", "rules"]:
        for code in ["es", "fr", "de", "pt_br", "ar"]:
            data.setdefault(f"{field}_{code}", "")
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302, response.content.decode()[:3000]
    community = Community.objects.get(pk=site.gardening.pk)
    assert (community.name_en, community.name_es, community.name_fr) == (
        "Gardening",
        "Jardines",
        None,
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM communities_community WHERE id = %s", [community.pk])
        assert cursor.fetchone()[0] == "Gardening"  # the original column stays English


def test_the_migration_gives_existing_rows_their_english_columns(site):
    executor = MigrationExecutor(connection)
    state = executor.loader.project_state(("communities", "0003_fill_english_translations"))
    historical = state.apps.get_model("communities", "Community")
    historical.objects.update(name_en=None, description_en=None, rules_en="")
    from importlib import import_module

    migration = import_module("apps.communities.migrations.0003_fill_english_translations")
    migration.fill_english(state.apps, None)
    gardening = Community.objects.get(slug="gardening")
    assert gardening.name_en == "Gardening"
    assert gardening.rules_en.startswith("Be kind")

    tags_state = executor.loader.project_state(("tags", "0003_fill_english_translations"))
    tags_state.apps.get_model("tags", "Tag").objects.update(name_en=None)
    import_module("apps.tags.migrations.0003_fill_english_translations").fill_english(
        tags_state.apps, None
    )
    assert Tag.objects.get(slug="tomatoes").name_en == "tomatoes"


@pytest.mark.parametrize("code", ["en", "es", "ar"])
def test_site_search_finds_communities_by_name_in_every_language(client, site, code):
    html = html_of(client, "/search/?q=book+club&type=communities", code)
    assert 'href="/c/books/"' in html, code
