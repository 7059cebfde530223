"""Avatar uploads: validated by Pillow, bounded, and re-encoded.

Re-encoding means what we store and serve is pixels we wrote ourselves:
no SVG, HTML, polyglot files or metadata survive an upload.
"""

import io
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def process_avatar(upload) -> ContentFile:
    """Check an uploaded file and return a square WebP ready to store.

    Raises ValidationError with a message for the member on anything else.
    """
    if upload.size > settings.AVATAR_MAX_BYTES:
        raise ValidationError(
            # Translators: Avatar upload; %(limit)s is the largest file size, a number of
            # megabytes.
            _("The image is too large: the limit is %(limit)s MB.")
            % {"limit": settings.AVATAR_MAX_BYTES // (1024 * 1024)},
            code="avatar_too_large",
        )
    unsupported = ValidationError(
        _("Upload a JPEG, PNG, GIF or WebP image."), code="avatar_invalid"
    )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            # Only the header has been read: refuse decompression bombs before decoding.
            if probe.format not in ALLOWED_FORMATS:
                raise unsupported
            width, height = probe.size
            if width * height > settings.AVATAR_MAX_PIXELS:
                raise ValidationError(
                    # Translators: Avatar upload; %(w)s is the largest width and %(h)s the largest
                    # height, in pixels.
                    _("The image has too many pixels: at most %(w)s × %(h)s.")
                    % {"w": 4096, "h": 4096},
                    code="avatar_too_many_pixels",
                )
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as opened:
            opened.load()
            image = ImageOps.exif_transpose(opened)
            image = image.convert("RGBA" if image.mode in {"RGBA", "LA", "P"} else "RGB")
            size = settings.AVATAR_SIZE
            image = ImageOps.fit(image, (size, size), method=Image.Resampling.LANCZOS)
            out = io.BytesIO()
            image.save(out, format="WEBP", quality=85)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise unsupported from None
    return ContentFile(out.getvalue(), name=f"{secrets.token_hex(8)}.webp")
