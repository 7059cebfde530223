"""Read a page's preview from its HTML: Open Graph first (`og:title`,
`og:description`, `og:site_name`, `og:image`), then Twitter cards
(`twitter:*`), then `<title>` and `<meta name="description">`.

The stdlib html.parser reads the page (no DOM, no scripts run); values are
text: entities decoded, tags inside a value kept as the characters they are
(the template escapes them), control characters dropped, whitespace folded,
each field cut to its column's length. Parsing stops at `</head>` or the
first `<body>` tag, or after MAX_TAGS tags, so a huge page costs little.
"""

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from apps.posts.models import LINK_MAX_LENGTH

from .models import DESCRIPTION_MAX_LENGTH, SITE_NAME_MAX_LENGTH, TITLE_MAX_LENGTH

MAX_TAGS = 5000
TITLE_TEXT_MAX = 2000
_WHITESPACE = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.I)


@dataclass(frozen=True)
class PageMeta:
    title: str = ""
    description: str = ""
    site_name: str = ""
    image_url: str = ""


def clean_text(value: str, limit: int) -> str:
    """One line of plain text, at most `limit` characters (an ellipsis
    marks a cut)."""
    value = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in value
        if unicodedata.category(c) not in ("Cf", "Cs", "Co") or c == "\u200d"
    )
    value = _WHITESPACE.sub(" ", value).strip()
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value


def decode(body: bytes, charset: str = "") -> str:
    """The page's text: the header's charset, else a `<meta charset>` in
    its first 2 KB, else UTF-8; undecodable bytes replaced."""
    for candidate in (charset, _sniffed_charset(body), "utf-8"):
        if not candidate:
            continue
        try:
            return body.decode(candidate, errors="replace")
        except LookupError:
            continue
    return body.decode("utf-8", errors="replace")  # pragma: no cover


def _sniffed_charset(body: bytes) -> str:
    match = _META_CHARSET.search(body[:2048])
    return match.group(1).decode("ascii").lower() if match else ""


class _MetaParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.title_length = 0
        self.in_title = False
        self.seen_title = False
        self.tags = 0
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        if self.done:
            return
        if self.tags > MAX_TAGS or tag == "body":
            self.done = True
            return
        if tag == "title" and not self.seen_title:
            self.in_title = True
        elif tag == "meta":
            values = {name.lower(): (value or "") for name, value in attrs}
            key = (values.get("property") or values.get("name") or "").strip().lower()
            if key and "content" in values and key not in self.meta:
                self.meta[key] = values["content"][: TITLE_TEXT_MAX * 2]

    def handle_endtag(self, tag: str) -> None:
        if self.done:
            return
        if tag == "title" and self.in_title:
            self.in_title = False
            self.seen_title = True
        elif tag == "head":
            self.done = True

    def handle_data(self, data: str) -> None:
        if self.in_title and self.title_length < TITLE_TEXT_MAX:
            self.title_parts.append(data)
            self.title_length += len(data)


def parse_page(html: str, base_url: str) -> PageMeta:
    """The preview fields of the page at `base_url` (relative image URLs
    resolved against it; only an http or https image is kept)."""
    parser = _MetaParser()
    position = 0
    # Fed in slices, so parsing stops soon after the head.
    while position < len(html) and not parser.done:
        parser.feed(html[position : position + 8192])
        position += 8192
    meta = parser.meta

    def first(*keys: str) -> str:
        for key in keys:
            value = meta.get(key, "").strip()
            if value:
                return value
        return ""

    title = first("og:title", "twitter:title") or "".join(parser.title_parts)
    description = first("og:description", "twitter:description", "description")
    site_name = first("og:site_name", "application-name")
    image = first(
        "og:image:secure_url", "og:image", "og:image:url", "twitter:image", "twitter:image:src"
    )
    return PageMeta(
        title=clean_text(title, TITLE_MAX_LENGTH),
        description=clean_text(description, DESCRIPTION_MAX_LENGTH),
        site_name=clean_text(site_name, SITE_NAME_MAX_LENGTH),
        image_url=_image_url(image, base_url),
    )


def _image_url(value: str, base_url: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        url = urljoin(base_url, value)
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    if scheme not in ("http", "https") or len(url) > LINK_MAX_LENGTH:
        return ""
    return url
