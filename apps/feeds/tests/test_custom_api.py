"""/api/v1/feeds/: CRUD of your own feeds and their posts, same rules as the pages."""

import pytest
from rest_framework.test import APIClient

from apps.api.services import token_create
from apps.feeds import services
from apps.feeds.models import CustomFeed

from .conftest import make_community, make_post, quick_posts

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    _token, raw = token_create(user=user, name="tests", scopes=("read", "write"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


@pytest.fixture
def reader_api(reader):
    return client_for(reader)


def error_code(response, field=None) -> str:
    error = response.json()["error"]
    return error["details"][field][0]["code"] if field else error["code"]


def test_create_list_read_update_delete(reader_api, reader, owner):
    make_community(owner, "python")
    response = reader_api.post(
        "/api/v1/feeds/",
        {"name": "Green", "communities": ["gardening", "python"], "visibility": "shared"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["slug"] == "green"
    assert [c["slug"] for c in body["communities"]] == ["gardening", "python"]
    assert "/f/s/" in body["share_url"]
    feed_id = body["id"]

    listed = reader_api.get("/api/v1/feeds/").json()
    assert [feed["id"] for feed in listed] == [feed_id]

    response = reader_api.patch(
        f"/api/v1/feeds/{feed_id}/",
        {"visibility": "private", "communities": ["python"]},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["share_url"] is None
    assert response.json()["name"] == "Green"
    assert [c["slug"] for c in response.json()["communities"]] == ["python"]

    old = CustomFeed.objects.get().share_token
    assert reader_api.post(f"/api/v1/feeds/{feed_id}/share-link/").status_code == 200
    assert CustomFeed.objects.get().share_token != old

    assert reader_api.delete(f"/api/v1/feeds/{feed_id}/").status_code == 204
    assert not CustomFeed.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        ({"name": ""}, "name", "blank_name"),
        ({"name": "Dup"}, "name", "duplicate_name"),
        ({"name": "New", "communities": ["secret-garden"]}, "communities", "unreadable_community"),
        ({"name": "New", "communities": ["nowhere"]}, "communities", "unreadable_community"),
        ({"name": "New", "visibility": "public"}, "visibility", "invalid_choice"),
    ],
)
def test_bad_input_is_a_400_and_saves_nothing(
    reader_api, reader, private_community, data, field, code
):
    services.custom_feed_create(owner=reader, name="Dup")
    response = reader_api.post("/api/v1/feeds/", data, format="json")
    assert response.status_code == 400
    assert error_code(response, field) == code
    assert CustomFeed.objects.count() == 1


def test_too_many_communities_is_a_400(reader_api, owner, settings):
    settings.QUORUM_CUSTOM_FEED_COMMUNITIES_MAX = 1
    make_community(owner, "python")
    response = reader_api.post(
        "/api/v1/feeds/", {"name": "Two", "communities": ["gardening", "python"]}, format="json"
    )
    assert response.status_code == 400
    assert error_code(response, "communities") == "too_many_communities"


def test_another_members_feed_is_a_404(reader_api, other_member):
    feed = services.custom_feed_create(owner=other_member, name="Theirs")
    for method in ("get", "patch", "delete"):
        assert getattr(reader_api, method)(f"/api/v1/feeds/{feed.pk}/").status_code == 404
    assert reader_api.get(f"/api/v1/feeds/{feed.pk}/posts/").status_code == 404
    assert CustomFeed.objects.get().name == "Theirs"


def test_visitors_are_refused(reader):
    assert APIClient().get("/api/v1/feeds/").status_code == 401


def test_feed_posts_are_paginated_like_the_posts_list(reader_api, reader, owner, community):
    quick_posts(owner, community, 7)
    python = make_community(owner, "python")
    make_post(owner, python, title="Not in the feed")
    feed = services.custom_feed_create(owner=reader, name="Green", communities=["gardening"])
    url = f"/api/v1/feeds/{feed.pk}/posts/"
    first = reader_api.get(url, {"sort": "new", "page_size": 5}).json()
    assert len(first["results"]) == 5
    assert first["next_cursor"]
    second = reader_api.get(first["next"]).json()
    assert len(second["results"]) == 2
    assert second["next_cursor"] is None
    titles = {post["title"] for post in first["results"] + second["results"]}
    assert "Not in the feed" not in titles and len(titles) == 7
    bad = reader_api.get(url, {"sort": "bogus"})
    assert bad.status_code == 400


@pytest.mark.parametrize("posts", [5, 40])
def test_feed_posts_queries_are_constant(
    reader_api, reader, owner, community, posts, django_assert_max_num_queries
):
    quick_posts(owner, community, posts)
    feed = services.custom_feed_create(owner=reader, name="Green", communities=["gardening"])
    with django_assert_max_num_queries(5):
        response = reader_api.get(f"/api/v1/feeds/{feed.pk}/posts/")
    assert len(response.json()["results"]) == min(posts, 25)
