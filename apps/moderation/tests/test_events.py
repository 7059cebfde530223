"""The events moderation sends once its transaction commits: one per logged
action, with what a notification needs, and none for a refused action. The
feed cache subscribes to those that change pages."""

import pytest
from django.core.exceptions import ValidationError

from apps.core import cache as core_cache
from apps.moderation import events, services
from apps.moderation.models import Action, ModerationAction, ReportStatus
from conftest import make_member

from .conftest import add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """Every moderation event received, as (signal name, kwargs)."""
    received = []
    signals = {
        "content_moderated": events.content_moderated,
        "membership_moderated": events.membership_moderated,
        "suspension_changed": events.suspension_changed,
        "report_decided": events.report_decided,
    }
    receivers = []
    for name, signal in signals.items():

        def receiver(sender, name=name, **kwargs):
            received.append((name, kwargs))

        signal.connect(receiver, weak=False)
        receivers.append((signal, receiver))
    yield received
    for signal, receiver in receivers:
        signal.disconnect(receiver)


def test_a_removal_is_heard_after_commit_with_what_a_notice_needs(
    post, moderator, author, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.post_remove(actor=moderator, post=post, reason="Spam link")
    assert heard == []  # nothing before the commit
    for callback in callbacks:
        callback()
    [(name, event)] = heard
    assert name == "content_moderated"
    assert event["kind"] == Action.POST_REMOVED
    assert event["action"] == ModerationAction.objects.get()
    assert (event["community_id"], event["actor"], event["reason"]) == (
        post.community_id,
        moderator,
        "Spam link",
    )
    assert event["target"].pk == post.pk and event["target"].is_removed
    assert event["target_user"] == author


def test_comment_events_carry_the_comment_with_its_post(
    comment, moderator, author, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_remove(actor=moderator, comment=comment, reason="Rude")
        services.comment_restore(actor=moderator, comment=comment)
    kinds = [(name, event["kind"]) for name, event in heard]
    assert kinds == [
        ("content_moderated", Action.COMMENT_REMOVED),
        ("content_moderated", Action.COMMENT_RESTORED),
    ]
    event = heard[0][1]
    assert event["target"].post.community.pk == event["community_id"]
    assert event["target_user"] == author


def test_one_flag_service_logs_and_announces_each_flag(
    post, moderator, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for action in ("lock", "unlock", "pin", "unpin"):
            services.post_flag_set(actor=moderator, post=post, action=action)
    assert [event["kind"] for _name, event in heard] == [
        Action.POST_LOCKED,
        Action.POST_UNLOCKED,
        Action.POST_PINNED,
        Action.POST_UNPINNED,
    ]
    assert list(ModerationAction.objects.order_by("id").values_list("action", flat=True)) == [
        "post_locked",
        "post_unlocked",
        "post_pinned",
        "post_unpinned",
    ]


def test_a_report_decision_names_every_reporter_and_the_decision(
    post, member, other_member, moderator, community, heard, django_capture_on_commit_callbacks
):
    add_member(community, other_member)
    report = services.report_create(reporter=member, target=post, reason="spam")
    services.report_create(reporter=other_member, target=post, reason="hate")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_dismiss(actor=moderator, report=report, note="Within the rules")
    [(name, event)] = heard
    assert name == "report_decided"
    assert event["decision"] == ReportStatus.DISMISSED
    assert {user.pk for user in event["reporters"]} == {member.pk, other_member.pk}
    assert event["note"] == "Within the rules" and event["report"].pk == report.pk
    assert event["target"].pk == post.pk and event["community_id"] == community.pk


def test_bans_and_suspensions_are_heard(
    community, moderator, member, staff_moderator, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.member_ban(actor=moderator, community=community, member=member, reason="Rude")
        services.member_unban(actor=moderator, community=community, member=member)
    target = make_member("tess")
    with django_capture_on_commit_callbacks(execute=True):
        services.member_suspend(actor=staff_moderator, member=target, reason="Spam")
    names = [(name, event["kind"], event["target_user"]) for name, event in heard]
    assert names == [
        ("membership_moderated", Action.MEMBER_BANNED, member),
        ("membership_moderated", Action.MEMBER_UNBANNED, member),
        ("suspension_changed", Action.MEMBER_SUSPENDED, target),
    ]
    assert heard[-1][1]["community_id"] is None
    assert heard[-1][1]["suspension"].member == target


def test_a_refused_action_is_not_heard(post, moderator, heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ValidationError):
            services.post_remove(actor=moderator, post=post, reason="")
        with pytest.raises(ValidationError):
            services.post_flag_set(actor=moderator, post=post, action="unlock")
    assert heard == []


def test_feeds_follow_moderation_through_its_events(
    post, moderator, member, django_capture_on_commit_callbacks
):
    version = core_cache.feed_version(post.community_id)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_pin(actor=moderator, post=post)
    pinned = core_cache.feed_version(post.community_id)
    assert pinned != version
    with django_capture_on_commit_callbacks(execute=True):
        services.moderator_appoint(
            actor=post.community.owner, community=post.community, member=member
        )
    assert core_cache.feed_version(post.community_id) != pinned
