"""The pipeline against a hostile corpus: everything is refused, or
re-encoded so what is stored is never the bytes sent."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from apps.media.pipeline import process_image

from .factories import (
    HTML_NAMED_PNG,
    POLYGLOT_PAYLOAD,
    SECRETS,
    SVG_WITH_SCRIPT,
    gif_bytes,
    gif_html_polyglot,
    icc_profile,
    jpeg_with_metadata,
    png_bytes,
    png_header_claiming,
    swapped_rgb_profile,
    truncated_jpeg,
)


def refusal_code(data: bytes) -> str | None:
    with pytest.raises(ValidationError) as caught:
        process_image(data)
    return caught.value.code


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (SVG_WITH_SCRIPT, "image_unsupported"),
        (HTML_NAMED_PNG, "image_unsupported"),
        (truncated_jpeg(), "image_unsupported"),
        (b"", "image_empty"),
        (b"GIF89a", "image_unsupported"),
    ],
    ids=["svg-with-script", "html-named-png", "truncated-jpeg", "zero-bytes", "gif-header-only"],
)
def test_hostile_files_are_refused(data, code):
    assert refusal_code(data) == code


def test_decompression_bomb_is_refused_from_its_header():
    bomb = png_header_claiming(50_000, 50_000)
    assert len(bomb) < 200
    assert refusal_code(bomb) == "image_too_many_pixels"


def test_fifty_megapixel_header_is_refused_before_decoding(settings):
    settings.QUORUM_IMAGE_MAX_PIXELS = 40_000_000
    assert refusal_code(png_header_claiming(10_000, 5_000)) == "image_too_many_pixels"


def test_an_extreme_aspect_ratio_is_refused(settings):
    settings.QUORUM_IMAGE_MAX_SIDE = 12_000
    assert refusal_code(png_header_claiming(20_000, 10)) == "image_too_long"


def test_oversized_byte_count_is_refused_without_reading_further(settings):
    settings.QUORUM_IMAGE_MAX_BYTES = 1000

    class Endless(io.RawIOBase):
        def __init__(self) -> None:
            self.read_sizes: list[int] = []

        def read(self, size=-1):
            self.read_sizes.append(size)
            return b"\xff" * (size if size and size > 0 else 10**6)

    source = Endless()
    with pytest.raises(ValidationError) as caught:
        process_image(source)
    assert caught.value.code == "image_too_large"
    assert source.read_sizes == [1001]


def test_refusal_message_names_the_limit(settings):
    settings.QUORUM_IMAGE_MAX_BYTES = 5 * 512 * 1024
    with pytest.raises(ValidationError) as caught:
        process_image(b"x" * (5 * 512 * 1024 + 1))
    assert caught.value.messages == ["The image is too large: the limit is 2.5 MB."]


def test_polyglot_is_re_encoded_without_its_payload():
    data = gif_html_polyglot()
    processed = process_image(data)
    stored = processed.full.data
    assert stored != data
    assert POLYGLOT_PAYLOAD not in stored and b"<script" not in stored
    assert Image.open(io.BytesIO(stored)).format == "WEBP"


def test_metadata_is_stripped_and_orientation_applied():
    data = jpeg_with_metadata(40, 20, orientation=6)
    processed = process_image(data)
    stored = processed.full.data
    assert stored != data
    for secret in SECRETS:
        assert secret not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "WEBP"
        assert not image.info.get("exif") and not image.info.get("xmp")
        assert not image.info.get("icc_profile")
        # 40 × 20 turned a quarter clockwise: 20 wide, 40 high, red on top.
        assert image.size == (20, 40)
        rgb = image.convert("RGB")
        top, bottom = rgb.getpixel((10, 5)), rgb.getpixel((10, 35))
    assert top[0] > 200 and top[2] < 60, top
    assert bottom[2] > 200 and bottom[0] < 60, bottom


def test_colours_of_another_profile_are_converted_to_srgb():
    out = io.BytesIO()
    # Green in a profile whose green primary is sRGB's red: stored as red.
    Image.new("RGB", (8, 8), (0, 255, 0)).save(out, "PNG", icc_profile=swapped_rgb_profile())
    processed = process_image(out.getvalue())
    with Image.open(io.BytesIO(processed.full.data)) as image:
        assert not image.info.get("icc_profile")
        converted = image.convert("RGB").getpixel((4, 4))
    assert converted[0] > 240 and converted[1] < 15, converted
    # An sRGB profile (or none) leaves the colours as they are.
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 255, 0)).save(out, "PNG", icc_profile=icc_profile())
    with Image.open(io.BytesIO(process_image(out.getvalue()).full.data)) as image:
        kept = image.convert("RGB").getpixel((4, 4))
    assert kept[1] > 240 and kept[0] < 15, kept


def test_transparency_is_kept_and_gif_keeps_its_first_frame_only():
    png = process_image(png_bytes(64, 48, "RGBA", transparent=True))
    assert Image.open(io.BytesIO(png.full.data)).mode == "RGBA"
    animated = process_image(gif_bytes(30, 30, frames=3))
    with Image.open(io.BytesIO(animated.full.data)) as image:
        assert getattr(image, "n_frames", 1) == 1


def test_variants_are_narrower_copies_of_a_large_image():
    processed = process_image(png_bytes(3000, 1500, "RGB"))
    assert (processed.full.width, processed.full.height) == (2048, 1024)
    assert [v.width for v in processed.variants] == [320, 640, 1280]
    assert [v.height for v in processed.variants] == [160, 320, 640]


def test_small_image_has_no_variants():
    processed = process_image(png_bytes(100, 50, "RGB"))
    assert (processed.full.width, processed.full.height) == (100, 50)
    assert processed.variants == []
