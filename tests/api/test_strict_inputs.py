"""The API takes exactly what its schema describes (tests/api/
test_schemathesis.py found these): a parameter given twice has no one
meaning, and a cursor's length is measured as sent."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.media.tests.factories import png_bytes
from apps.search.selectors import MAX_CURSOR_LENGTH

from .conftest import error_of

pytestmark = pytest.mark.django_db


def test_a_query_parameter_given_twice_is_a_400(member_api):
    response = member_api.get("/api/v1/notifications/?page_size=5&page_size=50")
    assert response.status_code == 400
    assert "page_size" in error_of(response)["details"]


def test_a_form_field_given_twice_is_a_400(member_api):
    upload = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
    response = member_api.post("/api/v1/images/", {"file": upload, "alt": ["one", "two"]})
    assert response.status_code == 400
    assert "alt" in error_of(response)["details"]


def test_a_search_cursor_over_its_length_is_a_400_even_padded_with_spaces(api):
    cursor = "a" * MAX_CURSOR_LENGTH + "   "
    response = api.get("/api/v1/search/", {"q": "tomato", "cursor": cursor})
    assert response.status_code == 400
