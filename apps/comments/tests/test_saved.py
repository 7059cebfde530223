"""Saved comments and /saved/ (issue 14): the save control on comments, the
merged keyset list of saved posts and comments, its privacy and its cost."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.comments import selectors, services
from apps.comments.models import Comment, SavedComment
from apps.communities.models import Visibility
from apps.communities.tests.conftest import make_community
from apps.posts import services as post_services
from apps.posts.models import Post, SavedPost
from apps.posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(post, owner):
    return services.comment_create(author=owner, post=post, body="Worth keeping.")


def test_saving_a_comment_twice_keeps_one_row(member, comment):
    assert services.saved_comment_create(user=member, comment=comment) is True
    assert services.saved_comment_create(user=member, comment=comment) is False
    assert SavedComment.objects.count() == 1
    assert services.saved_comment_delete(user=member, comment=comment) is True
    assert not SavedComment.objects.exists()


def test_a_deleted_comment_cannot_be_saved(member, comment):
    Comment.objects.filter(pk=comment.pk).update(is_deleted=True)
    comment.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.saved_comment_create(user=member, comment=comment)
    assert error.value.code == "gone"
    assert not SavedComment.objects.exists()


def _save_url(comment):
    return reverse("comments:save", args=[comment.post.community.slug, comment.post_id, comment.pk])


def test_comment_save_control_toggles_with_htmx(client, member, comment):
    client.force_login(member)
    page = client.get(comment.post.get_absolute_url()).content.decode()
    assert 'data-testid="comment-save"' in page
    response = client.post(_save_url(comment), {"saved": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'data-testid="comment-unsave"' in response.content.decode()
    page = client.get(comment.post.get_absolute_url()).content.decode()
    assert 'data-testid="comment-unsave"' in page
    response = client.post(_save_url(comment), {"saved": "0"}, headers={"HX-Request": "true"})
    assert 'data-testid="comment-save"' in response.content.decode()
    assert not SavedComment.objects.exists()


def test_comment_save_plain_post_and_bad_input(client, member, comment):
    client.force_login(member)
    response = client.post(_save_url(comment), {"saved": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert SavedComment.objects.filter(user=member, comment=comment).exists()
    response = client.post(_save_url(comment), {"saved": "yes"})
    assert response.status_code == 400
    assert SavedComment.objects.count() == 1


def test_comment_on_a_private_post_cannot_be_saved_by_an_outsider(client, outsider, owner):
    secret = make_community(owner, "secret", visibility=Visibility.PRIVATE)
    post = make_post(owner, secret, "Plans", raw=True)
    hidden = services.comment_create(author=owner, post=post, body="Shh.")
    client.force_login(outsider)
    assert client.post(_save_url(hidden), {"saved": "1"}).status_code == 404
    assert not SavedComment.objects.exists()


def test_visitors_see_no_save_control(client, comment):
    page = client.get(comment.post.get_absolute_url()).content.decode()
    assert 'data-testid="comment-save"' not in page


# --- /saved/ --------------------------------------------------------------------------------


def _stamp(model, pk, minutes_ago):
    model.objects.filter(pk=pk).update(created=timezone.now() - timedelta(minutes=minutes_ago))


def test_saved_lists_posts_and_comments_newest_saved_first(member, post, comment, owner):
    other_post = make_post(owner, post.community, "Second post", raw=True)
    post_services.saved_post_create(user=member, post=post)
    services.saved_comment_create(user=member, comment=comment)
    post_services.saved_post_create(user=member, post=other_post)
    _stamp(SavedPost, SavedPost.objects.get(post=post).pk, 30)
    _stamp(SavedComment, SavedComment.objects.get().pk, 20)
    _stamp(SavedPost, SavedPost.objects.get(post=other_post).pk, 10)
    page = selectors.saved_page(member)
    assert [(entry.kind, entry.post.pk) for entry in page] == [
        ("post", other_post.pk),
        ("comment", post.pk),
        ("post", post.pk),
    ]
    assert page.items[1].comment == comment
    assert [entry.kind for entry in selectors.saved_page(member, kind="comments")] == ["comment"]
    assert len(selectors.saved_page(member, kind="posts")) == 2


def test_saved_pages_walk_both_kinds_without_gaps_or_repeats(member, community, owner):
    now = timezone.now()
    posts = [make_post(owner, community, f"Post {i}", raw=True) for i in range(7)]
    comments = [
        services.comment_create(author=owner, post=posts[0], body=f"Comment {i}") for i in range(6)
    ]
    for post in posts:
        SavedPost.objects.create(
            user=member, post=post, created=now - timedelta(minutes=post.pk % 3)
        )
    for comment in comments:
        SavedComment.objects.create(
            user=member, comment=comment, created=now - timedelta(minutes=comment.pk % 3)
        )
    seen, cursor = [], None
    for _ in range(10):
        page = selectors.saved_page(member, cursor=cursor, page_size=4)
        seen += [(entry.kind, entry.pk) for entry in page]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert len(seen) == 13
    assert len(set(seen)) == 13
    keys = [
        (e.saved_at, e.kind == "post", e.pk) for e in selectors.saved_page(member, page_size=50)
    ]
    assert keys == sorted(keys, reverse=True)


def test_saved_leaves_out_what_the_member_may_no_longer_read(member, owner, post, comment):
    secret = make_community(owner, "secret", visibility=Visibility.PRIVATE)
    hidden = make_post(owner, secret, "Plans", raw=True)
    SavedPost.objects.create(user=member, post=hidden)  # saved while a member, say
    post_services.saved_post_create(user=member, post=post)
    services.saved_comment_create(user=member, comment=comment)
    Comment.objects.filter(pk=comment.pk).update(is_removed=True)
    assert [entry.post.pk for entry in selectors.saved_page(member)] == [post.pk]
    Post.objects.filter(pk=post.pk).update(is_deleted=True)
    assert selectors.saved_page(member).items == []


def test_saved_page_is_private_and_needs_a_login(client, member, other_member, post):
    post_services.saved_post_create(user=member, post=post)
    response = client.get(reverse("comments:saved"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    client.force_login(other_member)
    assert post.title not in client.get(reverse("comments:saved")).content.decode()
    client.force_login(member)
    content = client.get(reverse("comments:saved")).content.decode()
    assert post.title in content
    assert 'data-testid="saved-post"' in content


def test_saved_page_filters_by_kind_and_survives_junk(client, member, post, comment):
    post_services.saved_post_create(user=member, post=post)
    services.saved_comment_create(user=member, comment=comment)
    client.force_login(member)
    url = reverse("comments:saved")
    content = client.get(url, {"kind": "comments"}).content.decode()
    assert 'data-testid="saved-comment"' in content
    assert 'data-testid="saved-post"' not in content
    response = client.get(url, {"kind": "<script>", "cursor": "!!junk!!"})
    assert response.status_code == 200
    assert len(response.context["page"]) == 2


def test_unsave_from_the_saved_page_comes_back_to_it(client, member, post):
    post_services.saved_post_create(user=member, post=post)
    client.force_login(member)
    url = reverse("comments:saved")
    response = client.post(
        reverse("posts:save", args=[post.community.slug, post.pk]), {"saved": "0", "next": url}
    )
    assert response["Location"] == url
    assert not SavedPost.objects.exists()


@pytest.mark.parametrize("count", [5, 40])
def test_saved_page_queries_are_constant(
    client, member, community, owner, count, django_assert_max_num_queries
):
    first = make_post(owner, community, "First", raw=True)
    for index in range(count):
        post = make_post(owner, community, f"Post {index}", raw=True)
        SavedPost.objects.create(user=member, post=post)
        comment = services.comment_create(author=owner, post=first, body=f"Comment {index}")
        SavedComment.objects.create(user=member, comment=comment)
    client.force_login(member)
    # session + member (with profile) + the two saved tables.
    with django_assert_max_num_queries(4):
        response = client.get(reverse("comments:saved"))
    assert response.status_code == 200
    assert len(response.context["page"]) == min(2 * count, selectors.SAVED_PAGE_SIZE)
