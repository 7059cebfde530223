"""GET /api/v1/posts/<id>/revisions/ and the comments' equivalent: the same
versions, newest first, under the history pages' visibility rule."""

import pytest
from rest_framework.test import APIClient

from apps.comments.models import Comment
from apps.posts.models import Post
from apps.posts.services import post_staff_update

from .conftest import edit_comment, edit_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def post_url(post) -> str:
    return f"/api/v1/posts/{post.pk}/revisions/"


def comment_url(comment) -> str:
    return f"/api/v1/posts/{comment.post_id}/comments/{comment.pk}/revisions/"


def test_a_posts_versions_newest_first(api, committed, post):
    edit_post(committed, post, title="Tomatoes under lamps", tags=["winter"])

    response = api.get(post_url(post))

    assert response.status_code == 200
    body = response.json()
    assert body["next_cursor"] is None
    newest, original = body["results"]
    assert newest["number"] == 2 and newest["title"] == "Tomatoes under lamps"
    assert newest["tags"] == ["winter"] and newest["by_moderator"] is False
    assert newest["editor"]["username"] == "arthur"
    assert original["number"] == 1 and original["title"] == "Tomatoes in winter"
    assert original["body_text"] == "They need light." and original["tags"] == []


def test_a_comments_versions(api, committed, comment):
    edit_comment(committed, comment, "Second thoughts")

    results = api.get(comment_url(comment)).json()["results"]

    assert [(r["number"], r["body_text"]) for r in results] == [
        (2, "Second thoughts"),
        (1, "First thoughts"),
    ]
    assert "title" not in results[0]


def test_a_moderators_name_is_for_moderators_only(api, committed, post, admin_user, moderator):
    with committed():
        post_staff_update(actor=admin_user, post=post, title="Corrected", body="<p>Ok</p>")

    public = api.get(post_url(post)).json()["results"][0]
    api.force_login(moderator)
    moderators = api.get(post_url(post)).json()["results"][0]

    assert public["by_moderator"] is True and public["editor"] is None
    assert moderators["editor"]["username"] == "ada"


def test_pages_follow_the_cursor(api, committed, post):
    for number in range(3):
        edit_post(committed, post, title=f"Title {number}")

    first = api.get(post_url(post), {"page_size": 2}).json()
    second = api.get(post_url(post), {"page_size": 2, "cursor": first["next_cursor"]}).json()

    assert [r["number"] for r in first["results"]] == [4, 3]
    assert [r["number"] for r in second["results"]] == [2, 1] and second["next"] is None


def test_a_made_up_cursor_is_a_400(api, post):
    response = api.get(post_url(post), {"cursor": "nonsense"})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"


def test_a_removed_posts_history_is_403_for_members_and_200_for_moderators(
    api, committed, post, outsider, moderator
):
    edit_post(committed, post, title="Edited")
    Post.objects.filter(pk=post.pk).update(is_removed=True)

    api.force_login(outsider)
    refused = api.get(post_url(post))
    api.force_login(moderator)
    allowed = api.get(post_url(post))

    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "permission_denied"
    assert allowed.status_code == 200 and len(allowed.json()["results"]) == 2


def test_a_deleted_comments_history_is_403_for_visitors(api, committed, comment):
    edit_comment(committed, comment, "Second")
    Comment.objects.filter(pk=comment.pk).update(is_deleted=True)

    assert api.get(comment_url(comment)).status_code == 403


def test_a_private_posts_history_is_404_for_outsiders(
    api, committed, private_post, outsider, author
):
    edit_post(committed, private_post, title="Still hush")

    assert api.get(post_url(private_post)).status_code == 404
    api.force_login(outsider)
    assert api.get(post_url(private_post)).status_code == 404
    api.force_login(author)
    assert api.get(post_url(private_post)).status_code == 200


def test_an_unknown_post_or_comment_is_404(api, post, comment):
    assert api.get(f"/api/v1/posts/{post.pk + 100}/revisions/").status_code == 404
    wrong = f"/api/v1/posts/{post.pk}/comments/{comment.pk + 100}/revisions/"
    assert api.get(wrong).status_code == 404
