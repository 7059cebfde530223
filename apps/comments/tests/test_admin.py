import pytest

from apps.comments.services import comment_create, comment_vote
from apps.comments.tests.conftest import reply
from conftest import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_member("root", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("url", ["/admin/comments/comment/", "/admin/comments/commentvote/"])
def test_admin_lists_do_not_query_per_row(
    admin_client, post, count, url, django_assert_max_num_queries
):
    voters = [make_member(f"voter{i}") for i in range(3)]
    for index in range(count):
        comment = comment_create(author=voters[index % 3], post=post, body=f"comment {index}")
        comment_vote(user=voters[(index + 1) % 3], comment=comment, value=1)
    with django_assert_max_num_queries(10):
        response = admin_client.get(url)
    assert response.status_code == 200


def test_admin_search_and_filters(admin_client, comment):
    assert "First!" in admin_client.get("/admin/comments/comment/?q=first").content.decode()
    assert admin_client.get("/admin/comments/comment/?is_deleted__exact=1").status_code == 200
    assert admin_client.get("/admin/comments/commentvote/?q=marta").status_code == 200


def test_admin_comment_page_links_to_the_site_and_is_read_only(admin_client, comment, other_member):
    child = reply(comment, other_member, "child")
    page = admin_client.get(f"/admin/comments/comment/{child.pk}/change/").content.decode()
    assert f"#comment-{child.pk}" in page
    assert 'name="body_html"' not in page
    assert admin_client.get("/admin/comments/comment/add/").status_code == 403
    assert admin_client.get(f"/admin/comments/comment/{child.pk}/delete/").status_code == 403


def test_admin_change_form_cannot_touch_text_counters_or_state(admin_client, comment, other_member):
    comment_vote(user=other_member, comment=comment, value=1)
    reply(comment, other_member, "child")
    data = {
        "body_html": "<p>rewritten</p>",
        "body_text": "rewritten",
        "score": 999,
        "upvotes": 999,
        "reply_count": 0,
        "is_removed": "on",
        "is_deleted": "on",
        "path": "x",
        "depth": 7,
    }
    admin_client.post(f"/admin/comments/comment/{comment.pk}/change/", data)
    comment.refresh_from_db()
    assert comment.body_text == "First!" and comment.path != "x" and comment.depth == 0
    assert (comment.score, comment.upvotes, comment.reply_count) == (1, 1, 1)
    assert not comment.is_removed and not comment.is_deleted
    assert comment.post.comment_count == 2
