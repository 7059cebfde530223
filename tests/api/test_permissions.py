"""The permission matrix through the API: each persona tries each write; a
refusal has the right status and code, and changes nothing in the database."""

import pytest
from rest_framework.test import APIClient

from apps.comments.models import Comment, CommentVote
from apps.communities.models import Membership
from apps.communities.tests.conftest import add_member
from apps.posts.models import Post, PostVote
from apps.profiles.models import Follow

from .conftest import bearer, error_of, make_comment, make_post, make_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(author, owner, community, private_community, restricted_community, banned_member):
    from conftest import make_member

    pending = make_member("pablo")
    add_member(restricted_community, pending, is_approved=False)
    post = make_post(author, community)
    return {
        "post": post,
        "comment": make_comment(author, post, "Author's comment"),
        "private_post": make_post(owner, private_community, title="Secret"),
        "users": {
            "author": author,
            "owner": owner,
            "banned": banned_member,
            "other": make_member("omar"),
            "outsider": make_member("oscar"),
            "pending": pending,
        },
    }


def client_as(world, persona: str) -> APIClient:
    client = APIClient()
    if persona == "visitor":
        return client
    if persona == "author_read_token":
        client.credentials(**bearer(make_token(world["users"]["author"], scopes=["read"])))
        return client
    client.credentials(**bearer(make_token(world["users"][persona])))
    return client


def action(world, name: str):
    """(method, url, body) of each write."""
    post, comment = world["post"], world["comment"]
    private = world["private_post"]
    comments = f"/api/v1/posts/{post.pk}/comments/"
    return {
        "create_post": ("post", "/api/v1/posts/", {"community": "gardening", "title": "T"}),
        "create_post_restricted": (
            "post",
            "/api/v1/posts/",
            {"community": "announcements", "title": "T"},
        ),
        "create_post_private": (
            "post",
            "/api/v1/posts/",
            {"community": "secret-garden", "title": "T"},
        ),
        "edit_post": ("patch", f"/api/v1/posts/{post.pk}/", {"title": "Changed"}),
        "delete_post": ("delete", f"/api/v1/posts/{post.pk}/", None),
        "vote_post": ("post", f"/api/v1/posts/{post.pk}/vote/", {"value": 1}),
        "vote_private_post": ("post", f"/api/v1/posts/{private.pk}/vote/", {"value": 1}),
        "create_comment": ("post", comments, {"body": "Hello"}),
        "comment_private_post": (
            "post",
            f"/api/v1/posts/{private.pk}/comments/",
            {"body": "Hello"},
        ),
        "edit_comment": ("patch", f"{comments}{comment.pk}/", {"body": "Changed"}),
        "delete_comment": ("delete", f"{comments}{comment.pk}/", None),
        "vote_comment": ("post", f"{comments}{comment.pk}/vote/", {"value": -1}),
        "join_private": ("post", "/api/v1/communities/secret-garden/join/", None),
        "leave_owned": ("post", "/api/v1/communities/gardening/leave/", None),
        "follow_self": ("post", "/api/v1/profiles/alba/follow/", None),
    }[name]


def snapshot() -> tuple:
    return (
        list(Post.objects.order_by("pk").values_list("pk", "title", "is_deleted", "score")),
        list(Comment.objects.order_by("pk").values_list("pk", "body_text", "is_deleted", "score")),
        list(PostVote.objects.values_list("pk", "value")),
        list(CommentVote.objects.values_list("pk", "value")),
        list(Membership.objects.order_by("pk").values_list("pk", "user_id", "community_id")),
        list(Follow.objects.values_list("pk")),
    )


DENIED = [
    # (persona, action, status, code)
    ("visitor", "create_post", 401, "not_authenticated"),
    ("visitor", "vote_post", 401, "not_authenticated"),
    ("visitor", "create_comment", 401, "not_authenticated"),
    ("visitor", "delete_post", 401, "not_authenticated"),
    ("author_read_token", "edit_post", 403, "insufficient_scope"),
    ("author_read_token", "delete_comment", 403, "insufficient_scope"),
    ("banned", "create_post", 403, "permission_denied"),
    ("banned", "vote_post", 403, "permission_denied"),
    ("banned", "create_comment", 403, "permission_denied"),
    ("banned", "vote_comment", 403, "permission_denied"),
    ("other", "edit_post", 403, "permission_denied"),
    ("other", "delete_post", 403, "permission_denied"),
    ("other", "edit_comment", 403, "permission_denied"),
    ("other", "delete_comment", 403, "permission_denied"),
    ("owner", "edit_post", 403, "permission_denied"),  # moderators do not edit posts
    ("pending", "create_post_restricted", 403, "permission_denied"),
    ("outsider", "create_post_private", 400, "validation_error"),  # invisible community
    ("outsider", "vote_private_post", 404, "not_found"),
    ("outsider", "comment_private_post", 404, "not_found"),
    ("outsider", "join_private", 404, "not_found"),
    ("owner", "leave_owned", 400, "validation_error"),
    ("author", "follow_self", 400, "validation_error"),
]


@pytest.mark.parametrize(("persona", "name", "status", "code"), DENIED)
def test_denied_writes_change_nothing(world, persona, name, status, code):
    method, url, body = action(world, name)
    client = client_as(world, persona)
    before = snapshot()
    response = getattr(client, method)(url, body, format="json")
    assert response.status_code == status, response.content
    assert error_of(response)["code"] == code
    assert snapshot() == before


ALLOWED = [
    ("author", "edit_post", 200),
    ("author", "delete_post", 204),
    ("author", "edit_comment", 200),
    ("author", "delete_comment", 204),
    ("other", "create_post", 201),
    ("other", "vote_post", 200),
    ("other", "create_comment", 201),
    ("other", "vote_comment", 200),
    ("owner", "create_post_restricted", 201),
    ("owner", "create_post_private", 201),
    ("owner", "vote_private_post", 200),
]


@pytest.mark.parametrize(("persona", "name", "status"), ALLOWED)
def test_allowed_writes(world, persona, name, status):
    method, url, body = action(world, name)
    response = getattr(client_as(world, persona), method)(url, body, format="json")
    assert response.status_code == status, response.content


def test_a_banned_author_may_still_delete_but_not_edit(world):
    author = world["users"]["author"]
    from apps.communities.models import Ban

    Ban.objects.create(community=world["post"].community, user=author)
    client = client_as(world, "author")
    method, url, body = action(world, "edit_post")
    assert getattr(client, method)(url, body, format="json").status_code == 403
    method, url, body = action(world, "delete_comment")
    assert getattr(client, method)(url, body, format="json").status_code == 204
