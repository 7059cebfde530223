"""/api/v1/search/ (apps.search's engine) and the moderator endpoints
(apps.moderation's services)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.comments.models import Comment
from apps.communities.models import Ban
from apps.moderation.models import ModerationAction
from apps.posts.models import Post
from conftest import make_member

from .conftest import bearer, error_of, make_comment, make_post, make_token

pytestmark = pytest.mark.django_db


# --- search -----------------------------------------------------------------------------


def test_search_posts_highlights_and_links(api, post):
    body = api.get("/api/v1/search/", {"q": "tomatoes"}).json()
    assert [hit["kind"] for hit in body["results"]] == ["post"]
    hit = body["results"][0]
    assert "<mark>" in hit["title_html"].lower() or "<mark>" in hit["snippet_html"].lower()
    assert hit["post"]["id"] == post.pk and hit["comment"] is None
    assert hit["url"].endswith(f"/p/{post.pk}/tomatoes-in-winter/")


def test_search_respects_visibility(api, owner, outsider, private_community):
    make_post(owner, private_community, title="Secret tomatoes")
    api.credentials(**bearer(make_token(outsider)))
    assert api.get("/api/v1/search/", {"q": "secret"}).json()["results"] == []
    api.credentials(**bearer(make_token(owner)))
    assert len(api.get("/api/v1/search/", {"q": "secret"}).json()["results"]) == 1


def test_search_members_and_comments(api, member, post):
    make_comment(member, post, "Compost is black gold")
    users = api.get("/api/v1/search/", {"q": "marta", "type": "users"}).json()["results"]
    assert users[0]["member"]["username"] == "marta"
    assert "email" not in users[0]["member"]
    comments = api.get("/api/v1/search/", {"q": "compost", "type": "comments"}).json()
    assert comments["results"][0]["comment"]["author"]["username"] == "marta"


@pytest.mark.parametrize(
    "params", [{"q": "x", "type": "everything"}, {"q": "x", "t": "decade"}, {}]
)
def test_search_refuses_unknown_values(api, params):
    response = api.get("/api/v1/search/", params)
    assert response.status_code == 400
    assert error_of(response)["code"] == "validation_error"


def test_search_query_count_is_constant(api, author, community):
    def run() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            body = api.get("/api/v1/search/", {"q": "tomato"}).json()
        return len(captured), len(body["results"])

    make_post(author, community, title="Tomato one")
    small = run()
    for index in range(8):
        make_post(make_member(f"grower{index}"), community, title=f"Tomato {index}")
    large = run()
    assert large[1] > small[1]
    assert large[0] == small[0] <= 2


# --- moderation ---------------------------------------------------------------------------


@pytest.fixture
def mod_api(moderator):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(**bearer(make_token(moderator)))
    return client


def test_moderator_removes_and_restores_a_post(mod_api, api, post):
    url = f"/api/v1/posts/{post.pk}/"
    response = mod_api.post(url + "remove/", {"reason": "Off topic"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["is_removed"] is True
    assert api.get(url).json()["title"] is None
    assert ModerationAction.objects.count() == 1
    assert mod_api.post(url + "restore/", {}, format="json").json()["is_removed"] is False


def test_removing_needs_a_reason(mod_api, post):
    response = mod_api.post(f"/api/v1/posts/{post.pk}/remove/", {"reason": ""}, format="json")
    assert response.status_code == 400
    assert "reason" in error_of(response)["details"]
    assert not Post.objects.get(pk=post.pk).is_removed


def test_members_cannot_moderate(member_api, post, member):
    for action in ("remove", "lock", "pin"):
        response = member_api.post(
            f"/api/v1/posts/{post.pk}/{action}/", {"reason": "x"}, format="json"
        )
        assert response.status_code == 403
        assert error_of(response)["code"] == "permission_denied"
    post.refresh_from_db()
    assert not (post.is_removed or post.is_locked or post.is_pinned)
    assert not ModerationAction.objects.exists()


def test_lock_closes_comments_and_pin_marks_the_post(mod_api, member_api, post):
    url = f"/api/v1/posts/{post.pk}/"
    assert mod_api.post(url + "lock/", {}, format="json").json()["is_locked"] is True
    response = member_api.post(url + "comments/", {"body": "Hi"}, format="json")
    assert response.status_code == 400
    assert mod_api.post(url + "unlock/", {}, format="json").json()["is_locked"] is False
    assert mod_api.post(url + "pin/", {}, format="json").json()["is_pinned"] is True
    again = mod_api.post(url + "pin/", {}, format="json")
    assert error_of(again)["details"]["non_field_errors"][0]["code"] == "unchanged"
    assert mod_api.post(url + "unpin/", {}, format="json").json()["is_pinned"] is False


def test_moderator_removes_and_restores_a_comment(mod_api, member, post):
    comment = make_comment(member, post, "Rude words")
    url = f"/api/v1/posts/{post.pk}/comments/{comment.pk}/"
    response = mod_api.post(url + "remove/", {"reason": "Rude"}, format="json")
    assert response.status_code == 200
    assert response.json()["is_removed"] is True and response.json()["body_text"] is None
    assert Comment.objects.get(pk=comment.pk).is_removed
    assert mod_api.post(url + "restore/", {}, format="json").json()["is_removed"] is False


def test_ban_and_unban(mod_api, member_api, member, community, post):
    url = "/api/v1/communities/gardening/"
    response = mod_api.post(url + "ban/", {"member": "marta", "reason": "Spam"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["member"] == "marta" and response.json()["expires_at"] is None
    refused = member_api.post(f"/api/v1/posts/{post.pk}/vote/", {"value": 1}, format="json")
    assert refused.status_code == 403
    assert mod_api.post(url + "unban/", {"member": "marta"}, format="json").status_code == 204
    assert not Ban.objects.filter(user=member).exists()
    response = mod_api.post(url + "unban/", {"member": "marta"}, format="json")
    assert response.status_code == 400


def test_nobody_bans_the_owner_or_an_unknown_member(mod_api, community):
    response = mod_api.post(
        "/api/v1/communities/gardening/ban/", {"member": "olivia"}, format="json"
    )
    assert response.status_code == 400
    assert "owner" in error_of(response)["details"]["member"][0]["message"]
    response = mod_api.post(
        "/api/v1/communities/gardening/ban/", {"member": "nobody"}, format="json"
    )
    assert response.status_code == 400 and "member" in error_of(response)["details"]
