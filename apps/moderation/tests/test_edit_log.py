"""Someone else's words edited (an administrator's correction in the admin,
any edit whose actor is not the author) are a line of the moderation log;
the author's own edits and language-only corrections are not."""

import pytest

from apps.comments.events import comment_edited
from apps.core.events import send_now
from apps.moderation.models import Action, ModerationAction
from apps.posts import services as post_services

pytestmark = pytest.mark.django_db


def test_an_administrators_edit_of_a_post_is_logged(
    django_capture_on_commit_callbacks, post, superuser
):
    with django_capture_on_commit_callbacks(execute=True):
        post_services.post_staff_update(
            actor=superuser, post=post, title="Corrected title", body="<p>Ok.</p>"
        )

    entry = ModerationAction.objects.get(action=Action.POST_EDITED)
    assert entry.actor == superuser and entry.post == post
    assert entry.community == post.community and entry.as_staff
    assert entry.target_label == "Corrected title"


def test_the_authors_own_edit_is_not_logged(django_capture_on_commit_callbacks, post, author):
    with django_capture_on_commit_callbacks(execute=True):
        post_services.post_update(actor=author, post=post, title="My own correction")

    assert not ModerationAction.objects.filter(action=Action.POST_EDITED).exists()


def test_a_language_only_correction_is_not_logged(
    django_capture_on_commit_callbacks, post, superuser
):
    with django_capture_on_commit_callbacks(execute=True):
        post_services.post_staff_update(
            actor=superuser, post=post, title=post.title, body=post.body_html, language="es"
        )

    assert not ModerationAction.objects.filter(action=Action.POST_EDITED).exists()


def test_a_comment_edited_by_a_moderator_is_logged_in_their_name(
    django_capture_on_commit_callbacks, comment, moderator
):
    """Comments are edited by their authors only today; the rule is the
    posts' one, on the event the comments app sends."""
    with django_capture_on_commit_callbacks(execute=True):
        send_now(
            comment_edited,
            type(comment),
            comment=comment,
            actor=moderator,
            community_id=comment.post.community_id,
            mentioned=[],
            edited=True,
            previous_body_html="<p>Before</p>",
        )

    entry = ModerationAction.objects.get(action=Action.COMMENT_EDITED)
    assert entry.actor == moderator and entry.comment == comment and not entry.as_staff


def test_the_public_log_shows_the_edit_as_staffs(
    client, django_capture_on_commit_callbacks, post, superuser
):
    with django_capture_on_commit_callbacks(execute=True):
        post_services.post_staff_update(actor=superuser, post=post, title="Corrected title")

    response = client.get(f"/c/{post.community.slug}/modlog/")

    assert response.status_code == 200
    assert b"edited a post" in response.content and b"Corrected title" in response.content
    assert superuser.username.encode() not in response.content
