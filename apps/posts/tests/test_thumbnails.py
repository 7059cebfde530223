"""Images in posts: attached on publish and edit, the feed row's thumbnail
(constant queries), the body's srcset, the submit form's file field."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.media.models import Image
from apps.media.tests.factories import make_image, png_bytes
from apps.posts import services
from apps.posts.models import Post

from .conftest import make_post, quick_posts

pytestmark = pytest.mark.django_db

SUBMIT = reverse("posts:submit", args=["gardening"])


@pytest.fixture(autouse=True)
def _media_in_scratch(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def img(image: Image, alt: str = "") -> str:
    return f'<img src="{image.url}" alt="{alt}">'


def test_publishing_attaches_the_body_images_and_sets_the_first_as_thumbnail(author, community):
    first, second = make_image(author), make_image(author)
    post = make_post(author, community, body=f"<p>Look</p>{img(first)}{img(second)}")
    assert post.thumbnail == first
    assert Image.objects.filter(attached_at__isnull=True).count() == 0
    foreign = make_post(
        author, community, title="Other", body='<img src="https://evil.example/x.png" alt="">'
    )
    assert foreign.thumbnail is None and "img" not in foreign.body_html


def test_editing_follows_the_body_images(author, community):
    first, second = make_image(author), make_image(author)
    post = make_post(author, community, body=img(first))
    post = services.post_update(actor=author, post=post, title=post.title, body=img(second))
    assert post.thumbnail == second
    post = services.post_update(actor=author, post=post, title=post.title, body="<p>No image</p>")
    assert post.thumbnail is None


def test_a_link_preview_thumbnail_stays_when_the_body_has_no_image(author, community):
    post = make_post(author, community, body="<p>Text</p>")
    preview = Image.objects.get(pk=make_image(author).pk)
    services.post_thumbnail_set(post=post, image=preview)
    preview.refresh_from_db()
    assert preview.attached_at is not None
    post = services.post_update(actor=author, post=post, title=post.title, body="<p>Edited</p>")
    assert Post.objects.get(pk=post.pk).thumbnail == preview
    services.post_thumbnail_set(post=post, image=None)
    assert Post.objects.get(pk=post.pk).thumbnail is None


def test_deleting_the_post_drops_its_thumbnail(author, community):
    post = make_post(author, community, body=img(make_image(author)))
    services.post_delete(actor=author, post=post)
    assert Post.objects.get(pk=post.pk).thumbnail is None


def test_feed_row_shows_a_small_lazy_thumbnail(client, author, community):
    image = make_image(author, png_bytes(800, 400), alt="A red and blue flag")
    make_post(author, community, body=img(image))
    content = client.get(reverse("posts:all")).content.decode()
    tag = re.search(r'<a class="post-row-thumb"[^>]*><img ([^>]*)></a>', content)
    assert tag is not None
    attributes = tag.group(1)
    assert f'src="{image.variant_urls()[0][0]}"' in attributes  # the 320 px copy
    assert 'width="320"' in attributes and 'height="160"' in attributes
    # Decorative: the row's title link says what it is; the description is on the post's <img>.
    assert 'alt=""' in attributes and 'loading="lazy"' in attributes


@pytest.mark.parametrize("count", [5, 30])
def test_feed_queries_stay_constant_with_thumbnails(
    client, owner, community, count, django_assert_max_num_queries
):
    images = [make_image(owner) for _ in range(count)]
    posts = quick_posts(owner, community, count)
    for post, image in zip(posts, images, strict=True):
        Post.objects.filter(pk=post.pk).update(thumbnail=image)
    with django_assert_max_num_queries(2):
        response = client.get(reverse("posts:all"))
    assert response.content.decode().count('class="post-row-thumb"') == min(count, 25)


def test_post_page_body_gets_srcset_from_the_stored_variants(client, author, community):
    image = make_image(author, png_bytes(1400, 700), alt="Stored alt")
    post = make_post(author, community, body=f"<p>Hi</p>{img(image)}")
    content = client.get(post.get_absolute_url()).content.decode()
    tag = re.search(r'<img src="' + re.escape(image.url) + r'"[^>]*>', content)
    assert tag is not None
    assert f'srcset="{image.srcset}"' in tag.group(0)
    assert 'width="1400"' in tag.group(0) and 'loading="lazy"' in tag.group(0)
    assert 'alt="Stored alt"' in tag.group(0)  # the body gave none


def test_submit_without_javascript_appends_the_uploaded_image(member_client, community):
    response = member_client.post(
        SUBMIT,
        {
            "title": "Tomatoes",
            "body": "First line\n\nSecond paragraph",
            "link": "",
            "tags": "",
            "image": SimpleUploadedFile("t.png", png_bytes(), "image/png"),
            "image_alt": "Tomato plant",
        },
    )
    assert response.status_code == 302
    post = Post.objects.get()
    image = Image.objects.get()
    assert post.body_html == (
        "<p>First line</p><p>Second paragraph</p>"
        f'<figure><img src="{image.url}" alt="Tomato plant" width="64" height="48"></figure>'
    )
    assert post.thumbnail == image and image.attached_at is not None


def test_submit_with_a_bad_image_publishes_nothing_and_says_why(member_client, community):
    response = member_client.post(
        SUBMIT,
        {
            "title": "Tomatoes",
            "body": "Text",
            "link": "",
            "tags": "",
            "image": SimpleUploadedFile("t.png", b"<html>no</html>", "image/png"),
        },
    )
    assert response.status_code == 200
    assert not Post.objects.exists() and not Image.objects.exists()
    assert response.context["form"].errors["image"][0].startswith("This file is not an image")
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_submit_page_offers_the_image_field_and_the_editor_upload(member_client, community):
    content = member_client.get(SUBMIT).content.decode()
    assert 'type="file" name="image"' in content
    assert 'name="image_alt"' in content
    assert "js/editor-images.js" in content
