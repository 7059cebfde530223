"""The editor's upload endpoint and how media files are served."""

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import re_path, reverse
from django.views.static import serve

from apps.media.models import Image

from .factories import png_bytes, upload

pytestmark = pytest.mark.django_db
URL = "/images/upload/"


def test_the_upload_url_is_outside_the_media_prefix():
    assert reverse("media:upload") == URL
    assert not URL.startswith(settings.MEDIA_URL)


def test_member_uploads_and_gets_the_location(client, member):
    client.force_login(member)
    response = client.post(URL, {"file": upload(png_bytes(), name="x.png"), "alt": "A flag"})
    assert response.status_code == 201
    body = response.json()
    image = Image.objects.get()
    assert body == {
        "location": image.url,
        "id": image.pk,
        "width": 64,
        "height": 48,
        "alt": "A flag",
    }
    assert body["location"].startswith("/media/images/")


def test_visitor_is_refused_in_json(client):
    response = client.post(URL, {"file": upload(png_bytes())})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_authenticated"
    assert not Image.objects.exists()


def test_upload_needs_the_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(URL, {"file": upload(png_bytes())}).status_code == 403
    assert not Image.objects.exists()
    client.get(reverse("home"))  # sets the CSRF cookie
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(URL, {"file": upload(png_bytes())}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


def test_get_is_not_allowed(client, member):
    client.force_login(member)
    assert client.get(URL).status_code == 405


def test_bad_file_gets_a_translated_error(client, member):
    client.force_login(member)
    response = client.post(
        URL, {"file": upload(b"<script>x</script>", name="a.png")}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "image_unsupported" and error["message"]
    missing = client.post(URL, {})
    assert missing.status_code == 400 and missing.json()["error"]["code"] == "image_missing"


def test_rate_limited_upload_answers_429_with_retry_after(client, member, settings):
    settings.QUORUM_RATE_LIMITS_ENABLED = True
    settings.QUORUM_RATE_LIMITS = "image.member=1/h,image.new_member=1/h"
    client.force_login(member)
    assert client.post(URL, {"file": upload(png_bytes())}).status_code == 201
    response = client.post(URL, {"file": upload(png_bytes())})
    assert response.status_code == 429
    assert response["Retry-After"]
    assert response.json()["error"]["code"] == "throttled"


def _serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", _serve_media)]


@override_settings(ROOT_URLCONF=__name__)
def test_media_files_served_by_django_are_never_sniffed(client, member):
    from .factories import make_image

    image = make_image(member)
    response = client.get(image.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/webp"


def test_image_limit_fits_under_the_request_body_limit():
    """nginx and Django refuse bodies over DATA_UPLOAD_MAX_MEMORY_SIZE: an
    image a little over its own limit must still reach the translated error."""
    assert settings.QUORUM_IMAGE_MAX_BYTES < settings.DATA_UPLOAD_MAX_MEMORY_SIZE
