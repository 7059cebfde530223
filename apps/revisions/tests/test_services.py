"""Every edit keeps a version; the original is kept at the first edit; a
language-only correction keeps none; an edit by someone other than the
author is marked (apps/moderation/tests/test_edit_log.py: and logged)."""

import pytest

from apps.comments.events import comment_edited
from apps.comments.services import comment_create, comment_delete
from apps.core.events import send_now
from apps.posts.services import post_staff_update
from apps.revisions.models import CommentRevision, PostRevision
from apps.revisions.services import revisions_erase_for_author

from .conftest import edit_comment, edit_post

pytestmark = pytest.mark.django_db


def test_first_post_edit_keeps_the_original_and_the_new_version(committed, post, author):
    published = post.created
    edit_post(committed, post, title="Tomatoes in deep winter", body="<p>They need a lamp.</p>")

    original, edited = PostRevision.objects.filter(post=post).order_by("number")
    assert (original.number, original.title) == (1, "Tomatoes in winter")
    assert original.body_html == "<p>They need light.</p>"
    assert original.editor == author and original.created == published
    assert (edited.number, edited.title) == (2, "Tomatoes in deep winter")
    assert edited.body_html == "<p>They need a lamp.</p>"
    assert edited.editor == author and not edited.by_moderator


def test_each_later_edit_adds_one_version(committed, post):
    edit_post(committed, post, title="Second title")
    edit_post(committed, post, body="<p>Third body.</p>")
    edit_post(committed, post, link="https://example.com/lamps")

    rows = list(PostRevision.objects.filter(post=post).order_by("number"))
    assert [row.number for row in rows] == [1, 2, 3, 4]
    assert rows[3].link == "https://example.com/lamps"
    assert rows[3].title == "Second title" and rows[3].body_html == "<p>Third body.</p>"


def test_a_tag_change_alone_is_a_version(committed, post):
    edit_post(committed, post, tags=["winter", "lamps"])

    original, edited = PostRevision.objects.filter(post=post).order_by("number")
    assert original.tags == ""
    assert edited.tag_list == ["lamps", "winter"]


def test_a_language_only_change_keeps_no_version(committed, post):
    edit_post(committed, post, language="fr")

    post.refresh_from_db()
    assert post.language == "fr"
    assert not PostRevision.objects.filter(post=post).exists()


def test_an_edit_that_changes_nothing_keeps_no_version(committed, post):
    edit_post(committed, post)

    assert not PostRevision.objects.exists()


def test_comment_edits_keep_the_original_then_each_version(committed, comment, author):
    edit_comment(committed, comment, "Second thoughts")
    edit_comment(committed, comment, "Third thoughts")

    rows = list(CommentRevision.objects.filter(comment=comment).order_by("number"))
    assert [(row.number, row.body_html) for row in rows] == [
        (1, "<p>First thoughts</p>"),
        (2, "<p>Second thoughts</p>"),
        (3, "<p>Third thoughts</p>"),
    ]
    assert all(row.editor == author and not row.by_moderator for row in rows)


def test_a_comment_language_correction_keeps_no_version(committed, comment):
    edit_comment(committed, comment, "First thoughts", language="de")

    assert not CommentRevision.objects.exists()


def test_an_administrators_edit_is_marked_by_moderator(committed, post, admin_user, author):
    with committed():
        post_staff_update(actor=admin_user, post=post, title="Corrected title", body="<p>Ok.</p>")

    edited = PostRevision.objects.get(post=post, number=2)
    assert edited.by_moderator and edited.editor == admin_user
    assert PostRevision.objects.get(post=post, number=1).editor == author


def test_a_staff_language_correction_keeps_no_version(committed, post, admin_user):
    with committed():
        post_staff_update(
            actor=admin_user, post=post, title=post.title, body=post.body_html, language="es"
        )

    assert not PostRevision.objects.exists()


def test_a_comment_edited_by_someone_else_is_marked(committed, comment, moderator):
    """Comments are edited by their authors only today; the rule (the actor
    is not the author) is the one posts follow."""
    comment.body_html = "<p>Tidied</p>"
    with committed():
        send_now(
            comment_edited,
            type(comment),
            comment=comment,
            actor=moderator,
            community_id=comment.post.community_id,
            mentioned=[],
            edited=True,
            previous_body_html="<p>First thoughts</p>",
        )

    assert CommentRevision.objects.get(comment=comment, number=2).by_moderator
    assert not CommentRevision.objects.get(comment=comment, number=1).by_moderator


def test_versions_stay_when_the_author_deletes_the_comment(committed, comment):
    edit_comment(committed, comment, "Second thoughts")
    with committed():
        comment_delete(actor=comment.author, comment=comment)

    assert CommentRevision.objects.filter(comment=comment).count() == 2


def test_erasing_an_authors_versions_leaves_the_others(committed, post, comment, moderator):
    edit_post(committed, post, title="Edited once")
    edit_comment(committed, comment, "Edited too")
    with committed():
        mine = comment_create(author=moderator, post=post, body="Mine")
    edit_comment(committed, mine, "Mine, edited")

    assert revisions_erase_for_author(user=post.author) == 4
    assert list(CommentRevision.objects.values_list("comment_id", flat=True)) == [mine.pk] * 2
