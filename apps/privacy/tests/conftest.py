"""A member with a full life on the site (Dora), the people around her, and
recounts of every denormalized counter, so a test can say "every counter
equals a recount" after her account is deleted."""

from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps as django_apps
from django.core.files.base import ContentFile
from django.db.models import Q, Sum

from apps.accounts.models import User
from apps.api.services import token_create
from apps.comments.models import Comment, CommentVote
from apps.comments.services import comment_create, comment_vote
from apps.communities.models import Community, Membership
from apps.communities.tests.conftest import add_member, make_community
from apps.feeds.services import custom_feed_create
from apps.messaging.services import message_send
from apps.moderation.models import Action, ModerationAction, Report
from apps.notifications.models import Notification, NotificationPreference
from apps.posts.models import Post, PostVote
from apps.posts.ranking import hot
from apps.posts.services import post_vote
from apps.posts.tests.factories import make_post
from apps.profiles.models import Block, Follow, Profile
from apps.profiles.services import block_create, follow_create
from conftest import make_member


@dataclass
class World:
    dora: User
    olivia: User
    bob: User
    carla: User
    community: Community
    dora_club: Community
    dora_post: Post
    olivia_post: Post
    dora_comment: Comment
    bob_comment: Comment
    reply_to_dora: Comment


def _model(label: str):
    return django_apps.get_model(label)


@pytest.fixture
def world(db, django_capture_on_commit_callbacks) -> World:
    # Events run (notifications are made) as on the site.
    with django_capture_on_commit_callbacks(execute=True):
        return _world()


def _world() -> World:
    dora = make_member("dora")
    olivia = make_member("olivia")
    bob = make_member("bob")
    carla = make_member("carla")
    community = make_community(olivia, "gardening")
    add_member(community, dora)
    add_member(community, bob)
    dora_club = make_community(dora, "dora-club")
    add_member(dora_club, carla)

    profile = dora.profile
    profile.display_name = "Dora D."
    profile.bio = "I grow tomatoes."
    profile.website = "https://dora.example.org"
    profile.avatar.save("dora.webp", ContentFile(b"RIFF-avatar-bytes"), save=False)
    profile.save()
    EmailAddress.objects.create(user=dora, email="dora.other@example.org", verified=False)
    token_create(user=dora, name="feed reader")

    dora_post = make_post(dora, community, "Dora's tomatoes", "<p>Red <b>ones</b></p>")
    olivia_post = make_post(olivia, community, "Olivia's beans", "<p>Green</p>")
    dora_comment = comment_create(author=dora, post=olivia_post, body="Lovely beans")
    bob_comment = comment_create(author=bob, post=olivia_post, body="Agreed")
    reply_to_dora = comment_create(author=bob, post=olivia_post, body="Thanks", parent=dora_comment)
    comment_create(author=carla, post=dora_post, body="Nice tomatoes")

    # Dora votes on others' words and on her own.
    post_vote(user=dora, post=olivia_post, value=1)
    post_vote(user=dora, post=dora_post, value=1)
    comment_vote(user=dora, comment=bob_comment, value=-1)
    comment_vote(user=dora, comment=reply_to_dora, value=1)
    # Others vote on Dora's words and on each other's.
    post_vote(user=bob, post=dora_post, value=1)
    post_vote(user=carla, post=dora_post, value=-1)
    post_vote(user=bob, post=olivia_post, value=1)
    comment_vote(user=bob, comment=dora_comment, value=1)
    comment_vote(user=olivia, comment=bob_comment, value=1)

    follow_create(follower=dora, followee=olivia)
    follow_create(follower=bob, followee=dora)
    block_create(blocker=dora, blocked=carla)
    block_create(blocker=bob, blocked=dora)
    message_send(sender=dora, recipient=olivia, body="Hello Olivia")
    message_send(sender=olivia, recipient=dora, body="Hello Dora")
    NotificationPreference.objects.update_or_create(
        user=dora, kind="follow", defaults={"site": True, "email": True}
    )
    _model("posts.SavedPost").objects.create(user=dora, post=olivia_post)
    _model("comments.SavedComment").objects.create(user=dora, comment=bob_comment)
    _model("posts.CommunityMute").objects.create(user=dora, community=dora_club)
    _model("posts.KeywordFilter").objects.create(user=dora, phrase="slugs")
    custom_feed_create(owner=dora, name="Greens", visibility="shared", communities=["gardening"])
    Report.objects.create(
        reporter=dora, post=olivia_post, community=community, reason="spam", details="Dora's words"
    )
    ModerationAction.objects.create(
        actor=olivia,
        action=Action.MEMBER_BANNED,
        community=community,
        member=dora,
        target_label="dora",
        reason="rude",
    )
    for world_user in (dora, olivia, bob, carla):
        world_user.refresh_from_db()
    return World(
        dora=dora,
        olivia=olivia,
        bob=bob,
        carla=carla,
        community=community,
        dora_club=dora_club,
        dora_post=dora_post,
        olivia_post=olivia_post,
        dora_comment=dora_comment,
        bob_comment=bob_comment,
        reply_to_dora=reply_to_dora,
    )


