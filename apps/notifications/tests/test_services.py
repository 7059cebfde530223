"""Who is told what: each kind exactly once, never for your own action,
never from someone you blocked, never about what you can no longer see;
grouping; the unread counter exact."""

from types import SimpleNamespace

import pytest

from apps.comments.services import comment_update
from apps.communities.models import Visibility
from apps.communities.services import community_leave
from apps.communities.tests.conftest import add_member, make_community
from apps.core.events import send_now
from apps.messaging.events import message_sent
from apps.moderation import services as moderation
from apps.moderation.models import ReportReason
from apps.notifications import services
from apps.notifications.models import Kind, Notification
from apps.posts.services import post_update
from apps.posts.tests.factories import make_post
from apps.profiles.models import Block
from apps.profiles.services import follow_create
from conftest import make_member

from .conftest import notifications_of, reply, unread

pytestmark = pytest.mark.django_db


# --- replies ---------------------------------------------------------------------------


def test_reply_to_a_post_tells_its_author_once(post, author, replier, committed):
    comment = reply(committed, replier, post)
    [notification] = notifications_of(author)
    assert notification.kind == Kind.POST_REPLY
    assert (notification.actor, notification.comment, notification.count) == (replier, comment, 1)
    assert unread(author) == 1
    assert notifications_of(replier) == []


def test_reply_to_a_comment_tells_the_comment_author_not_the_post_author(
    post, author, replier, mentioned, committed
):
    parent = reply(committed, mentioned, post)
    Notification.objects.all().delete()
    reply(committed, replier, post, parent=parent)
    [notification] = notifications_of(mentioned)
    assert notification.kind == Kind.COMMENT_REPLY
    assert notifications_of(author) == []


def test_replying_to_yourself_tells_nobody(post, author, committed):
    parent = reply(committed, author, post)
    reply(committed, author, post, body="And me again", parent=parent)
    assert notifications_of(author) == []
    assert unread(author) == 0


def test_replies_to_one_post_group_into_one_unread_notification(post, author, committed):
    repliers = [make_member(f"r{i}") for i in range(3)]
    for index, member in enumerate(repliers):
        reply(committed, member, post, body=f"Reply {index}")
    [notification] = notifications_of(author)
    assert notification.count == 3
    assert notification.actor == repliers[-1]  # the newest, and its comment is the link
    assert unread(author) == 1


def test_a_reply_after_the_group_was_read_starts_a_new_notification(post, author, committed):
    reply(committed, make_member("first"), post)
    services.notification_mark_all_read(user=author)
    reply(committed, make_member("second"), post)
    assert Notification.objects.filter(recipient=author).count() == 2
    assert unread(author) == 1


def test_blocked_member_replying_tells_nobody(post, author, blocked, committed):
    reply(committed, blocked, post)
    assert notifications_of(author) == []
    assert unread(author) == 0


def test_member_who_left_a_private_community_is_not_told_of_replies(owner, committed):
    secret = make_community(owner, "secret", visibility=Visibility.PRIVATE)
    leaver, stayer = make_member("leo"), make_member("stan")
    add_member(secret, leaver)
    add_member(secret, stayer)
    with committed():
        post = make_post(leaver, secret, "Members only")
    community_leave(user=leaver, community=secret)
    reply(committed, stayer, post)
    assert notifications_of(leaver) == []


# --- mentions ---------------------------------------------------------------------------


def test_mention_in_a_post_tells_the_member_once(author, community, mentioned, committed):
    with committed():
        post = make_post(author, community, "Hello", "<p>Thanks @marta and @MARTA!</p>")
    [notification] = notifications_of(mentioned)
    assert (notification.kind, notification.post, notification.actor) == (
        Kind.MENTION,
        post,
        author,
    )
    assert 'href="/u/marta/"' in post.body_html


