"""User HTML: sanitize before storing, and the one audited way to render it.

Posts and comments arrive from TinyMCE (or from anyone bypassing it). We keep
only an explicit allowlist of what the editor produces, only absolute
http/https/mailto links (relative and protocol-relative URLs are dropped,
except the profile links of @mentions, see link_mentions),
no `style`, no `srcset`, and every link gets rel="nofollow ugc noopener".
Posts (not comments or messages) may show images, but only ours: an <img>
whose src is an image path under our MEDIA_URL (MEDIA_IMAGE_PATH, what
apps.media stores), with alt, width and height; any other src (another host,
`data:`, a relative path elsewhere) goes, and an <img> left without a src
goes with it. `srcset` is never taken from user HTML: apps.media.rendering
writes it at render time from the stored variants.
What is stored is therefore safe to render;
`render_user_html` is the single place that marks it safe, and nothing
else may call mark_safe or |safe on user content.
"""

import html as std_html
import logging
import re
from collections.abc import Callable, Iterable
from html.parser import HTMLParser

import nh3
from django.utils.safestring import SafeString, mark_safe

URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

POST_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s",
        "sub", "sup", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "span",
        "img", "figure", "figcaption",
    }
)  # fmt: skip
COMMENT_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "s", "code", "pre", "blockquote", "ul", "ol", "li", "a"}
)
ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "img": {"src", "alt", "width", "height"},
}
# Tags whose content goes too (not just the tag): scripts, styles, embeds.
DROP_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math",
     "form", "textarea", "select", "button", "title"}
)  # fmt: skip


# The one relative link stored HTML may hold: a mention's profile address,
# written by link_mentions after cleaning (and kept when the author edits
# the text again). Every other relative or protocol-relative URL is dropped.
MENTION_HREF = re.compile(r"/u/[A-Za-z0-9_-]{1,30}/")
_HAS_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


# What apps.media stores under MEDIA_URL: images/<2 hex>/<32 hex>[-<width>].webp.
MEDIA_IMAGE_PATH = r"images/[0-9a-f]{2}/[0-9a-f]{32}(?:-[0-9]{1,5})?\.webp"
_DIMENSION = re.compile(r"[0-9]{1,5}")
# An <img> as the cleaner serializes it (double-quoted attributes) with no src.
_IMG_WITHOUT_SRC = re.compile(r'<img(?:\s+(?!src=)[a-z-]+="[^"]*")*\s*/?>')


def media_image_src(value: str) -> bool:
    """`value` is the URL of an image we store (MEDIA_URL, read per call so
    a storage configured elsewhere, e.g. S3 with an absolute MEDIA_URL, is
    what counts as ours)."""
    from django.conf import settings

    return re.fullmatch(re.escape(settings.MEDIA_URL) + MEDIA_IMAGE_PATH, value) is not None


def _only_mention_links(element: str, attribute: str, value: str) -> str | None:
    """nh3 lets relative URLs through to this filter, which keeps absolute
    ones (their scheme was checked already) and mention links only; for
    images, only our own media URLs and plain numbers as dimensions."""
    if element == "img":
        if attribute == "src":
            return value if media_image_src(value) else None
        if attribute in {"width", "height"}:
            return value if _DIMENSION.fullmatch(value) else None
        return value
    if element == "a" and attribute == "href" and not _HAS_SCHEME.match(value):
        return value if MENTION_HREF.fullmatch(value) else None
    return value


def _cleaner(tags: frozenset[str]) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(tags),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={tag: attrs for tag, attrs in ATTRIBUTES.items() if tag in tags},
        url_schemes=set(URL_SCHEMES),
        url_relative="pass_through",
        attribute_filter=_only_mention_links,
        link_rel=LINK_REL,
        strip_comments=True,
    )


_POST_CLEANER = _cleaner(POST_TAGS)
_COMMENT_CLEANER = _cleaner(COMMENT_TAGS)


