"""Post bodies keep only our own images (apps.core.html); comments none."""

import pytest

from apps.core.html import render_user_html, sanitize_comment_html, sanitize_post_html

OURS = "/media/images/ab/" + "ab" * 16 + ".webp"


def test_our_image_is_kept_with_alt_and_numeric_dimensions():
    html = sanitize_post_html(
        f'<p><img src="{OURS}" alt="A cat" width="640" height="auto" onerror="x()"></p>'
    )
    assert html == f'<p><img src="{OURS}" alt="A cat" width="640"></p>'


@pytest.mark.parametrize(
    "src",
    [
        "https://evil.example/cat.webp",
        "//evil.example" + OURS,
        "https://evil.example" + OURS,
        "data:image/png;base64,iVBORw0KGgo=",
        "javascript:alert(1)",
        "/media/avatars/ab12.webp",
        "/media/images/ab/" + "ab" * 16 + ".svg",
        "/media/images/../../etc/passwd",
        "/static/img/logo.webp",
    ],
)
def test_images_from_anywhere_else_are_dropped(src):
    assert sanitize_post_html(f'<p>Look<img src="{src}" alt="x"></p>') == "<p>Look</p>"


def test_user_srcset_and_sizes_are_dropped():
    html = sanitize_post_html(
        f'<img src="{OURS}" alt="" srcset="https://evil.example/x.webp 2x" sizes="100vw">'
    )
    assert "srcset" not in html and "sizes" not in html and "evil" not in html
    assert OURS in html


def test_figure_and_caption_are_kept():
    html = sanitize_post_html(f'<figure><img src="{OURS}" alt="x"><figcaption>Hi</figcaption>')
    assert html == f'<figure><img src="{OURS}" alt="x"><figcaption>Hi</figcaption></figure>'


def test_absolute_media_url_counts_as_ours_when_configured(settings):
    settings.MEDIA_URL = "https://cdn.quorum.example/media/"
    src = "https://cdn.quorum.example/media/images/ab/" + "ab" * 16 + "-640.webp"
    assert src in sanitize_post_html(f'<img src="{src}" alt="x">')
    assert sanitize_post_html(f'<img src="{OURS}" alt="x">') == ""


def test_comments_keep_no_images():
    assert sanitize_comment_html(f'<p>Hi<img src="{OURS}" alt="x"></p>') == "<p>Hi</p>"


def test_rendering_cleans_a_stored_foreign_image_again():
    stored = '<p><img src="https://evil.example/x.png" alt="x"></p>'
    assert str(render_user_html(stored)) == "<p></p>"
