"""Image uploads: checked before decoding, then re-encoded by us.

What we store is never the bytes a member sent: the file is decoded with
Pillow (JPEG, PNG, WebP and GIF only; any other format, SVG and HTML
included, is refused), turned upright by its EXIF orientation, its colours
converted to sRGB when it carries another ICC profile, copied into a fresh
image (no EXIF, XMP, ICC profile, comments or any other metadata survive)
and written again as WebP, with narrower variants for `srcset`.

Order of the checks, cheapest first, so a hostile file costs little:
1. the byte count (QUORUM_IMAGE_MAX_BYTES), before reading past the limit;
2. the header alone (Image.open reads no pixels): its format, its pixel
   count (QUORUM_IMAGE_MAX_PIXELS) and longest side (QUORUM_IMAGE_MAX_SIDE).
   Pillow's own DecompressionBombWarning/Error count as too many pixels;
3. decoding: a truncated or corrupt file fails here and is refused.

Animated GIF and WebP: the first frame only is kept (a still image), so an
animation's frame count never multiplies the work or the stored size.
"""

import io
import warnings
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
# The stored image fits in this square; narrower copies for srcset below.
DISPLAY_MAX_SIDE = 2048
VARIANT_WIDTHS = (320, 640, 1280)
OUTPUT_FORMAT = "WEBP"
OUTPUT_EXTENSION = "webp"
OUTPUT_QUALITY = 82


@dataclass(frozen=True)
class Encoded:
    width: int
    height: int
    data: bytes


@dataclass(frozen=True)
class ProcessedImage:
    """The re-encoded image and its narrower variants (narrowest first)."""

    full: Encoded
    variants: list[Encoded] = field(default_factory=list)
    format: str = OUTPUT_EXTENSION


def _megabytes(size: int) -> str:
    return number_format(size / (1024 * 1024), decimal_pos=1)


def unsupported_error() -> ValidationError:
    return ValidationError(
        _("This file is not an image we accept: upload a JPEG, PNG, GIF or WebP image."),
        code="image_unsupported",
    )


def read_limited(source: IO[bytes] | bytes) -> bytes:
    """The bytes of an upload, refusing an empty one and, without reading
    past the limit, one over QUORUM_IMAGE_MAX_BYTES."""
    limit = settings.QUORUM_IMAGE_MAX_BYTES
    if isinstance(source, bytes | bytearray):
        data = bytes(source[: limit + 1])
    else:
        if getattr(source, "seekable", lambda: False)():
            source.seek(0)
        data = source.read(limit + 1)
    if not data:
        raise ValidationError(_("The file is empty."), code="image_empty")
    if len(data) > limit:
        raise ValidationError(
            # Translators: %(limit)s is the largest image file size, a number of megabytes
            # (e.g. 2.5).
            _("The image is too large: the limit is %(limit)s MB.") % {"limit": _megabytes(limit)},
            code="image_too_large",
        )
    return data


def _check_header(probe: Image.Image) -> None:
    width, height = probe.size
    if width < 1 or height < 1:
        raise unsupported_error()
    if width * height > settings.QUORUM_IMAGE_MAX_PIXELS:
        raise _too_many_pixels()
    if max(width, height) > settings.QUORUM_IMAGE_MAX_SIDE:
        raise ValidationError(
            # Translators: %(limit)s is the longest side an image may have, in pixels.
            _("The image is too long or too wide: at most %(limit)s pixels on a side.")
            % {"limit": number_format(settings.QUORUM_IMAGE_MAX_SIDE, force_grouping=True)},
            code="image_too_long",
        )


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        # Translators: %(limit)s is the most pixels an image may have, in megapixels (e.g. 40).
        _("The image has too many pixels: at most %(limit)s megapixels.")
        % {"limit": number_format(settings.QUORUM_IMAGE_MAX_PIXELS / 1_000_000, decimal_pos=0)},
        code="image_too_many_pixels",
    )


_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _in_srgb(image: Image.Image, icc_profile: bytes | None, mode: str) -> Image.Image:
    """`image` in `mode`, its colours turned into sRGB when it carries another
    ICC profile (a phone's Display P3 photo), so dropping the profile does not
    shift them. A profile that cannot be read is ignored."""
    if icc_profile and image.mode in {"RGB", "RGBA", "CMYK"}:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass
    return image.convert(mode)


def _fresh_copy(image: Image.Image, icc_profile: bytes | None = None) -> Image.Image:
    """The pixels alone in a new image, in sRGB: no info dict, EXIF, XMP, ICC
    profile or comment can ride along into the encoder."""
    mode = "RGBA" if image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info else "RGB"
    converted = _in_srgb(image, icc_profile, mode)
    clean = Image.new(mode, converted.size)
    clean.paste(converted)
    return clean


def _encode(image: Image.Image) -> Encoded:
    out = io.BytesIO()
    image.save(out, format=OUTPUT_FORMAT, quality=OUTPUT_QUALITY, method=4)
    return Encoded(width=image.width, height=image.height, data=out.getvalue())


def _resized(image: Image.Image, width: int) -> Image.Image:
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)


def process_image(source: IO[bytes] | bytes) -> ProcessedImage:
    """Check and re-encode an upload (a file object or bytes). Raises
    ValidationError (translated message, a code starting with `image_`)
    for anything we do not store."""
    data = read_limited(source)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS) as probe:
                # Only the header has been read so far.
                _check_header(probe)
                probe.seek(0)  # the first frame of an animation
                probe.load()
                upright = ImageOps.exif_transpose(probe)
                clean = _fresh_copy(upright, probe.info.get("icc_profile"))
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, MemoryError):
        raise unsupported_error() from None
    clean.thumbnail((DISPLAY_MAX_SIDE, DISPLAY_MAX_SIDE), Image.Resampling.LANCZOS)
    variants = [_encode(_resized(clean, width)) for width in VARIANT_WIDTHS if width < clean.width]
    return ProcessedImage(full=_encode(clean), variants=variants)