def _clean_post(raw: str) -> str:
    return _IMG_WITHOUT_SRC.sub("", _POST_CLEANER.clean(raw or ""))


def sanitize_post_html(raw: str) -> str:
    """Allowlisted HTML for a post body (what TinyMCE's toolbar can make)."""
    return _clean_post(raw).strip()


def sanitize_comment_html(raw: str) -> str:
    """A smaller allowlist for comments: text formatting, lists, code, links."""
    return _COMMENT_CLEANER.clean(raw or "").strip()


# --- @mentions ---------------------------------------------------------------------

# "@name" not glued to a word, an address or a path before it ("ann@example.org",
# "x/@y"), and not followed by more name characters (a name has 3 to 30).
MENTION = re.compile(r"(?<![\w@/.+-])@([A-Za-z0-9_-]{3,30})(?![A-Za-z0-9_-])")
# Text inside these is never linked: a link already, or code a member quotes.
_NO_MENTIONS_INSIDE = frozenset({"a", "code", "pre"})
# Names looked up per item: a flood of @names costs one bounded query.
MAX_MENTION_LOOKUPS = 100

# Given the lowercase names found, the lowercase names of members that exist.
MentionResolver = Callable[[set[str]], Iterable[str]]


class _Segments(HTMLParser):
    """Splits sanitized HTML into markup (kept verbatim) and text that may
    hold mentions (outside <a>, <code>, <pre>), keeping entities as written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[tuple[bool, str]] = []  # (may hold mentions, raw text)
        self._skip_depth = 0

    def _markup(self, raw: str) -> None:
        self.parts.append((False, raw))

    def handle_starttag(self, tag, attrs):
        if tag in _NO_MENTIONS_INSIDE:
            self._skip_depth += 1
        self._markup(self.get_starttag_text() or "")

    def handle_startendtag(self, tag, attrs):
        self._markup(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        if tag in _NO_MENTIONS_INSIDE and self._skip_depth:
            self._skip_depth -= 1
        self._markup(f"</{tag}>")

    def handle_data(self, data):
        self.parts.append((self._skip_depth == 0, data))

    def handle_entityref(self, name):
        self._markup(f"&{name};")

    def handle_charref(self, name):
        self._markup(f"&#{name};")


def link_mentions(clean_html: str, resolve: MentionResolver) -> tuple[str, list[str]]:
    """`@name` in the text of sanitized HTML becomes a link to the member's
    profile, for names `resolve` confirms exist; unknown names stay text.
    Returns the HTML and the lowercase names linked, in order of first
    appearance (the caller decides how many to notify).

    Works on the parsed text nodes of HTML the sanitizer already produced,
    never on raw markup: text inside links, <code> and <pre> is left alone,
    and what is inserted is escaped. The output passes render_user_html's
    cleaning unchanged (MENTION_HREF)."""
    if "@" not in (clean_html or ""):
        return clean_html or "", []
    parser = _Segments()
    parser.feed(clean_html)
    parser.close()
    found: list[str] = []
    for may_mention, text in parser.parts:
        if may_mention:
            found.extend(m.group(1).lower() for m in MENTION.finditer(text))
    candidates = list(dict.fromkeys(found))[:MAX_MENTION_LOOKUPS]
    if not candidates:
        return clean_html, []
    existing = {name.lower() for name in resolve(set(candidates))}
    if not existing:
        return clean_html, []
    linked: list[str] = []

    def link(match: re.Match) -> str:
        name = match.group(1)
        if name.lower() not in existing:
            return match.group(0)
        linked.append(name.lower())
        href = std_html.escape(f"/u/{name.lower()}/")
        # Written as the cleaner writes links, so cleaning it again (an edit
        # sent back by the editor) changes nothing.
        return f'<a href="{href}" rel="{LINK_REL}">@{std_html.escape(name)}</a>'

    out = [MENTION.sub(link, text) if may else text for may, text in parser.parts]
    return "".join(out), list(dict.fromkeys(linked))


_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|pre|tr|table|ul|ol)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(clean_html: str) -> str:
    """Plain text of sanitized HTML, for previews, search and emails."""
    text = _BLOCK_END.sub("\n", clean_html or "")
    text = std_html.unescape(_TAG.sub("", text))
    text = _SPACES.sub(" ", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def text_to_html(plain: str) -> str:
    """Plain text typed without an editor (no JavaScript) as safe paragraphs."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", plain or "") if p.strip()]
    return "".join(
        "<p>" + "<br>".join(std_html.escape(line) for line in p.splitlines()) + "</p>"
        for p in paragraphs
    )


