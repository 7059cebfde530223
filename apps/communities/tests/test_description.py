"""Descriptions take the comments' small rich-text allowlist, in every
language's column: stored as sanitized HTML, shown as HTML on the about page
and as plain text in summaries."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.communities.models import Community
from apps.communities.services import (
    MAX_DESCRIPTION_LENGTH,
    community_create,
    community_update,
)

pytestmark = pytest.mark.django_db


def test_created_description_is_stored_as_escaped_paragraphs(member):
    community = community_create(
        owner=member, slug="bread", name="Bread", description="Flour & water.\n\n1 < 2"
    )
    assert community.description == "<p>Flour &amp; water.</p><p>1 &lt; 2</p>"


def test_description_html_is_sanitized_in_every_language(community, owner):
    community_update(
        actor=owner,
        community=community,
        changes={
            "description_en": (
                '<p><em>Soil</em> <a href="javascript:x()">x</a></p><script>1</script>'
            ),
            "description_fr": "Terre\n\net compost",
        },
    )
    community.refresh_from_db()
    assert community.description_en == '<p><em>Soil</em> <a rel="nofollow ugc noopener">x</a></p>'
    assert community.description_fr == "<p>Terre</p><p>et compost</p>"


def test_too_long_description_is_refused_and_nothing_is_saved(community, owner):
    with pytest.raises(ValidationError) as caught:
        community_update(
            actor=owner,
            community=community,
            changes={"name_en": "New", "description_en": "x" * (MAX_DESCRIPTION_LENGTH + 1)},
        )
    assert "description_en" in caught.value.message_dict
    community.refresh_from_db()
    assert community.name_en != "New"


def test_about_page_renders_html_and_summaries_plain_text(client, community, owner):
    community_update(
        actor=owner,
        community=community,
        changes={
            "description_en": "<p>We <strong>grow</strong> <a href='https://a.example'>food</a></p>"
        },
    )
    about = client.get(reverse("communities:about", args=[community.slug])).content.decode()
    assert "We <strong>grow</strong>" in about
    assert '<p class="community-summary">We grow food</p>' in about
    directory = client.get(reverse("communities:directory")).content.decode()
    assert "We grow food" in directory and "&lt;strong&gt;" not in directory


def test_create_form_stores_the_description_as_html(member_client):
    member_client.post(
        reverse("communities:create"),
        {"name": "Tea", "slug": "tea", "description": "Leaves\n\n- green", "visibility": "public"},
    )
    assert Community.objects.get(slug="tea").description == "<p>Leaves</p><p>- green</p>"


def test_api_gives_the_description_as_text_and_html(client, community, owner):
    community_update(
        actor=owner, community=community, changes={"description_en": "<p>A <b>b</b></p>"}
    )
    body = client.get(f"/api/v1/communities/{community.slug}/").json()
    assert body["description"] == "A b"
    assert body["description_html"] == "<p>A <b>b</b></p>"
