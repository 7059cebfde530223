"""Who is told what, for each event the content apps send after commit.

Each receiver finds the members concerned and checks that they may still
see what the notification is about (the community's read rule, the content
not deleted or removed); apps.notifications.services.notify applies the
rules every kind shares (not your own action, not from someone you
blocked) and groups. Receivers run after the write committed, in their own
transaction: a failure is logged and never undoes the write.
"""

from collections.abc import Callable

from django.db.models import Model
from django.dispatch import Signal

from apps.accounts.models import User
from apps.comments import events as comment_events
from apps.comments.models import Comment
from apps.communities import events as community_events
from apps.communities.models import Community
from apps.communities.policies import can_read
from apps.messaging import events as messaging_events
from apps.moderation import events as moderation_events
from apps.moderation.models import Action
from apps.posts import events as post_events
from apps.posts.models import Post
from apps.profiles import events as profile_events

from .models import Kind
from .services import Target, notifications_from_blocked_drop, notify

# The owner and moderators told that a member waits for their approval (at most).
MODERATORS_TOLD = 20

# Moderator actions on content its author is told about.
CONTENT_ACTIONS = frozenset(
    {
        Action.POST_REMOVED,
        Action.POST_RESTORED,
        Action.POST_LOCKED,
        Action.POST_UNLOCKED,
        Action.COMMENT_REMOVED,
        Action.COMMENT_RESTORED,
    }
)


def _post_visible_to(user: User, post: Post) -> bool:
    """Shown (not deleted or removed) and in a community `user` may read."""
    if post.is_deleted or post.is_removed:
        return False
    return can_read(user, post.community)


def _comment_visible_to(user: User, comment: Comment) -> bool:
    if comment.is_deleted or comment.is_removed:
        return False
    return _post_visible_to(user, comment.post)


def _members(ids) -> list[User]:
    ids = list(ids or ())[:10]
    return list(User.objects.filter(pk__in=ids, is_active=True)) if ids else []


def _notify_mentions(*, actor: User, post: Post, comment: Comment | None, mentioned, skip=()):
    """Tell each member mentioned (at most 10, the services' cap) once per
    post or comment: an edit tells only those newly mentioned."""
    for user in _members(mentioned):
        if user.pk in skip:
            continue
        visible = (
            _comment_visible_to(user, comment)
            if comment is not None
            else _post_visible_to(user, post)
        )
        if not visible:
            continue
        key = f"mention:comment:{comment.pk}" if comment is not None else f"mention:post:{post.pk}"
        notify(
            recipient=user,
            kind=Kind.MENTION,
            actor=actor,
            target=Target(
                community_id=post.community_id,
                post_id=post.pk,
                comment_id=comment.pk if comment is not None else None,
            ),
            group_key=key,
            once=True,
        )


# --- content --------------------------------------------------------------------------


def on_comment_created(sender, *, comment: Comment, actor: User, mentioned=(), **kwargs) -> None:
    post, parent = comment.post, comment.parent
    if parent is not None:
        recipient_id, kind, key = parent.author_id, Kind.COMMENT_REPLY, f"reply:comment:{parent.pk}"
        about_theirs = not (parent.is_deleted or parent.is_removed)
    else:
        recipient_id, kind, key = post.author_id, Kind.POST_REPLY, f"reply:post:{post.pk}"
        about_theirs = True
    told: set[int] = set()
    if recipient_id is not None and recipient_id != actor.pk and about_theirs:
        recipient = User.objects.filter(pk=recipient_id).first()
        if recipient is not None and _comment_visible_to(recipient, comment):
            target = Target(community_id=post.community_id, post_id=post.pk, comment_id=comment.pk)
            if notify(recipient=recipient, kind=kind, actor=actor, target=target, group_key=key):
                told.add(recipient_id)
    # A reply that also names its parent's author is one notification, the reply.
    skip = told | ({recipient_id} if recipient_id else set())
    _notify_mentions(actor=actor, post=post, comment=comment, mentioned=mentioned, skip=skip)


def on_comment_edited(sender, *, comment: Comment, actor: User, mentioned=(), **kwargs) -> None:
    post = comment.post
    parent_author = comment.parent.author_id if comment.parent_id and comment.parent else None
    skip = {parent_author or post.author_id}
    _notify_mentions(actor=actor, post=post, comment=comment, mentioned=mentioned, skip=skip)


def on_post_written(sender, *, post: Post, actor: User, mentioned=(), **kwargs) -> None:
    _notify_mentions(actor=actor, post=post, comment=None, mentioned=mentioned)


# --- members --------------------------------------------------------------------------


def on_member_followed(sender, *, follower: User, followee: User, **kwargs) -> None:
    notify(
        recipient=followee, kind=Kind.FOLLOW, actor=follower, target=Target(), group_key="follow"
    )


def on_member_banned(sender, *, ban, actor: User, **kwargs) -> None:
    target = Target(community_id=ban.community_id, verb="banned", reason=ban.reason)
    notify(recipient=ban.user, kind=Kind.BAN, actor=actor, target=target, blockable=False)


def on_member_unbanned(sender, *, community, user: User, actor: User, **kwargs) -> None:
    target = Target(community_id=community.pk, verb="unbanned")
    notify(recipient=user, kind=Kind.BAN, actor=actor, target=target, blockable=False)


