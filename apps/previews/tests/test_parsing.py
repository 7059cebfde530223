"""apps.previews.parsing: what a page's HTML says, as bounded plain text."""

from apps.previews.models import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH
from apps.previews.parsing import clean_text, decode, parse_page

BASE = "https://news.example/articles/1"


def page(head: str, body: str = "<p>text</p>") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def test_open_graph_tags_are_read():
    meta = parse_page(
        page(
            '<meta property="og:title" content="Tomatoes in winter">'
            '<meta property="og:description" content="Grow them indoors.">'
            '<meta property="og:site_name" content="Garden News">'
            '<meta property="og:image" content="https://cdn.example/t.png">'
            "<title>Ignored title</title>"
        ),
        BASE,
    )
    assert meta.title == "Tomatoes in winter"
    assert meta.description == "Grow them indoors."
    assert meta.site_name == "Garden News"
    assert meta.image_url == "https://cdn.example/t.png"


def test_twitter_tags_stand_in_for_open_graph():
    meta = parse_page(
        page(
            '<meta name="twitter:title" content="T title">'
            '<meta name="twitter:description" content="T description">'
            '<meta name="twitter:image" content="/img/t.jpg">'
        ),
        BASE,
    )
    assert (meta.title, meta.description) == ("T title", "T description")
    assert meta.image_url == "https://news.example/img/t.jpg"


def test_title_and_meta_description_are_the_last_resort():
    meta = parse_page(
        page('<title>  Plain\n  title </title><meta name="description" content="Plain text.">'),
        BASE,
    )
    assert meta.title == "Plain title"
    assert meta.description == "Plain text."
    assert meta.site_name == "" and meta.image_url == ""


def test_markup_inside_values_stays_text_and_entities_are_decoded():
    meta = parse_page(
        page(
            '<meta property="og:title" content="&lt;b&gt;Bold&lt;/b&gt; &amp; <i>co</i>">'
            "<title><script>alert(1)</script></title>"
        ),
        BASE,
    )
    assert meta.title == "<b>Bold</b> & <i>co</i>"


def test_fields_are_cut_to_their_length():
    meta = parse_page(
        page(
            f'<meta property="og:title" content="{"t" * 5000}">'
            f'<meta property="og:description" content="{"d " * 5000}">'
        ),
        BASE,
    )
    assert len(meta.title) == TITLE_MAX_LENGTH and meta.title.endswith("…")
    assert len(meta.description) <= DESCRIPTION_MAX_LENGTH


def test_control_and_invisible_characters_are_dropped():
    assert clean_text("a\x00b\u202ec\u200bd\ne", 100) == "a bcd e"


def test_only_web_image_urls_are_kept():
    for image in ("javascript:alert(1)", "data:image/png;base64,AAAA", "file:///etc/passwd"):
        meta = parse_page(page(f'<meta property="og:image" content="{image}">'), BASE)
        assert meta.image_url == ""


def test_tags_after_the_head_are_not_read():
    meta = parse_page(
        page("<title>Head</title>", '<meta property="og:title" content="From the body">'), BASE
    )
    assert meta.title == "Head"


def test_the_charset_comes_from_the_header_then_the_page():
    latin = page('<meta charset="iso-8859-1"><title>Café</title>').encode("iso-8859-1")
    assert parse_page(decode(latin), BASE).title == "Café"
    assert parse_page(decode(latin, "iso-8859-1"), BASE).title == "Café"
    assert parse_page(decode("<title>Café</title>".encode()), BASE).title == "Café"
    assert decode(b"<title>\xff</title>", "no-such-charset") == "<title>\ufffd</title>"


def test_broken_html_does_not_raise():
    meta = parse_page("<html><head><title>Half<meta content=<<<>>><", BASE)
    assert isinstance(meta.title, str)