def test_editing_a_post_tells_only_the_newly_mentioned(author, community, mentioned, committed):
    with committed():
        post = make_post(author, community, "Hello", "<p>Hi @marta</p>")
    newcomer = make_member("nina")
    add_member(community, newcomer)
    with committed():
        post_update(actor=author, post=post, title="Hello", body="<p>Hi @marta and @nina</p>")
    assert len(notifications_of(mentioned)) == 1
    assert len(notifications_of(newcomer, kind=Kind.MENTION)) == 1


def test_mention_in_a_comment_and_an_edit_that_adds_none(post, replier, mentioned, committed):
    comment = reply(committed, replier, post, body="Ask @marta")
    with committed():
        comment_update(actor=replier, comment=comment, body="Ask @marta, she knows")
    [notification] = notifications_of(mentioned)
    assert (notification.kind, notification.comment) == (Kind.MENTION, comment)


def test_reply_that_mentions_the_parent_author_is_one_notification(
    post, replier, mentioned, committed
):
    parent = reply(committed, mentioned, post)
    reply(committed, replier, post, body="Right, @marta", parent=parent)
    [notification] = notifications_of(mentioned)
    assert notification.kind == Kind.COMMENT_REPLY


def test_mentioning_yourself_tells_nobody(post, mentioned, committed):
    reply(committed, mentioned, post, body="I, @marta, agree")
    assert notifications_of(mentioned) == []


def test_mention_by_a_blocked_member_tells_nobody(post, author, blocked, committed):
    reply(committed, blocked, post, body="Hey @alba")
    assert notifications_of(author) == []


def test_mention_in_a_private_community_skips_non_members(owner, mentioned, committed):
    secret = make_community(owner, "secret", visibility=Visibility.PRIVATE)
    with committed():
        make_post(owner, secret, "Members only", "<p>Hi @marta</p>")
    assert notifications_of(mentioned) == []


def test_mentions_in_code_links_or_of_unknown_names_notify_nobody(
    post, replier, mentioned, committed
):
    body = (
        '<p><code>@marta</code> <a href="https://example.org">@marta</a> @nobody_here</p>'
        "<pre>@marta</pre>"
    )
    comment = reply(committed, replier, post, body=body)
    assert notifications_of(mentioned) == []
    assert 'href="/u/' not in comment.body_html


def test_a_flood_of_mentions_tells_at_most_ten_members(post, replier, community, committed):
    names = [f"flood{i:03d}" for i in range(100)]
    for name in names[:30]:
        add_member(community, make_member(name))
    comment = reply(committed, replier, post, body=" ".join(f"@{name}" for name in names))
    assert Notification.objects.filter(kind=Kind.MENTION).count() == 10
    assert comment.body_html.count('href="/u/flood') == 30  # links for every real member


# --- follows, moderation, bans, reports, messages ---------------------------------------


def test_new_followers_group_into_one_notification(author, replier, mentioned, committed):
    with committed():
        follow_create(follower=replier, followee=author)
        follow_create(follower=mentioned, followee=author)
    [notification] = notifications_of(author)
    assert (notification.kind, notification.count, notification.actor) == (
        Kind.FOLLOW,
        2,
        mentioned,
    )
    assert unread(author) == 1


def test_removing_a_post_tells_its_author_with_the_reason(post, author, owner, committed):
    with committed():
        moderation.post_remove(actor=owner, post=post, reason="Off topic")
    [notification] = notifications_of(author)
    assert (notification.kind, notification.verb, notification.reason) == (
        Kind.MODERATION,
        "post_removed",
        "Off topic",
    )


def test_locking_and_restoring_are_told_too(post, author, owner, committed):
    with committed():
        moderation.post_lock(actor=owner, post=post, reason="Heated")
        moderation.post_remove(actor=owner, post=post, reason="Spam")
        moderation.post_restore(actor=owner, post=post)
    verbs = sorted(n.verb for n in notifications_of(author))
    assert verbs == ["post_locked", "post_removed", "post_restored"]


def test_moderating_your_own_post_tells_nobody(owner, community, committed):
    with committed():
        post = make_post(owner, community, "Rules")
        moderation.post_lock(actor=owner, post=post)
    assert notifications_of(owner) == []


