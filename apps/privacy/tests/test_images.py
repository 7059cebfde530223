"""A departing member who removes their content takes the pictures they
uploaded (apps.media) with it, files included; one who keeps it keeps them."""

import pytest
from django.core.files.storage import default_storage

from apps.media.models import Image
from apps.media.tests.factories import make_image
from apps.privacy import services

pytestmark = pytest.mark.django_db


def test_removing_my_content_deletes_my_images_and_their_files(
    world, django_capture_on_commit_callbacks
):
    mine = make_image(world.dora)
    theirs = make_image(world.bob)
    names = mine.stored_names()
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        services.account_delete(actor=world.dora, user=world.dora, remove_content=True)

    assert not Image.objects.filter(pk=mine.pk).exists()
    assert not any(default_storage.exists(name) for name in names)
    assert Image.objects.filter(pk=theirs.pk).exists()


def test_keeping_my_content_keeps_my_images(world, django_capture_on_commit_callbacks):
    mine = make_image(world.dora)

    with django_capture_on_commit_callbacks(execute=True):
        services.account_delete(actor=world.dora, user=world.dora)

    assert Image.objects.filter(pk=mine.pk).exists()
