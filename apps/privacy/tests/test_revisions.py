"""A departing member who removes their content takes its earlier versions
(apps.revisions) with it; one who keeps it keeps them, as "[deleted]"."""

import pytest

from apps.comments.services import comment_update
from apps.posts.services import post_update
from apps.privacy import services
from apps.revisions.models import CommentRevision, PostRevision

pytestmark = pytest.mark.django_db


def _edit_and_delete(world, committed, **options) -> None:
    with committed(execute=True):
        post_update(actor=world.dora, post=world.dora_post, title="Dora's edited title")
        comment_update(actor=world.dora, comment=world.dora_comment, body="Dora, edited")
        comment_update(actor=world.bob, comment=world.bob_comment, body="Bob, edited")
    with committed(execute=True):
        services.account_delete(actor=world.dora, user=world.dora, **options)


def test_removing_my_content_erases_its_versions(world, django_capture_on_commit_callbacks):
    _edit_and_delete(world, django_capture_on_commit_callbacks, remove_content=True)

    assert not PostRevision.objects.filter(post=world.dora_post).exists()
    assert not CommentRevision.objects.filter(comment=world.dora_comment).exists()
    assert CommentRevision.objects.filter(comment=world.bob_comment).count() == 2


def test_keeping_my_content_keeps_its_versions_without_my_name(
    world, django_capture_on_commit_callbacks
):
    _edit_and_delete(world, django_capture_on_commit_callbacks)

    versions = PostRevision.objects.filter(post=world.dora_post)
    assert versions.count() == 2
    assert all(version.editor.is_departed for version in versions)
