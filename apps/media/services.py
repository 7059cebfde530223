"""Writes for images. Keyword-only, typed, atomic.

An upload is re-encoded by apps.media.pipeline and stored through the
default storage (local files or S3-compatible, by STORAGES alone) under a
random name; the bytes sent are never stored. Images live unattached until a
post's body uses them (`images_attach`, called by apps.posts.services); those
never attached are deleted after QUORUM_IMAGE_ORPHAN_HOURS
(`image_orphans_delete`, the daily task of apps.media.tasks).

Files are written before the row and deleted again if the row cannot be
saved; a transaction of the caller's that rolls back later leaves files
without a row, which cost storage only (their names are random, nothing
links to them).
"""

import logging
import re
import uuid
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.ratelimit import check as rate_limit
from apps.core.refusals import raise_refusal

from . import policies
from .models import ALT_MAX_LENGTH, Image
from .pipeline import ProcessedImage, process_image

logger = logging.getLogger(__name__)

# Control characters: never part of an alternative text.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A stored image's name (and so its URL after MEDIA_URL): images/<2 hex>/<32 hex>,
# "-<width>" for a variant, our one extension.
IMAGE_NAME = r"images/[0-9a-f]{2}/([0-9a-f]{32})(?:-\d{1,5})?\.webp"


def clean_alt(raw: str) -> str:
    """The alternative text on one line, at most ALT_MAX_LENGTH characters."""
    alt = " ".join(_CONTROL.sub(" ", raw or "").split())
    if len(alt) <= ALT_MAX_LENGTH:
        return alt
    # Translators: the description (alternative text) of an uploaded image; %(limit)s is the
    # longest allowed length, %(count)s the length of the member's text (numbers).
    message = _("The description is too long: at most %(limit)s characters (it has %(count)s).")
    numbers = {
        "limit": number_format(ALT_MAX_LENGTH, force_grouping=True),
        "count": number_format(len(alt), force_grouping=True),
    }
    raise ValidationError({"alt": ValidationError(message % numbers, code="alt_too_long")})


def _store(processed: ProcessedImage, *, uploader: User | None, alt: str) -> Image:
    token = uuid.uuid4().hex
    base = f"images/{token[:2]}/{token}"
    saved: list[str] = []
    try:
        name = default_storage.save(f"{base}.webp", ContentFile(processed.full.data))
        saved.append(name)
        variants = []
        for variant in processed.variants:
            variant_name = default_storage.save(
                f"{base}-{variant.width}.webp", ContentFile(variant.data)
            )
            saved.append(variant_name)
            variants.append(
                {"width": variant.width, "height": variant.height, "name": variant_name}
            )
        image = Image(
            uploader=uploader,
            file=name,
            width=processed.full.width,
            height=processed.full.height,
            format=processed.format,
            byte_size=len(processed.full.data),
            alt=alt,
            variants=variants,
        )
        image.full_clean()
        image.save()
    except BaseException:
        _delete_files(saved)
        raise
    return image


def _delete_files(names: Iterable[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # a storage outage: the file stays, nothing links to it
            logger.warning("could not delete image file %s", name, exc_info=True)


@transaction.atomic
def image_upload(*, uploader: User, file, alt: str = "", client_ip: str | None = None) -> Image:
    """A member uploads an image (the editor, the submit form's file field,
    the API). Rate-limited per member and address ("image"). Raises
    ValidationError (on `file` or `alt`) or PermissionDenied."""
    raise_refusal(policies.upload_refusal(uploader))
    alt = clean_alt(alt)
    rate_limit("image", user=uploader, client_ip=client_ip)
    try:
        processed = process_image(file)
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from None
    return _store(processed, uploader=uploader, alt=alt)


@transaction.atomic
def image_from_bytes(*, data: bytes, uploader: User | None = None) -> Image:
    """An image from bytes we fetched ourselves (a link preview's picture):
    the same checks and re-encoding as an upload, no rate limit (the caller
    limits its own fetching)."""
    return _store(process_image(data), uploader=uploader, alt="")


def _media_src() -> re.Pattern[str]:
    return re.compile(r"""src=["']""" + re.escape(settings.MEDIA_URL) + IMAGE_NAME + """["']""")


def image_tokens_in(html: str) -> list[str]:
    """The tokens (32 hex) of our images an HTML body shows, in order, once each."""
    return list(dict.fromkeys(_media_src().findall(html or "")))


def images_in(html: str) -> list[Image]:
    """The stored images a body shows, in order of appearance (1 query, none
    without images)."""
    tokens = image_tokens_in(html)
    if not tokens:
        return []
    names = [f"images/{token[:2]}/{token}.webp" for token in tokens]
    by_name = {image.file.name: image for image in Image.objects.filter(file__in=names)}
    return [by_name[name] for name in names if name in by_name]


@transaction.atomic
def images_attach(*, html: str, user: User | None) -> list[Image]:
    """Mark the images a post's body shows as attached (kept for good), and
    return them in order of appearance: the first is the post's thumbnail.
    Images attached already stay as they were. 2 queries at most (none for
    a body without our images)."""
    images = images_in(html)
    unattached = [image.pk for image in images if image.attached_at is None]
    if unattached:
        now = timezone.now()
        Image.objects.filter(pk__in=unattached, attached_at__isnull=True).update(attached_at=now)
        for image in images:
            if image.attached_at is None:
                image.attached_at = now
    return images


@transaction.atomic
def images_mark_attached(*, images: Iterable[Image]) -> None:
    """Keep these images for good (a link preview's picture used as a thumbnail)."""
    pks = [image.pk for image in images if image.attached_at is None]
    if pks:
        Image.objects.filter(pk__in=pks, attached_at__isnull=True).update(
            attached_at=timezone.now()
        )


@transaction.atomic
def images_erase_for_uploader(*, user: User) -> int:
    """Delete every image `user` uploaded: rows now, files once the
    transaction commits. The "remove my content" of an account deletion
    (apps.privacy), which empties the bodies that showed them in the same
    transaction; posts lose them as thumbnails (SET_NULL). Returns how many."""
    images = list(Image.objects.filter(uploader=user))
    names = [name for image in images for name in image.stored_names()]
    Image.objects.filter(pk__in=[image.pk for image in images]).delete()
    transaction.on_commit(lambda: _delete_files(names))
    return len(images)


def image_orphans_delete(older_than: datetime) -> int:
    """Delete the images no post ever used, uploaded before `older_than`,
    with their files and variants; returns how many. Each row is deleted
    only while still unattached (a conditional DELETE), so an image a post
    attaches meanwhile is kept; its files go once its row is gone."""
    deleted = 0
    for image in Image.objects.orphans(older_than=older_than).iterator():
        with transaction.atomic():
            count, _rows = Image.objects.filter(pk=image.pk, attached_at__isnull=True).delete()
        if count:
            _delete_files(image.stored_names())
            deleted += 1
    return deleted


def image_delete(*, image: Image) -> None:
    """Delete an image and its files (staff, in the admin). Posts showing it
    lose it: the sanitizer keeps the tag, the file answers 404; thumbnails
    pointing at it are cleared by the foreign key (SET_NULL)."""
    names = image.stored_names()
    with transaction.atomic():
        Image.objects.filter(pk=image.pk).delete()
    _delete_files(names)
