"""Staff see uploaded images read-only; deleting one deletes its files."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from apps.media.models import Image
from conftest import make_member

from .factories import make_image, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_member("root", is_staff=True, is_superuser=True))
    return client


def test_the_list_and_an_image_show_read_only(admin_client, member):
    image = make_image(member)
    assert admin_client.get(reverse("admin:media_image_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:media_image_change", args=[image.pk]))
    assert page.status_code == 200
    assert b'name="alt"' not in page.content
    assert admin_client.get(reverse("admin:media_image_add")).status_code == 403


def test_deleting_in_the_admin_deletes_the_files(admin_client, member):
    image = make_image(member, png_bytes(900, 450))
    names = image.stored_names()
    assert all(default_storage.exists(name) for name in names)
    response = admin_client.post(
        reverse("admin:media_image_delete", args=[image.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Image.objects.exists()
    assert not any(default_storage.exists(name) for name in names)
