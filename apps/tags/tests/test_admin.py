"""The tag admin writes through the services: the slug stays normalized, the
post count is never written, the feeds are refreshed."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from apps.core.cache import feed_version
from apps.tags import services
from apps.tags.models import Tag

pytestmark = pytest.mark.django_db


def names(**values) -> dict:
    return {**dict.fromkeys(services.name_fields(), ""), **values}


@pytest.fixture
def tag(db):
    return Tag.objects.create(slug="python", name="Python", post_count=3)


def test_admin_adds_a_normalized_tag(admin_client):
    response = admin_client.post(
        reverse("admin:tags_tag_add"), {"slug": "Rust", **names(name_en="Rust")}
    )
    assert response.status_code == 302
    assert Tag.objects.get().slug == "rust"


def test_admin_refuses_a_tag_that_exists_in_another_case(admin_client, tag):
    response = admin_client.post(
        reverse("admin:tags_tag_add"), {"slug": "PYTHON", **names(name_en="Python")}
    )
    assert response.status_code == 200
    assert Tag.objects.count() == 1


def test_admin_rename_keeps_the_count_and_refreshes_feeds(
    admin_client, tag, django_capture_on_commit_callbacks
):
    before = feed_version()
    url = reverse("admin:tags_tag_change", args=[tag.pk])
    data = {**names(name_en="Python 3", name_fr="Python trois"), "post_count": 0, "slug": "x"}
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    tag.refresh_from_db()
    assert (tag.slug, tag.name, tag.name_fr, tag.post_count) == (
        "python",
        "Python 3",
        "Python trois",
        3,
    )
    assert feed_version() != before


def test_admin_delete_and_bulk_delete_refresh_feeds(
    admin_client, tag, django_capture_on_commit_callbacks
):
    other = Tag.objects.create(slug="rust", name="Rust")
    before = feed_version()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:tags_tag_delete", args=[tag.pk]), {"post": "yes"})
    deleted_one = feed_version()
    assert deleted_one != before
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:tags_tag_changelist"),
            {"action": "delete_selected", "post": "yes", ACTION_CHECKBOX_NAME: [other.pk]},
        )
    assert not Tag.objects.exists()
    assert feed_version() != deleted_one
