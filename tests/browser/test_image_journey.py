"""An image pasted into the post editor: uploaded by static/js/editor-images.js
to /images/upload/ (CSRF token, under the editor's CSP), its src replaced by
our media URL, published, and shown on the post page with our srcset."""

import base64
import io
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image as PILImage
from playwright.sync_api import expect

from apps.media.models import Image
from apps.posts.models import Post
from tests.browser.test_i18n_journey import sign_in
from tests.i18n.site import build_site

pytestmark = pytest.mark.django_db(transaction=True)


def png_data_url(width: int = 900, height: int = 450) -> str:
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), "teal").save(out, "PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def serve_media(page) -> None:
    """The live server does not serve MEDIA (nginx does in production)."""

    def fulfill(route):
        name = route.request.url.split(settings.MEDIA_URL, 1)[1]
        path = Path(settings.MEDIA_ROOT) / name
        if path.is_file():
            route.fulfill(path=str(path), content_type="image/webp")
        else:
            route.fulfill(status=404, body="")

    page.context.route(f"**{settings.MEDIA_URL}**", fulfill)


def test_a_pasted_image_is_uploaded_and_published(page, live_server):
    site = build_site()
    sign_in(page, live_server, site.bruno)
    serve_media(page)
    page.goto("/c/gardening/submit/")
    page.wait_for_function("() => window.tinymce?.activeEditor?.initialized === true")
    expect(page.locator('.tox-tbtn[aria-label="Insert/edit image"]')).to_have_count(1)
    page.evaluate(
        """async (src) => {
            const editor = tinymce.activeEditor;
            editor.setContent('<p>Our tomatoes</p><p><img src="' + src + '" alt="Tomatoes"></p>');
            await editor.uploadImages();
        }""",
        png_data_url(),
    )
    src = page.evaluate("tinymce.activeEditor.dom.select('img')[0].getAttribute('src')")
    assert src.startswith(settings.MEDIA_URL + "images/"), src
    image = Image.objects.get()
    assert image.uploader == site.bruno and image.url == src
    page.fill("#id_title", "Tomatoes in pictures")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("h1")).to_contain_text("Tomatoes in pictures")
    post = Post.objects.get(title="Tomatoes in pictures")
    assert post.thumbnail == image
    shown = page.locator(f'img[src="{image.url}"]')
    expect(shown).to_have_attribute("srcset", image.srcset)
    expect(shown).to_have_attribute("alt", "Tomatoes")
    page.goto("/c/gardening/?sort=new")
    expect(page.locator(".post-row-thumb img").first).to_have_attribute(
        "src", image.variant_urls()[0][0]
    )