def _sum(queryset, **condition) -> int:
    return queryset.filter(**condition).count()


def assert_counters_match_recount() -> None:
    """Every denormalized counter of the site equals a recount of its rows."""
    for post in Post.objects.all():
        votes = PostVote.objects.filter(post=post)
        assert post.upvotes == _sum(votes, value=1), post
        assert post.downvotes == _sum(votes, value=-1), post
        assert post.score == post.upvotes - post.downvotes, post
        assert post.hot == pytest.approx(hot(post.score, post.created)), post
        live = Comment.objects.filter(post=post, is_deleted=False, is_removed=False).count()
        assert post.comment_count == live, post
    for comment in Comment.objects.all():
        comment_votes = CommentVote.objects.filter(comment=comment)
        assert comment.upvotes == _sum(comment_votes, value=1), comment
        assert comment.downvotes == _sum(comment_votes, value=-1), comment
        assert comment.score == comment.upvotes - comment.downvotes, comment
    for profile in Profile.objects.all():
        user_id = profile.user_id
        post_karma = (
            PostVote.objects.filter(post__author_id=user_id)
            .exclude(user_id=user_id)
            .aggregate(total=Sum("value"))["total"]
            or 0
        )
        comment_karma = (
            CommentVote.objects.filter(comment__author_id=user_id)
            .exclude(user_id=user_id)
            .aggregate(total=Sum("value"))["total"]
            or 0
        )
        assert profile.post_karma == post_karma, profile.user
        assert profile.comment_karma == comment_karma, profile.user
        assert profile.follower_count == Follow.objects.filter(followee_id=user_id).count()
        assert profile.following_count == Follow.objects.filter(follower_id=user_id).count()
        unread = Notification.objects.filter(recipient_id=user_id, read_at__isnull=True).count()
        assert profile.unread_notifications == unread, profile.user
    for community in Community.objects.all():
        assert community.member_count == Membership.objects.filter(community=community).count()
        assert (
            community.post_count
            == Post.objects.filter(community=community, is_deleted=False).count()
        )


def personal_rows(user: User) -> dict[str, int]:
    """How many rows of each personal kind still name `user`."""
    counts = {
        "email addresses": EmailAddress.objects.filter(user=user).count(),
        "tokens": user.api_tokens.count(),
        "follows": Follow.objects.filter(Q(follower=user) | Q(followee=user)).count(),
        "memberships": Membership.objects.filter(user=user).count(),
        "blocks": Block.objects.filter(Q(blocker=user) | Q(blocked=user)).count(),
        "notifications": Notification.objects.filter(recipient=user).count(),
        "notification settings": NotificationPreference.objects.filter(user=user).count(),
        "post votes": PostVote.objects.filter(user=user).count(),
        "comment votes": CommentVote.objects.filter(user=user).count(),
        "posts authored": Post.objects.filter(author=user).count(),
        "comments authored": Comment.objects.filter(author=user).count(),
        "reports filed": Report.objects.filter(reporter=user).count(),
        "log entries about": ModerationAction.objects.filter(member=user).count(),
    }
    for label in (
        "posts.SavedPost",
        "comments.SavedComment",
        "posts.CommunityMute",
        "posts.KeywordFilter",
        "mfa.Authenticator",
        "usersessions.UserSession",
    ):
        counts[label] = _model(label).objects.filter(user=user).count()
    counts["feeds.CustomFeed"] = _model("feeds.CustomFeed").objects.filter(owner=user).count()
    return counts