def test_removing_a_comment_tells_its_author(post, replier, owner, committed):
    comment = reply(committed, replier, post)
    with committed():
        moderation.comment_remove(actor=owner, comment=comment, reason="Rude")
    [notification] = notifications_of(replier)
    assert (notification.verb, notification.comment) == ("comment_removed", comment)


def test_ban_and_unban_are_told_even_to_a_member_who_blocked_the_moderator(
    community, owner, replier, committed
):
    Block.objects.create(blocker=replier, blocked=owner)
    with committed():
        moderation.member_ban(actor=owner, community=community, member=replier, reason="Spam")
        moderation.member_unban(actor=owner, community=community, member=replier)
    verbs = [n.verb for n in Notification.objects.filter(recipient=replier).order_by("id")]
    assert verbs == ["banned", "unbanned"]
    assert Notification.objects.get(recipient=replier, verb="banned").reason == "Spam"


def test_a_report_decision_tells_each_reporter_once(post, owner, replier, mentioned, committed):
    report = moderation.report_create(reporter=replier, target=post, reason=ReportReason.SPAM)
    moderation.report_create(reporter=mentioned, target=post, reason=ReportReason.SPAM)
    with committed():
        moderation.report_dismiss(actor=owner, report=report, note="Fine as it is")
    for reporter in (replier, mentioned):
        [notification] = notifications_of(reporter)
        assert (notification.kind, notification.verb, notification.reason) == (
            Kind.REPORT,
            "dismissed",
            "Fine as it is",
        )


def _message(sender, recipient, conversation_id=7):
    send_now(
        message_sent,
        object,
        message=SimpleNamespace(pk=1),
        conversation=SimpleNamespace(pk=conversation_id),
        actor=sender,
        recipient=recipient,
        community_id=None,
    )


def test_messages_of_one_conversation_group(author, replier):
    _message(replier, author)
    _message(replier, author)
    [notification] = notifications_of(author)
    assert (notification.kind, notification.count, notification.conversation_id) == (
        Kind.MESSAGE,
        2,
        7,
    )


def test_no_message_notification_from_a_blocked_member(author, blocked):
    _message(blocked, author)
    assert notifications_of(author) == []


# --- read state and the counter ---------------------------------------------------------


def test_mark_read_decrements_the_counter_once(post, author, replier, committed):
    reply(committed, replier, post)
    [notification] = notifications_of(author)
    assert services.notification_mark_read(user=author, notification_id=notification.pk)
    assert not services.notification_mark_read(user=author, notification_id=notification.pk)
    assert unread(author) == 0


def test_marking_another_members_notification_changes_nothing(post, author, replier, committed):
    reply(committed, replier, post)
    [notification] = notifications_of(author)
    with pytest.raises(Notification.DoesNotExist):
        services.notification_mark_read(user=replier, notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.read_at is None
    assert unread(author) == 1


def test_mark_all_read_zeroes_the_counter_and_never_goes_negative(
    post, author, replier, mentioned, committed
):
    reply(committed, replier, post)
    with committed():
        follow_create(follower=mentioned, followee=author)
    assert unread(author) == 2
    assert services.notification_mark_all_read(user=author) == 2
    assert services.notification_mark_all_read(user=author) == 0
    assert unread(author) == 0


def test_blocking_a_member_clears_what_they_caused_but_not_moderation_notices(
    author, replier, post, committed
):
    from apps.notifications.models import Kind, Notification
    from apps.profiles.services import block_create

    from .conftest import reply

    reply(committed, replier, post)
    Notification.objects.create(
        recipient=author, actor=replier, kind=Kind.MODERATION, verb="post_locked", post=post
    )
    with committed():
        block_create(blocker=author, blocked=replier)
    kinds = set(Notification.objects.filter(recipient=author).values_list("kind", flat=True))
    assert kinds == {Kind.MODERATION}
    assert unread(author) == 0  # the reply was unread; the hand-made row never counted
