"""The API of saved items, mutes and keyword filters (issue 14): the same
services as the pages, private to the member, errors in the envelope."""

import pytest
from rest_framework.test import APIClient

from apps.comments import services
from apps.comments.models import SavedComment
from apps.communities.models import Visibility
from apps.communities.tests.conftest import make_community
from apps.posts import services as post_services
from apps.posts.models import (
    KEYWORD_FILTER_MAX_LENGTH,
    CommunityMute,
    KeywordFilter,
    Post,
    SavedPost,
)
from apps.posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(member):
    client = APIClient()
    client.force_authenticate(member)
    return client


@pytest.fixture
def comment(post, owner):
    return services.comment_create(author=owner, post=post, body="Worth keeping.")


def test_save_and_unsave_a_post(api, member, post):
    url = f"/api/v1/posts/{post.pk}/save/"
    assert api.post(url).json() == {"saved": True, "changed": True}
    assert api.post(url).json() == {"saved": True, "changed": False}
    assert SavedPost.objects.filter(user=member, post=post).exists()
    response = api.post(f"/api/v1/posts/{post.pk}/unsave/")
    assert response.json() == {"saved": False, "changed": True}
    assert not SavedPost.objects.exists()


def test_a_deleted_post_cannot_be_saved(api, post):
    Post.objects.filter(pk=post.pk).update(is_deleted=True)
    response = api.post(f"/api/v1/posts/{post.pk}/save/")
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("This post was deleted or removed")
    assert not SavedPost.objects.exists()


def test_save_and_unsave_a_comment(api, member, comment):
    base = f"/api/v1/posts/{comment.post_id}/comments/{comment.pk}/"
    assert api.post(base + "save/").json() == {"saved": True, "changed": True}
    assert SavedComment.objects.filter(user=member, comment=comment).exists()
    assert api.post(base + "unsave/").json() == {"saved": False, "changed": True}


def test_saved_list_has_both_kinds_and_is_private(api, member, other_member, post, comment):
    post_services.saved_post_create(user=member, post=post)
    services.saved_comment_create(user=member, comment=comment)
    body = api.get("/api/v1/me/saved/").json()
    assert [item["kind"] for item in body["results"]] == ["comment", "post"]
    assert body["results"][0]["comment"]["body_text"] == "Worth keeping."
    assert body["results"][1]["post"]["title"] == post.title
    assert body["results"][1]["comment"] is None
    only_posts = api.get("/api/v1/me/saved/", {"kind": "posts"}).json()["results"]
    assert [item["kind"] for item in only_posts] == ["post"]
    other = APIClient()
    other.force_authenticate(other_member)
    assert other.get("/api/v1/me/saved/").json()["results"] == []
    assert APIClient().get("/api/v1/me/saved/").status_code in (401, 403)


def test_saved_list_pages_follow_the_cursor(api, member, community, owner):
    for index in range(5):
        post_services.saved_post_create(
            user=member, post=make_post(owner, community, f"Post {index}", raw=True)
        )
    first = api.get("/api/v1/me/saved/", {"page_size": 3}).json()
    assert len(first["results"]) == 3
    second = api.get("/api/v1/me/saved/", {"page_size": 3, "cursor": first["next_cursor"]}).json()
    assert len(second["results"]) == 2
    assert second["next_cursor"] is None
    assert api.get("/api/v1/me/saved/", {"kind": "everything"}).status_code == 400


def test_mute_unmute_and_list(api, member, community):
    assert api.post("/api/v1/communities/gardening/mute/").json() == {
        "muted": True,
        "changed": True,
    }
    assert CommunityMute.objects.filter(user=member, community=community).exists()
    mutes = api.get("/api/v1/me/mutes/").json()
    assert mutes[0]["community"] == {"slug": "gardening", "name": community.name}
    assert api.post("/api/v1/communities/gardening/unmute/").json()["changed"] is True
    assert api.get("/api/v1/me/mutes/").json() == []


def test_a_private_community_cannot_be_muted_by_an_outsider(api, owner):
    make_community(owner, "secret", visibility=Visibility.PRIVATE)
    assert api.post("/api/v1/communities/secret/mute/").status_code == 404
    assert not CommunityMute.objects.exists()


def test_filters_add_list_and_remove(api, member, other_member):
    response = api.post("/api/v1/me/filters/", {"phrase": " Election "}, format="json")
    assert response.status_code == 201
    created = response.json()
    assert created["phrase"] == "Election"
    again = api.post("/api/v1/me/filters/", {"phrase": "election"}, format="json")
    assert (again.status_code, again.json()["id"]) == (200, created["id"])
    assert [item["phrase"] for item in api.get("/api/v1/me/filters/").json()] == ["Election"]
    other = APIClient()
    other.force_authenticate(other_member)
    assert other.delete(f"/api/v1/me/filters/{created['id']}/").status_code == 404
    assert api.delete(f"/api/v1/me/filters/{created['id']}/").status_code == 204
    assert not KeywordFilter.objects.exists()


@pytest.mark.parametrize(
    "phrase", ["   ", "x" * (KEYWORD_FILTER_MAX_LENGTH + 1), "x" * (KEYWORD_FILTER_MAX_LENGTH * 5)]
)
def test_bad_filters_are_400_with_a_message(api, phrase):
    response = api.post("/api/v1/me/filters/", {"phrase": phrase}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"]
    assert not KeywordFilter.objects.exists()
