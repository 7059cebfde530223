"""Deleting an account: the account is closed and erased at once, counters
end where a recount puts them, threads stay, the username stays reserved."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage

from apps.comments.models import Comment
from apps.communities.models import Community
from apps.messaging.models import Message
from apps.moderation.models import ModerationAction, Report
from apps.posts.models import Post
from apps.privacy import services
from apps.privacy.models import Departure

from .conftest import assert_counters_match_recount, personal_rows

pytestmark = pytest.mark.django_db


def _delete(world, django_capture_on_commit_callbacks, **options):
    with django_capture_on_commit_callbacks(execute=True):
        return services.account_delete(actor=world.dora, user=world.dora, **options)


def test_the_world_starts_with_exact_counters_and_personal_rows(world):
    assert_counters_match_recount()
    assert all(personal_rows(world.dora)[kind] for kind in ("follows", "post votes", "tokens"))


def test_deletion_erases_every_personal_row(world, django_capture_on_commit_callbacks):
    avatar = world.dora.profile.avatar.name
    assert default_storage.exists(avatar)

    _delete(world, django_capture_on_commit_callbacks)

    rows = personal_rows(world.dora)
    assert rows == dict.fromkeys(rows, 0)
    world.dora.refresh_from_db()
    profile = world.dora.profile
    assert (profile.display_name, profile.bio, profile.website, profile.avatar.name) == (
        "",
        "",
        "",
        "",
    )
    assert not default_storage.exists(avatar)
    assert world.dora.email == ""
    assert not world.dora.is_active
    assert not world.dora.has_usable_password()
    assert world.dora.is_departed
    assert Departure.objects.get(user=world.dora).votes_withdrawn_at is not None


def test_deletion_leaves_every_counter_equal_to_a_recount(
    world, django_capture_on_commit_callbacks
):
    _delete(world, django_capture_on_commit_callbacks)

    assert_counters_match_recount()
    world.dora_post.refresh_from_db()
    # Bob's +1 and Carla's -1 stay; Dora's own +1 is gone.
    assert (world.dora_post.score, world.dora_post.upvotes, world.dora_post.downvotes) == (0, 1, 1)
    world.olivia.profile.refresh_from_db()
    assert world.olivia.profile.post_karma == 1  # Bob's vote; Dora's withdrawn
    assert world.olivia.profile.follower_count == 0
    world.bob.profile.refresh_from_db()
    assert world.bob.profile.following_count == 0
    assert world.bob.profile.comment_karma == 1  # Olivia's +1 on bob_comment; Dora's -1 gone
    assert Community.objects.get(pk=world.community.pk).member_count == 2


def test_posts_and_comments_stay_as_deleted_with_threads_intact(
    world, django_capture_on_commit_callbacks
):
    _delete(world, django_capture_on_commit_callbacks)

    comment = Comment.objects.get(pk=world.dora_comment.pk)
    assert comment.author is None
    assert comment.body_text == "Lovely beans"  # kept, unsigned
    reply = Comment.objects.get(pk=world.reply_to_dora.pk)
    assert reply.parent_id == comment.pk and reply.author == world.bob
    post = Post.objects.get(pk=world.dora_post.pk)
    assert post.author is None and post.title == "Dora's tomatoes" and not post.is_deleted
    assert post.comments.count() == 1


def test_remove_my_content_too_empties_posts_and_comments(
    world, django_capture_on_commit_callbacks
):
    _delete(world, django_capture_on_commit_callbacks, remove_content=True)

    post = Post.objects.get(pk=world.dora_post.pk)
    assert post.is_deleted and post.title == "[deleted]" and post.body_html == ""
    assert post.tags.count() == 0
    comment = Comment.objects.get(pk=world.dora_comment.pk)
    assert comment.is_deleted and comment.body_html == "" and comment.body_text == ""
    # The reply under it keeps its place in the thread.
    assert Comment.objects.get(pk=world.reply_to_dora.pk).parent_id == comment.pk
    assert_counters_match_recount()
    assert Community.objects.get(pk=world.community.pk).post_count == 1
    assert Departure.objects.get(user=world.dora).content_removed


def test_the_moderation_log_keeps_the_action_but_not_the_name(
    world, django_capture_on_commit_callbacks
):
    _delete(world, django_capture_on_commit_callbacks)

    entry = ModerationAction.objects.get(action="member_banned")
    assert entry.member is None and entry.target_label == "[deleted]"
    assert entry.actor == world.olivia and entry.reason == "rude"
    report = Report.objects.get(post=world.olivia_post)
    assert report.reporter is None and report.details == "" and report.reason == "spam"


def test_messages_stay_with_the_other_member_signed_deleted(
    world, django_capture_on_commit_callbacks
):
    _delete(world, django_capture_on_commit_callbacks)

    message = Message.objects.get(body_text="Hello Olivia")
    message.sender.refresh_from_db()
    assert message.sender.profile.name == "[deleted]"


def test_large_accounts_have_their_votes_withdrawn_by_the_task(
    world, settings, django_capture_on_commit_callbacks
):
    settings.QUORUM_DELETION_TASK_VOTES = 1
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.account_delete(actor=world.dora, user=world.dora)
    # Closed from the first second, votes still there until the task runs.
    world.dora.refresh_from_db()
    assert not world.dora.is_active
    assert personal_rows(world.dora)["post votes"] == 2
    assert Departure.objects.get(user=world.dora).votes_withdrawn_at is None

    for callback in callbacks:
        callback()

    assert personal_rows(world.dora)["post votes"] == 0
    assert personal_rows(world.dora)["comment votes"] == 0
    assert Departure.objects.get(user=world.dora).votes_withdrawn_at is not None
    assert_counters_match_recount()


def test_vote_withdrawal_in_small_batches_ends_exact(world):
    assert services.withdraw_votes(user=world.dora, batch=1) == 4
    assert services.withdraw_votes(user=world.dora, batch=1) == 0
    assert_counters_match_recount()


def test_nobody_deletes_another_members_account(world):
    with pytest.raises(PermissionDenied):
        services.account_delete(actor=world.bob, user=world.dora)
    world.dora.refresh_from_db()
    assert world.dora.is_active and personal_rows(world.dora)["tokens"] == 1


def test_a_superuser_account_is_not_deleted_from_the_site(world):
    world.dora.is_superuser = True
    world.dora.save()
    with pytest.raises(PermissionDenied):
        services.account_delete(actor=world.dora, user=world.dora)
    assert not Departure.objects.exists()


def test_deleting_twice_is_refused(world, django_capture_on_commit_callbacks):
    _delete(world, django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        services.account_delete(actor=world.dora, user=world.dora)


def _installed(label: str):
    from django.apps import apps as django_apps

    try:
        return django_apps.get_model(label)
    except LookupError:
        pytest.skip(f"{label} is not installed")


def test_the_application_answer_goes_and_open_invites_stop(
    world, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    application_model = _installed("registration.Application")
    invite_model = _installed("registration.Invite")
    application_model.objects.create(user=world.dora, question="Why?", answer="I love gardens")
    invite = invite_model.objects.create(
        inviter=world.dora,
        token="t" * 40,
        max_uses=3,
        expires_at=timezone.now() + timedelta(days=3),
    )

    _delete(world, django_capture_on_commit_callbacks)

    application = application_model.objects.get(user=world.dora)
    assert application.answer == "" and application.question == "Why?"
    invite.refresh_from_db()
    assert invite.revoked_at is not None


def test_an_owned_community_still_reads_after_its_owner_left(
    client, world, django_capture_on_commit_callbacks
):
    _delete(world, django_capture_on_commit_callbacks)

    club = Community.objects.get(pk=world.dora_club.pk)
    assert club.owner_id == world.dora.pk and club.member_count == 1
    assert client.get(f"/c/{club.slug}/").status_code == 200
    assert client.get(f"/c/{club.slug}/about/").status_code == 200
