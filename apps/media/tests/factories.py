"""Image files built in the tests: good ones with metadata to strip, and a
hostile corpus (nothing read from disk, nothing downloaded)."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.media.services import image_upload

SECRET_EXIF = "SECRET-EXIF-CAMERA-SERIAL"
SECRET_COMMENT = b"SECRET-JPEG-COMMENT"
SECRET_XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">SECRET-XMP-LOCATION</x:xmpmeta>'
SECRETS = (SECRET_EXIF.encode(), SECRET_COMMENT, b"SECRET-XMP-LOCATION")


def two_colour(width: int = 40, height: int = 20, mode: str = "RGB") -> Image.Image:
    """Left half red, right half blue: shows which way an image was turned."""
    image = Image.new(mode, (width, height), "red")
    image.paste(Image.new(mode, (width - width // 2, height), "blue"), (width // 2, 0))
    return image


def icc_profile() -> bytes:
    """An sRGB ICC profile."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def swapped_rgb_profile() -> bytes:
    """A minimal ICC v2 RGB display profile whose red and green primaries are
    sRGB's swapped (linear curves): its pure green is sRGB's pure red."""

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ " + b"\0" * 4 + s15(x) + s15(y) + s15(z)

    curve = b"curv" + b"\0" * 4 + struct.pack(">I", 0)  # no entries: identity
    tags = [
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.3851, 0.7169, 0.0971)),  # sRGB's green
        (b"gXYZ", xyz(0.4361, 0.2225, 0.0139)),  # sRGB's red
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body + b"\0" * (-len(body) % 4)
    size = offset + len(data)
    header = (
        struct.pack(">I", size)
        + b"\0" * 4
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + b"\0" * 12
        + b"acsp"
        + b"\0" * 24
        + struct.pack(">I", 0)
        + s15(0.9642)
        + s15(1.0)
        + s15(0.8249)
    )
    header += b"\0" * (128 - len(header))
    return header + struct.pack(">I", len(tags)) + table + data


def jpeg_with_metadata(width: int = 40, height: int = 20, orientation: int = 6) -> bytes:
    """A JPEG with EXIF (orientation, a camera serial), XMP, an ICC profile
    and a comment."""
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation: 6 = turn 90° clockwise to view
    exif[0xA431] = SECRET_EXIF  # BodySerialNumber
    out = io.BytesIO()
    two_colour(width, height).save(
        out,
        "JPEG",
        quality=95,
        exif=exif.tobytes(),
        comment=SECRET_COMMENT,
        xmp=SECRET_XMP,
        icc_profile=icc_profile(),
    )
    return out.getvalue()


def png_bytes(
    width: int = 64, height: int = 48, mode: str = "RGBA", *, transparent: bool = False
) -> bytes:
    image = two_colour(width, height, mode)
    if transparent:
        image.paste((0, 0, 0, 0), (0, 0, width // 2, height))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def gif_bytes(width: int = 30, height: int = 30, frames: int = 1) -> bytes:
    out = io.BytesIO()
    images = [Image.new("P", (width, height), index) for index in range(frames)]
    images[0].save(out, "GIF", save_all=frames > 1, append_images=images[1:])
    return out.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares `width` × `height` (a decompression
    bomb's shape): a valid IHDR, a few bytes of compressed zeros, IEND."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
HTML_NAMED_PNG = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
POLYGLOT_PAYLOAD = b"<html><script>alert('polyglot')</script></html>"


def gif_html_polyglot() -> bytes:
    """A valid GIF with HTML and script appended after its trailer."""
    return gif_bytes(16, 16) + POLYGLOT_PAYLOAD


def truncated_jpeg() -> bytes:
    data = jpeg_with_metadata(200, 150)
    return data[: len(data) // 2]


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_image(uploader, data: bytes | None = None, alt: str = "A red and blue flag"):
    """An image as a member's upload stores it (through image_upload)."""
    return image_upload(uploader=uploader, file=upload(data or png_bytes()), alt=alt)
