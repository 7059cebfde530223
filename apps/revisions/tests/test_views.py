"""The history pages: versions newest first with their diffs, who and when,
moderators' edits marked; the visibility of removed, deleted and private
content; a constant number of queries."""

import pytest
from django.urls import reverse

from apps.comments.models import Comment
from apps.comments.services import comment_delete
from apps.posts.models import Post
from apps.posts.services import post_delete, post_staff_update
from apps.revisions.models import CommentRevision, PostRevision

from .conftest import edit_comment, edit_post

pytestmark = pytest.mark.django_db


def history_url(post) -> str:
    return reverse("revisions:post_history", args=[post.community.slug, post.pk, post.slug or "-"])


def comment_history_url(comment) -> str:
    post = comment.post
    return reverse("revisions:comment_history", args=[post.community.slug, post.pk, comment.pk])


def test_post_history_lists_versions_newest_first_with_the_diff(client, committed, post):
    edit_post(committed, post, body="<p>They need a lamp.</p>")
    edit_post(committed, post, title="Tomatoes under lamps")

    response = client.get(history_url(post))

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        html.index('id="version-3"') < html.index('id="version-2"') < html.index('id="version-1"')
    )
    versions = response.context["page"].items
    assert "in winter" in versions[0].title and "under lamps" in versions[0].title
    assert versions[0].body is None
    assert "light." in versions[1].body and "a lamp." in versions[1].body
    assert versions[2].is_original and versions[2].text == "They need light."
    assert "Original" in html and "Edited by arthur" in html
    assert "<time datetime=" in html


def test_the_post_page_links_edited_to_the_history(client, committed, post):
    edit_post(committed, post, title="Tomatoes under lamps")
    post.refresh_from_db()

    response = client.get(post.get_absolute_url())

    assert f'href="{history_url(post)}"'.encode() in response.content


def test_the_comment_links_edited_to_its_history(client, committed, comment):
    edit_comment(committed, comment, "Second thoughts")

    response = client.get(comment.post.get_absolute_url())

    assert f'href="{comment_history_url(comment)}"'.encode() in response.content


def test_comment_history_shows_the_diff(client, committed, comment):
    edit_comment(committed, comment, "Second thoughts")

    response = client.get(comment_history_url(comment))

    assert response.status_code == 200
    newest, original = response.context["page"].items
    assert "First" in newest.body and "Second" in newest.body
    assert original.text == "First thoughts"


def test_html_written_in_a_body_is_shown_as_text_not_run(client, comment):
    """Sanitized bodies hold "<script>" typed as text as &lt;script&gt;: the
    history shows it as those characters, in the original and in the diff."""
    typed = (
        "<p>Try &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;</p>"
    )
    CommentRevision.objects.bulk_create(
        [
            CommentRevision(comment=comment, number=1, body_html=typed),
            CommentRevision(comment=comment, number=2, body_html=typed.replace("Try", "Never")),
            CommentRevision(comment=comment, number=3, body_html="<p>&lt;b&gt;gone&lt;/b&gt;</p>"),
        ]
    )

    html = client.get(comment_history_url(comment)).content.decode()

    assert "<script>" not in html and "<img src=x" not in html and "<b>gone" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3
    assert "&lt;b&gt;gone&lt;/b&gt;" in html


def test_a_moderators_edit_is_marked_and_named_only_to_moderators(
    client, committed, post, admin_user, moderator
):
    with committed():
        post_staff_update(actor=admin_user, post=post, title="Corrected", body="<p>Ok</p>")

    public = client.get(history_url(post)).content.decode()
    client.force_login(moderator)
    moderators = client.get(history_url(post)).content.decode()

    assert "Edited by a moderator" in public and "ada" not in public
    assert "Edited by ada" in moderators and "edited by a moderator" in moderators


def test_a_wrong_slug_redirects_to_the_canonical_history(client, committed, post):
    url = reverse("revisions:post_history", args=[post.community.slug, post.pk, "old-slug"])

    response = client.get(url)

    assert response.status_code == 301 and response["Location"] == history_url(post)


