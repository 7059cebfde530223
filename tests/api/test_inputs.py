"""The API reads exactly what its schema describes (apps.api.inputs): JSON
types as stated, an empty query value is a value, and the services' own
rules stated in the schema (documented_as). tests/api/test_schemathesis.py
fuzzes the whole contract; these pin each rule with one readable example."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from apps.comments.models import Comment
from apps.core.pagination import encode_cursor
from apps.posts.models import Post

from .conftest import error_of, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def test_a_number_where_text_is_expected_is_refused(author_api, post):
    response = author_api.post(f"/api/v1/posts/{post.pk}/comments/", {"body": 0}, format="json")
    assert response.status_code == 400
    assert error_of(response)["details"]["body"][0]["code"] == "invalid"
    assert not Comment.objects.exists()


def test_text_where_a_number_is_expected_is_refused(author_api, post):
    response = author_api.post(f"/api/v1/posts/{post.pk}/vote/", {"value": "1"}, format="json")
    assert response.status_code == 400
    assert error_of(response)["details"]["value"][0]["code"] == "invalid_choice"
    assert Post.objects.get(pk=post.pk).score == 0


def test_a_tag_that_is_not_text_is_refused(author_api, community):
    response = author_api.post(
        "/api/v1/posts/",
        {"community": "gardening", "title": "Hello", "tags": ["ok", 5]},
        format="json",
    )
    assert response.status_code == 400
    assert error_of(response)["details"]["tags"][0]["code"] == "invalid"


def test_an_empty_sort_is_refused_not_taken_as_the_default(api, post):
    response = api.get("/api/v1/posts/", {"sort": ""})
    assert response.status_code == 400
    assert "sort" in error_of(response)["details"]
    assert api.get("/api/v1/posts/").status_code == 200


def test_an_empty_cursor_is_the_first_page(api, post):
    response = api.get("/api/v1/posts/", {"cursor": ""})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [post.pk]


def test_a_cursor_the_api_did_not_give_is_refused(api, post):
    assert api.get("/api/v1/posts/", {"cursor": "not-a-cursor"}).status_code == 400
    made_up = encode_cursor("2026-01-01", 0)  # shaped like one, but pk 0
    assert api.get("/api/v1/posts/", {"cursor": made_up}).status_code == 400


def test_editing_a_comment_without_a_body_changes_nothing(author_api, author, post):
    comment = make_comment(author, post, "Still here.")
    response = author_api.patch(
        f"/api/v1/posts/{post.pk}/comments/{comment.pk}/", {}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["body_text"] == "Still here."
    assert Comment.objects.get(pk=comment.pk).edited_at is None


def test_a_blank_title_gets_the_services_message(author_api, community):
    response = author_api.post(
        "/api/v1/posts/", {"community": "gardening", "title": "   "}, format="json"
    )
    assert error_of(response)["details"]["title"][0]["code"] == "title_blank"


def test_a_conversation_id_past_the_bigint_range_is_not_found(member_api):
    response = member_api.get(f"/api/v1/conversations/{2**63}/messages/")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_the_schema_states_the_services_rules(schema):
    create = schema["components"]["schemas"]["PostCreateRequest"]["properties"]
    # What the service refuses (blank, over 300 characters), not the parser's looser cap.
    assert create["title"] == {"type": "string", "pattern": r"[^\s\x00-\x1f\x7f]", "maxLength": 300}
    assert create["tags"]["maxItems"] == 5
    assert create["tags"]["items"]["format"] == "tag"
    assert {"type": "string", "maxLength": 0} in create["link"]["oneOf"]
    remove = schema["components"]["schemas"]["RequiredReasonRequest"]["properties"]["reason"]
    assert remove["maxLength"] == 500 and "pattern" in remove
    cursor = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/v1/tags/"]["get"]["parameters"]
    }["cursor"]
    assert cursor == {"type": "string", "format": "cursor", "maxLength": 200}
    assert "x-documented" not in str(schema)