# Something that looks like a tag: "<p>", "</b>", "<a href=…>", "<!--" (as in
# HTML, the name follows "<" at once, so "a < b > c" stays text).
_LOOKS_LIKE_HTML = re.compile(r"</?[a-zA-Z][^>]*>|<!--")


def rich_text_html(raw: str) -> str:
    """What a member typed in a plain textarea (a bio, a community's
    description) as stored HTML with the comments' allowlist: text without a
    tag becomes escaped paragraphs, anything else is sanitized as a comment
    body is (apps.comments.services.comment_body makes the same choice)."""
    raw = (raw or "").replace("\r\n", "\n").strip()
    if not raw:
        return ""
    source = raw if _LOOKS_LIKE_HTML.search(raw) else text_to_html(raw)
    return sanitize_comment_html(source)


# What text_to_html makes: paragraphs of escaped text and <br>, nothing else.
_PLAIN_PARAGRAPHS = re.compile(r"\A(?:<p>(?:[^<]|<br>)*</p>)+\Z")
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)


def editable_text(stored_html: str) -> str:
    """What goes back into a textarea for editing rich_text_html's output:
    the plain text typed when it is only paragraphs, else the HTML itself,
    so an edit never loses links or markup."""
    stored_html = stored_html or ""
    if not _PLAIN_PARAGRAPHS.match(stored_html):
        return stored_html
    return "\n\n".join(
        std_html.unescape(paragraph.replace("<br>", "\n"))
        for paragraph in _PARAGRAPH.findall(stored_html)
    )


def render_user_html(stored_html: str, *, tags: frozenset[str] = POST_TAGS) -> SafeString:
    """The one place user HTML is marked safe. It was sanitized on the way in;
    we clean it again on the way out (cheap, ~µs) so a row written by any
    other path — an import, a migration, the admin — is still harmless."""
    if tags is POST_TAGS:
        return mark_safe(_clean_post(stored_html))  # noqa: S308 - sanitized just above
    return mark_safe(_COMMENT_CLEANER.clean(stored_html or ""))  # noqa: S308 - sanitized just above


# Bodies at least this long are cached once rendered: nh3 costs about 64 µs
# per KB (2.4 ms for a 37 KB body), a cache round trip about 0.1–0.2 ms, so
# shorter bodies are cheaper to clean again than to fetch.
FRAGMENT_MIN_LENGTH = 2048
FRAGMENT_TTL = 60 * 60 * 24


def render_user_html_cached(
    stored_html: str, *, key: str, tags: frozenset[str] = POST_TAGS
) -> SafeString:
    """render_user_html through the cache under `key`, which the caller
    makes change whenever the stored HTML may have (e.g. the post's id and
    edit time). A cache error only means rendering again."""
    from django.core.cache import cache

    stored_html = stored_html or ""
    if len(stored_html) < FRAGMENT_MIN_LENGTH:
        return render_user_html(stored_html, tags=tags)
    try:
        cached = cache.get(key)
    except Exception:
        cached = None
    if isinstance(cached, str):
        # Stored below from render_user_html's output: sanitized already.
        return mark_safe(cached)  # noqa: S308
    rendered = render_user_html(stored_html, tags=tags)
    try:
        cache.set(key, str(rendered), FRAGMENT_TTL)
    except Exception:  # a cache that raises: the next view renders it again
        logging.getLogger(__name__).debug("fragment cache unavailable", exc_info=True)
    return rendered
