"""Post bodies' images at render time: `srcset`, dimensions, lazy loading.

The sanitizer (apps.core.html) keeps an <img> only with one of our media
URLs; here, after it ran, each such <img> is rewritten from the stored
Image: its full URL, `srcset` from the stored variants (never from user
HTML), `sizes`, the real width and height (no layout shift), lazy loading,
and the uploader's alternative text when the body gives none. Unknown images
are left as they are. One query per body that shows images, none otherwise.
"""

import html as std_html
import re

from django.utils.safestring import SafeString, mark_safe

from .models import Image
from .services import images_in

# An <img> as the sanitizer serializes it: double-quoted attributes.
_IMG = re.compile(r'<img((?:\s+[a-z-]+="[^"]*")*)\s*/?>')
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
_TOKEN = re.compile(r"/([0-9a-f]{32})(?:-\d+)?\.webp\Z")
# A post's text column is at most this wide: the browser picks the variant.
SIZES = "(max-width: 48rem) 100vw, 48rem"


def _img_tag(image: Image, attributes: dict[str, str]) -> str:
    alt = attributes.get("alt") or std_html.escape(image.alt, quote=True)
    parts = {
        "src": std_html.escape(image.url, quote=True),
        "srcset": std_html.escape(image.srcset, quote=True),
        "sizes": SIZES,
        "width": str(image.width),
        "height": str(image.height),
        "alt": alt,  # escaped already: the sanitizer wrote it, or we just did
        "loading": "lazy",
        "decoding": "async",
    }
    return "<img " + " ".join(f'{name}="{value}"' for name, value in parts.items()) + ">"


def responsive_images(rendered: SafeString) -> SafeString:
    """`rendered` (render_user_html's output) with our images made responsive."""
    images = images_in(str(rendered))
    if not images:
        return rendered
    by_token = {image.token: image for image in images}

    def rewrite(match: re.Match) -> str:
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        found = _TOKEN.search(attributes.get("src", ""))
        image = by_token.get(found.group(1)) if found else None
        return match.group(0) if image is None else _img_tag(image, attributes)

    # Only attributes written from stored rows (escaped) are added to
    # markup the sanitizer produced.
    return mark_safe(_IMG.sub(rewrite, str(rendered)))  # noqa: S308
