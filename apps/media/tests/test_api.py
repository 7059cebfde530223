"""POST /api/v1/images/: the same upload service, in the API's envelope."""

import pytest
from rest_framework.test import APIClient

from apps.api.services import token_create
from apps.media.models import Image

from .factories import png_bytes, upload

pytestmark = pytest.mark.django_db
URL = "/api/v1/images/"


@pytest.fixture(autouse=True)
def _api_rates(settings):
    rates = {"anon": "10000/min", "member": "10000/min", "member_write": "10000/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


def api_for(user, scopes=("read", "write")) -> APIClient:
    _token, raw = token_create(user=user, name="tests", scopes=scopes)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_member_uploads_with_a_token(member):
    response = api_for(member).post(
        URL, {"file": upload(png_bytes(700, 350)), "alt": "Flag"}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    image = Image.objects.get()
    assert body["id"] == image.pk and body["alt"] == "Flag"
    assert (body["width"], body["height"]) == (700, 350)
    assert body["url"] == f"http://testserver{image.url}"
    assert body["srcset"].split(", ")[-1] == f"http://testserver{image.url} 700w"
    assert "320w" in body["srcset"] and "640w" in body["srcset"]


def test_bad_file_answers_the_envelope(member):
    response = api_for(member).post(
        URL, {"file": upload(b"GIF89a<script>", name="x.gif")}, format="multipart"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["details"]["file"][0]["code"] == "image_unsupported"
    assert not Image.objects.exists()


def test_read_only_token_and_visitors_cannot_upload(member):
    read_only = api_for(member, scopes=("read",))
    assert read_only.post(URL, {"file": upload(png_bytes())}, format="multipart").status_code == 403
    anonymous = APIClient().post(URL, {"file": upload(png_bytes())}, format="multipart")
    assert anonymous.status_code in {401, 403}
    assert not Image.objects.exists()


def test_missing_file_and_json_body_are_refused(member):
    client = api_for(member)
    assert client.post(URL, {"alt": "x"}, format="multipart").status_code == 400
    assert client.post(URL, {"alt": "x"}, format="json").status_code == 415
