"""Uploading, attaching and cleaning up images."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from PIL import Image as PILImage

from apps.core.ratelimit import RateLimited
from apps.media import services
from apps.media.models import Image
from apps.media.tasks import delete_orphan_images

from .factories import SECRETS, jpeg_with_metadata, make_image, png_bytes, upload

pytestmark = pytest.mark.django_db


def stored_bytes(name: str) -> bytes:
    with default_storage.open(name) as handle:
        return handle.read()


def test_upload_stores_our_encoding_under_a_random_name(member):
    data = jpeg_with_metadata(1400, 700)
    image = services.image_upload(
        uploader=member, file=upload(data, name="../../evil.php.jpg"), alt="  A\n flag  "
    )
    assert image.file.name.startswith(f"images/{image.token[:2]}/")
    assert image.file.name.endswith(".webp") and "evil" not in image.file.name
    assert (image.width, image.height) == (700, 1400)  # turned upright
    assert image.alt == "A flag" and image.format == "webp" and image.uploader == member
    assert image.attached_at is None
    stored = stored_bytes(image.file.name)
    assert stored != data and len(stored) == image.byte_size
    for secret in SECRETS:
        assert secret not in stored
    assert [v["width"] for v in image.variants] == [320, 640]
    for variant in image.variants:
        assert variant["name"].startswith(image.file.name[:-5] + "-")
        with PILImage.open(default_storage.open(variant["name"])) as opened:
            assert opened.width == variant["width"]
    assert image.srcset.endswith(f"{image.url} 700w")


def test_refused_upload_stores_nothing(member, settings):
    with pytest.raises(ValidationError) as caught:
        services.image_upload(uploader=member, file=upload(b"<html></html>"))
    assert caught.value.error_dict["file"][0].code == "image_unsupported"
    assert not Image.objects.exists()
    assert not (settings.MEDIA_ROOT / "images").exists()


def test_too_long_alt_is_refused(member):
    with pytest.raises(ValidationError) as caught:
        services.image_upload(uploader=member, file=upload(png_bytes()), alt="x" * 301)
    assert caught.value.error_dict["alt"][0].code == "alt_too_long"
    assert not Image.objects.exists()


def test_visitors_and_inactive_members_cannot_upload(member):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.image_upload(uploader=AnonymousUser(), file=upload(png_bytes()))
    member.is_active = False
    with pytest.raises(PermissionDenied):
        services.image_upload(uploader=member, file=upload(png_bytes()))


def test_uploads_are_rate_limited_per_member(member, settings):
    settings.QUORUM_RATE_LIMITS_ENABLED = True
    settings.QUORUM_RATE_LIMITS = "image.member=2/h,image.new_member=2/h"
    for _ in range(2):
        make_image(member)
    with pytest.raises(RateLimited):
        make_image(member)
    assert Image.objects.count() == 2


def test_image_from_bytes_uses_the_same_pipeline():
    image = services.image_from_bytes(data=png_bytes(50, 50))
    assert image.uploader is None and image.alt == ""
    with pytest.raises(ValidationError):
        services.image_from_bytes(data=b"<svg></svg>")


def test_attach_marks_the_images_a_body_shows_in_order(member):
    first, second, unused = make_image(member), make_image(member), make_image(member)
    html = (
        f'<p><img src="{second.variant_urls()[0][0]}" alt=""></p>'
        f'<img src="{first.url}" alt=""><img src="{second.url}" alt="">'
        '<img src="/media/images/00/00000000000000000000000000000000.webp" alt="">'
    )
    attached = services.images_attach(html=html, user=member)
    assert attached == [second, first]
    assert Image.objects.filter(attached_at__isnull=False).count() == 2
    unused.refresh_from_db()
    assert unused.attached_at is None


def test_orphans_older_than_the_cutoff_are_deleted_with_their_files(member):
    old_orphan = make_image(member, png_bytes(800, 400))
    old_attached = make_image(member)
    recent_orphan = make_image(member)
    services.images_attach(html=f'<img src="{old_attached.url}">', user=member)
    day_ago = timezone.now() - timedelta(hours=25)
    Image.objects.filter(pk__in=[old_orphan.pk, old_attached.pk]).update(created=day_ago)
    names = old_orphan.stored_names()
    assert len(names) == 3 and all(default_storage.exists(name) for name in names)

    assert delete_orphan_images.call() == 1

    assert not Image.objects.filter(pk=old_orphan.pk).exists()
    assert not any(default_storage.exists(name) for name in names)
    assert Image.objects.filter(pk__in=[old_attached.pk, recent_orphan.pk]).count() == 2
    assert default_storage.exists(old_attached.file.name)


def test_purge_command_runs_the_cleanup(member, capsys):
    orphan = make_image(member)
    Image.objects.filter(pk=orphan.pk).update(created=timezone.now() - timedelta(days=2))
    call_command("purge_orphan_images")
    assert "1 orphan image(s) deleted." in capsys.readouterr().out
    assert not Image.objects.exists()
