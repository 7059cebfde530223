"""Pictures for the demo posts, drawn with Pillow at seed time (nothing is
downloaded): two bar charts and a night sky. Each drawing matches the
alternative text its post gives it (apps/demo/content)."""

import io
import random
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 800, 450
BACKGROUND = (248, 250, 252)
INK = (27, 31, 36)
BAR = (36, 87, 197)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without a scalable default font
        return ImageFont.load_default()


def _bar_chart(title: str, unit: str, bars: list[tuple[str, float]]) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((40, 24), title, fill=INK, font=_font(28))
    left, right, top, bottom = 70, WIDTH - 40, 90, HEIGHT - 60
    draw.line([(left, top), (left, bottom), (right, bottom)], fill=INK, width=2)
    highest = max(value for _label, value in bars)
    slot = (right - left) / len(bars)
    for index, (label, value) in enumerate(bars):
        x0 = left + slot * index + slot * 0.2
        x1 = left + slot * (index + 1) - slot * 0.2
        y0 = bottom - (bottom - top - 20) * value / highest
        draw.rectangle([(x0, y0), (x1, bottom - 1)], fill=BAR)
        draw.text(
            ((x0 + x1) / 2, y0 - 8), f"{value:g} {unit}", fill=INK, font=_font(18), anchor="mb"
        )
        draw.text(((x0 + x1) / 2, bottom + 10), label, fill=INK, font=_font(18), anchor="mt")
    return image


def harvest_chart() -> Image.Image:
    return _bar_chart(
        "Harvest this year (kg)",
        "kg",
        [("Courgettes", 14), ("Tomatoes", 9), ("Beans", 4), ("Potatoes", 6), ("Lettuce", 2)],
    )


def test_times_chart() -> Image.Image:
    return _bar_chart(
        "CI test suite duration (minutes)",
        "min",
        [("Team A", 2), ("Team B", 4), ("Team C", 9), ("Team D", 6), ("Team E", 14)],
    )


def night_sky() -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):  # deep blue at the horizon to black overhead
        share = y / HEIGHT
        draw.line(
            [(0, y), (WIDTH, y)],
            fill=(int(4 + 16 * share), int(8 + 28 * share), int(20 + 70 * share)),
        )
    rng = random.Random(7)
    for _star in range(260):
        x, y, size = (
            rng.randrange(WIDTH),
            rng.randrange(int(HEIGHT * 0.75)),
            rng.choice([1, 1, 1, 2]),
        )
        shade = rng.randint(150, 255)
        draw.ellipse([(x, y), (x + size, y + size)], fill=(shade, shade, min(255, shade + 20)))
    # A crescent moon: a bright disc with a sky-coloured disc over it.
    draw.ellipse([(600, 60), (680, 140)], fill=(246, 241, 213))
    draw.ellipse([(620, 50), (700, 130)], fill=(7, 13, 34))
    # The dark hillside.
    draw.polygon(
        [(0, HEIGHT), (0, 360), (180, 320), (360, 350), (560, 300), (800, 340), (WIDTH, HEIGHT)],
        fill=(5, 8, 12),
    )
    return image


DRAWINGS: dict[str, Callable[[], Image.Image]] = {
    "harvest-chart": harvest_chart,
    "test-times-chart": test_times_chart,
    "night-sky": night_sky,
}


def drawing_png(kind: str) -> bytes:
    """The drawing `kind` as PNG bytes."""
    buffer = io.BytesIO()
    DRAWINGS[kind]().save(buffer, format="PNG")
    return buffer.getvalue()
