import pytest
from rest_framework.test import APIClient

from apps.api.services import token_create
from apps.drafts.models import Draft

from .factories import make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _api_rates(settings):
    rates = {"anon": "10000/min", "member": "10000/min", "member_write": "10000/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


def api_for(user) -> APIClient:
    _token, raw = token_create(user=user, name="tests", scopes=("read", "write"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_create_list_update_and_delete_a_draft(member, community):
    api = api_for(member)
    data = {"community": "gardening", "title": "Half", "body": "<p>x"}
    created = api.post("/api/v1/drafts/", data, format="json")
    assert created.status_code == 201, created.json()
    draft_id = created.json()["id"]
    assert created.json()["body"] == "<p>x"
    assert [d["id"] for d in api.get("/api/v1/drafts/").json()] == [draft_id]
    updated = api.patch(f"/api/v1/drafts/{draft_id}/", {"title": "Whole"}, format="json")
    assert updated.status_code == 200
    assert updated.json()["title"] == "Whole" and updated.json()["body"] == "<p>x"
    assert api.delete(f"/api/v1/drafts/{draft_id}/").status_code == 204
    assert not Draft.objects.exists()


def test_another_members_draft_is_a_404(member, other_member, community):
    theirs = make_draft(other_member, community)
    api = api_for(member)
    assert api.get(f"/api/v1/drafts/{theirs.pk}/").status_code == 404
    patched = api.patch(f"/api/v1/drafts/{theirs.pk}/", {"title": "x"}, format="json")
    assert patched.status_code == 404
    assert api.delete(f"/api/v1/drafts/{theirs.pk}/").status_code == 404
    assert api.get("/api/v1/drafts/").json() == []


def test_a_draft_over_the_size_limit_is_a_400_and_saves_nothing(member, community, settings):
    settings.QUORUM_DRAFT_MAX_BYTES = 5
    response = api_for(member).post(
        "/api/v1/drafts/", {"community": "gardening", "body": "too long"}, format="json"
    )
    assert response.status_code == 400
    assert "body" in response.json()["error"]["details"]
    assert not Draft.objects.exists()


def test_the_draft_limit_is_a_400(member, community, settings):
    settings.QUORUM_MAX_DRAFTS = 1
    make_draft(member, community)
    response = api_for(member).post("/api/v1/drafts/", {"community": "gardening"}, format="json")
    assert response.status_code == 400
    assert Draft.objects.count() == 1


def test_an_unknown_community_is_a_400(member, community):
    response = api_for(member).post("/api/v1/drafts/", {"community": "nowhere"}, format="json")
    assert response.status_code == 400


def test_visitors_get_a_401(community):
    assert APIClient().get("/api/v1/drafts/").status_code == 401