def _tell_membership(user: User, community_id: int, verb: str, actor: User | None) -> None:
    """What a moderator decided about `user`'s membership: the community
    speaking (not blockable); never their own doing (notify drops it)."""
    target = Target(community_id=community_id, verb=verb)
    notify(recipient=user, kind=Kind.MEMBERSHIP, actor=actor, target=target, blockable=False)


def _tell_moderators(community: Community, member: User) -> None:
    """A member waits for approval: the community's owner and moderators
    are told, one entry per community while unread ("3 members are
    waiting…"), which leads to the Members page. 1 query for the team."""
    team = User.objects.filter(
        memberships__community=community, memberships__is_moderator=True, is_active=True
    )[:MODERATORS_TOLD]
    for moderator in team:
        notify(
            recipient=moderator,
            kind=Kind.MEMBERSHIP_REQUEST,
            actor=member,
            target=Target(community_id=community.pk),
            group_key=f"join-requests:{community.pk}",
        )


def on_member_requested(sender, *, community: Community, user: User, **kwargs) -> None:
    _tell_moderators(community, user)


def on_member_joined(sender, *, membership, actor: User, by_request: bool = False, **kwargs):
    """A moderator let them in (their request) or added them by hand: they
    are told. A member who joined a restricted community themselves waits
    for approval: its moderators are told."""
    if actor.pk == membership.user_id:
        if not membership.is_approved:
            _tell_moderators(membership.community, membership.user)
        return
    verb = "approved" if by_request else "added"
    _tell_membership(membership.user, membership.community_id, verb, actor)


def on_member_approved(sender, *, membership, actor: User, **kwargs) -> None:
    """A member of a restricted community may post now."""
    _tell_membership(membership.user, membership.community_id, "approved_to_post", actor)


def on_member_refused(sender, *, community, user: User, actor: User, **kwargs) -> None:
    _tell_membership(user, community.pk, "refused", actor)


def on_member_left(sender, *, community, user: User, actor: User, **kwargs) -> None:
    """Removed by a moderator (leaving oneself is no news to oneself)."""
    _tell_membership(user, community.pk, "removed", actor)


# --- moderation -----------------------------------------------------------------------


def _content_target(target: Model, **extra) -> Target | None:
    if isinstance(target, Comment):
        return Target(
            community_id=target.post.community_id,
            post_id=target.post_id,
            comment_id=target.pk,
            **extra,
        )
    if isinstance(target, Post):
        return Target(community_id=target.community_id, post_id=target.pk, **extra)
    return None


def _community_of(target: Post | Comment) -> Community:
    return target.post.community if isinstance(target, Comment) else target.community


def on_content_moderated(
    sender, *, kind: str, target, target_user: User | None, actor, reason: str = "", **kwargs
) -> None:
    if kind not in CONTENT_ACTIONS or target_user is None:
        return
    where = _content_target(target, verb=kind, reason=reason)
    # The author is told even when their content is gone (that is the news),
    # but not about a community they may no longer read.
    if where is None or not can_read(target_user, _community_of(target)):
        return
    notify(
        recipient=target_user,
        kind=Kind.MODERATION,
        actor=actor,
        target=where,
        blockable=False,
    )


def on_report_decided(
    sender, *, decision: str, reporters, target, actor, note: str = "", community_id=None, **kwargs
) -> None:
    where = _content_target(target, verb=decision, reason=note)
    if where is None:  # a report about a member
        where = Target(community_id=community_id, verb=decision, reason=note)
    for reporter in reporters:
        if isinstance(target, (Post, Comment)) and not can_read(reporter, _community_of(target)):
            continue
        notify(recipient=reporter, kind=Kind.REPORT, actor=actor, target=where, blockable=False)


# --- messages -------------------------------------------------------------------------


def on_message_sent(sender, *, conversation, actor: User, recipient: User, **kwargs) -> None:
    notify(
        recipient=recipient,
        kind=Kind.MESSAGE,
        actor=actor,
        target=Target(conversation_id=conversation.pk),
        group_key=f"message:{conversation.pk}",
    )


# --- blocks ---------------------------------------------------------------------------


def on_member_blocked(sender, *, blocker: User, blocked: User, **kwargs) -> None:
    notifications_from_blocked_drop(blocker=blocker, blocked=blocked)


def connect() -> None:
    """Subscribe every receiver once (NotificationsConfig.ready)."""
    subscriptions: list[tuple[Signal, Callable[..., None]]] = [
        (comment_events.comment_created, on_comment_created),
        (comment_events.comment_edited, on_comment_edited),
        (post_events.post_created, on_post_written),
        (post_events.post_updated, on_post_written),
        (profile_events.member_followed, on_member_followed),
        (community_events.member_banned, on_member_banned),
        (community_events.member_unbanned, on_member_unbanned),
        (community_events.member_joined, on_member_joined),
        (community_events.member_requested, on_member_requested),
        (community_events.member_approved, on_member_approved),
        (community_events.member_refused, on_member_refused),
        (community_events.member_left, on_member_left),
        (moderation_events.content_moderated, on_content_moderated),
        (moderation_events.report_decided, on_report_decided),
        (messaging_events.message_sent, on_message_sent),
        (profile_events.member_blocked, on_member_blocked),
    ]
    for signal, receiver in subscriptions:
        signal.connect(receiver, dispatch_uid=f"notifications.{receiver.__name__}", weak=False)