def test_a_comment_of_another_post_is_not_found(client, committed, comment, community, author):
    from apps.posts.tests.factories import make_post

    with committed():
        other = make_post(author, community, "Another post")
    url = reverse("revisions:comment_history", args=[community.slug, other.pk, comment.pk])

    assert client.get(url).status_code == 404


def test_a_post_never_edited_has_an_empty_history(client, post):
    response = client.get(history_url(post))

    assert response.status_code == 200 and response.context["page"].items == []


def test_the_history_of_a_removed_post_is_for_moderators_and_staff(
    client, committed, post, moderator, author, outsider, staff_member
):
    edit_post(committed, post, title="Edited before removal")
    Post.objects.filter(pk=post.pk).update(is_removed=True)  # as moderators' post_remove

    for user, status in (
        (None, 403),
        (outsider, 403),
        (author, 403),
        (moderator, 200),
        (staff_member, 200),
    ):
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(history_url(post))
        assert response.status_code == status, user
        if status == 403:
            assert b"Edited before removal" not in response.content
            assert b"history is for the community" in response.content


def test_the_history_of_a_deleted_post_is_for_moderators(
    client, committed, post, moderator, author
):
    edit_post(committed, post, title="Edited then deleted")
    with committed():
        post_delete(actor=author, post=post)

    client.force_login(author)
    assert client.get(history_url(post)).status_code == 403
    client.force_login(moderator)
    response = client.get(history_url(post))
    assert response.status_code == 200 and b"Edited then deleted" in response.content


def test_the_history_of_a_removed_or_deleted_comment_is_for_moderators(
    client, committed, post, comment, moderator, outsider
):
    edit_comment(committed, comment, "Second thoughts")
    Comment.objects.filter(pk=comment.pk).update(is_removed=True)  # as comment_remove

    client.force_login(outsider)
    assert client.get(comment_history_url(comment)).status_code == 403
    client.force_login(moderator)
    assert client.get(comment_history_url(comment)).status_code == 200


def test_a_deleted_comments_history_is_hidden_from_members(client, committed, comment, outsider):
    edit_comment(committed, comment, "Second thoughts")
    with committed():
        comment_delete(actor=comment.author, comment=comment)

    client.force_login(outsider)
    assert client.get(comment_history_url(comment)).status_code == 403


def test_a_private_communitys_history_follows_the_post(
    client, committed, private_post, author, outsider, staff_member
):
    edit_post(committed, private_post, title="Still members only")

    assert client.get(history_url(private_post)).status_code == 404
    client.force_login(outsider)
    assert client.get(history_url(private_post)).status_code == 404
    client.force_login(author)
    assert client.get(history_url(private_post)).status_code == 200
    client.force_login(staff_member)
    assert client.get(history_url(private_post)).status_code == 200


def _versions(post, count: int) -> None:
    """`count` versions of `post` (the original included), made directly."""
    PostRevision.objects.bulk_create(
        PostRevision(
            post=post,
            number=number,
            title=f"Title {number}",
            body_html=f"<p>Body number {number} of many.</p>",
            tags="winter" if number % 2 else "lamps",
            editor=post.author,
        )
        for number in range(1, count + 1)
    )


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("signed_in", [False, True])
def test_the_history_page_runs_the_same_queries_whatever_its_length(
    client, post, moderator, count, signed_in, django_assert_max_num_queries
):
    _versions(post, count)
    if signed_in:
        client.force_login(moderator)

    with django_assert_max_num_queries(5 if signed_in else 2):
        response = client.get(history_url(post))

    assert response.status_code == 200
    assert len(response.context["page"].items) == count


def test_older_versions_are_on_the_next_page(client, post):
    _versions(post, 55)

    first = client.get(history_url(post))
    cursor = first.context["page"].next_cursor
    second = client.get(history_url(post), {"cursor": cursor})

    assert [v.revision.number for v in first.context["page"].items][-1] == 6
    assert [v.revision.number for v in second.context["page"].items] == [5, 4, 3, 2, 1]
    assert second.context["page"].items[0].title is not None  # compared with version 4


def test_a_junk_cursor_gives_the_first_page(client, post):
    _versions(post, 3)

    response = client.get(history_url(post), {"cursor": "%%%junk"})

    assert response.status_code == 200 and len(response.context["page"].items) == 3
