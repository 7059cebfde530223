"""Leaving with your data: deleting an account, asking for an export and
downloading it. Keyword-only, typed, atomic.

Account deletion (`account_delete`) happens in one transaction: the account
is unusable when it commits (inactive, unusable password, sessions and
tokens gone) and every personal row is erased. Counters of other rows move
with F() in the same transaction: follower and following counts, member
counts, post and comment counts (when the content goes too). The member's
votes are withdrawn through the one vote algorithm (apps.posts.votes, via
`post_votes_withdraw_all` and `comment_votes_withdraw_all`), so every score,
hot rank and karma they touched ends where a recount puts it; an account
with more than QUORUM_DELETION_TASK_VOTES votes has them withdrawn by a
background task (apps.privacy.tasks) instead, after the commit.

Lock order: the user row first, then (in the vote services) post rows →
comment rows → vote rows → profile rows, as everywhere else.
"""

from __future__ import annotations

from collections import Counter
from importlib import import_module

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import DEPARTED_PASSWORD, User
from apps.accounts.types import Actor
from apps.api.models import AccessToken
from apps.comments.models import Comment, CommentVote
from apps.comments.services import comment_votes_withdraw_all
from apps.communities import events as community_events
from apps.communities.models import Community, Membership
from apps.core.cache import invalidate_feeds
from apps.core.events import send_after_commit
from apps.core.refusals import raise_refusal
from apps.media.services import images_erase_for_uploader
from apps.moderation.models import ModerationAction, Report
from apps.moderation.tasks import end_member_sessions
from apps.notifications.models import DigestEntry, Notification, NotificationPreference
from apps.posts.models import Post, PostVote
from apps.posts.services import DELETED_TITLE, post_votes_withdraw_all
from apps.profiles.models import Block, Follow, Profile
from apps.revisions.services import revisions_erase_for_author
from apps.tags.models import Tag

from . import policies
from .models import DataExport, Departure

# What a moderation log entry about a departed member keeps of their name.
DELETED_LABEL = "[deleted]"

# Rows of the member's own that other apps keep, when those apps are
# installed: (app label, model name, field naming the member). Deleted with
# the account; nothing else points at them.
OWN_ROWS = (
    ("posts", "SavedPost", "user"),
    ("posts", "CommunityMute", "user"),
    ("posts", "KeywordFilter", "user"),
    ("comments", "SavedComment", "user"),
    ("feeds", "CustomFeed", "owner"),  # and their communities (cascade); shared links die
    ("drafts", "Draft", "author"),
    ("communities", "JoinRequest", "user"),
    ("account", "EmailAddress", "user"),
    ("mfa", "Authenticator", "user"),
)


def optional_model(app_label: str, model_name: str) -> type[models.Model] | None:
    """A model of an app that may not be installed (allauth.mfa, …)."""
    try:
        return django_apps.get_model(app_label, model_name)
    except LookupError:
        return None


def vote_count(user: User) -> int:
    return (
        PostVote.objects.filter(user=user).count() + CommentVote.objects.filter(user=user).count()
    )


# --- account deletion ---------------------------------------------------------------


@transaction.atomic
def account_delete(*, actor: Actor, user: User, remove_content: bool = False) -> Departure:
    """Delete `user`'s account at `actor`'s request (the member themselves;
    the view has had them confirm with their password or second factor).

    Kept: the User row (inactive, unusable password: the username stays
    reserved and shows as "[deleted]"), their posts and comments as
    "[deleted]" with no author (threads intact) — or, with
    `remove_content`, emptied as if the member had deleted each one, their
    earlier versions (apps.revisions) and their uploaded images (apps.media)
    erased —,
    moderation log entries (without the member's name), messages in the
    other member's conversations (sender shown as "[deleted]").

    Erased: profile fields and avatar file, email addresses, API tokens,
    sessions, second factors, follows, memberships, join requests, blocks,
    notifications and their settings, saved items, mutes and filters, the
    member's reports' free text. Their votes are withdrawn (at once, or by
    a background task above QUORUM_DELETION_TASK_VOTES votes)."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    raise_refusal(policies.deletion_refusal(actor, locked))
    now = timezone.now()
    departure = Departure.objects.create(user=locked, created=now, content_removed=remove_content)

    _close_account(locked)
    _anonymize_moderation(locked, content_removed=remove_content)
    touched = _erase_content(locked, remove=remove_content, now=now)
    _erase_relations(locked)
    _erase_personal_rows(locked)
    _erase_profile(locked)

    if vote_count(locked) <= settings.QUORUM_DELETION_TASK_VOTES:
        withdraw_votes(user=locked)
        departure.votes_withdrawn_at = timezone.now()
        departure.save(update_fields=["votes_withdrawn_at"])
    else:
        from .tasks import withdraw_departed_votes  # the task module imports this one

        user_id = locked.pk
        transaction.on_commit(lambda: withdraw_departed_votes.enqueue(user_id=user_id))

    # Every other session of the member ends (the usersessions rows went
    # with _close_account; this finds any session that table did not know).
    user_id = locked.pk
    transaction.on_commit(lambda: end_member_sessions.enqueue(user_id=user_id))
    transaction.on_commit(lambda: _invalidate(touched))
    user.is_active, user.password, user.email = False, locked.password, ""
    return departure


def _invalidate(community_ids: set[int]) -> None:
    for community_id in community_ids:
        invalidate_feeds(community_id=community_id)


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _close_account(user: User) -> None:
    """Unusable from the commit on: no login, no session, no token."""
    user.password = DEPARTED_PASSWORD
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.last_login = None
    user.save(
        update_fields=[
            "password",
            "is_active",
            "is_staff",
            "is_superuser",
            "email",
            "first_name",
            "last_name",
            "last_login",
        ]
    )
    user.groups.clear()
    user.user_permissions.clear()
    AccessToken.objects.filter(user=user).delete()
    user_session = optional_model("usersessions", "UserSession")
    if user_session is not None:
        rows = user_session._default_manager.filter(user=user)
        keys = list(rows.values_list("session_key", flat=True))
        rows.delete()
        Session.objects.filter(session_key__in=keys).delete()
        # The cache in front of the database (cached_db) forgets them too.
        store = import_module(settings.SESSION_ENGINE).SessionStore
        transaction.on_commit(lambda: [store(session_key=key).delete() for key in keys])


def _erase_content(user: User, *, remove: bool, now) -> set[int]:
    """The member's posts and comments lose their author (they show
    "[deleted]"); with `remove`, their text too, counters following.
    Returns the ids of the communities whose pages changed."""
    posts = Post.objects.filter(author=user)
    comments = Comment.objects.filter(author=user)
    touched = set(posts.values_list("community_id", flat=True).distinct())
    touched |= set(comments.values_list("post__community_id", flat=True).distinct())
    if remove:
        live_posts = posts.filter(is_deleted=False)
        # Community.post_count counts posts not deleted by their author.
        per_community = live_posts.values("community_id").annotate(n=Count("pk"))
        for row in per_community:
            Community.objects.filter(pk=row["community_id"]).update(
                post_count=F("post_count") - row["n"]
            )
        through = Post.tags.through
        tag_links = through.objects.filter(post__in=live_posts)
        for tag_id, n in tag_links.values_list("tag_id").annotate(n=Count("pk")):
            Tag.objects.filter(pk=tag_id).update(post_count=F("post_count") - n)
        tag_links.delete()
        live_posts.update(
            is_deleted=True,
            deleted_at=now,
            title=DELETED_TITLE,
            body_html="",
            body_text="",
            link="",
            is_pinned=False,
        )
        live_comments = comments.filter(is_deleted=False)
        # Post.comment_count counts comments neither deleted nor removed.
        counted = Counter(live_comments.filter(is_removed=False).values_list("post_id", flat=True))
        for post_id, n in counted.items():
            Post.objects.filter(pk=post_id).update(comment_count=F("comment_count") - n)
        live_comments.update(is_deleted=True, deleted_at=now, body_html="", body_text="")
        # Their earlier versions go with the text (apps.revisions).
        revisions_erase_for_author(user=user)
        # And the pictures they uploaded (apps.media), files included.
        images_erase_for_uploader(user=user)
    posts.update(author=None)
    comments.update(author=None)
    return touched


def _erase_relations(user: User) -> None:
    """Follows, memberships and blocks, with the counters of the other side."""
    followees = list(Follow.objects.filter(follower=user).values_list("followee_id", flat=True))
    followers = list(Follow.objects.filter(followee=user).values_list("follower_id", flat=True))
    Profile.objects.filter(user_id__in=followees).update(follower_count=F("follower_count") - 1)
    Profile.objects.filter(user_id__in=followers).update(following_count=F("following_count") - 1)
    Follow.objects.filter(follower=user).delete()
    Follow.objects.filter(followee=user).delete()

    memberships = Membership.objects.filter(user=user)
    community_ids = list(memberships.values_list("community_id", flat=True))
    Community.objects.filter(pk__in=community_ids).update(member_count=F("member_count") - 1)
    memberships.delete()
    for community in Community.objects.filter(pk__in=community_ids):
        send_after_commit(
            community_events.member_left,
            sender=Membership,
            community=community,
            user=user,
            actor=user,
            community_id=community.pk,
        )

    Block.objects.filter(blocker=user).delete()
    Block.objects.filter(blocked=user).delete()


def _erase_personal_rows(user: User) -> None:
    """Rows that are the member's alone."""
    Notification.objects.filter(recipient=user).delete()
    DigestEntry.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    exports = DataExport.objects.filter(user=user)
    archives = [name for name in exports.values_list("file_name", flat=True) if name]
    exports.delete()
    transaction.on_commit(lambda: _delete_files(archives))
    for app_label, model_name, field in OWN_ROWS:
        model = optional_model(app_label, model_name)
        if model is not None:
            model._default_manager.filter(**{field: user}).delete()
    # Registration (when installed): the application stays as the staff's
    # record of their decision, without the words the member wrote; the
    # member's open invite links stop working (the invite tree stays).
    application = optional_model("registration", "Application")
    if application is not None:
        application._default_manager.filter(user=user).update(answer="")
    invite = optional_model("registration", "Invite")
    if invite is not None:
        invite._default_manager.filter(inviter=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )


def _erase_profile(user: User) -> None:
    profile = Profile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        return
    old_avatar = profile.avatar.name if profile.avatar else ""
    Profile.objects.filter(user=user).update(
        display_name="",
        bio="",
        website="",
        avatar="",
        language="",
        timezone="",
        follower_count=0,
        following_count=0,
        post_karma=0,
        comment_karma=0,
        unread_notifications=0,
        updated=timezone.now(),
    )
    storage = profile.avatar.storage
    if old_avatar:
        transaction.on_commit(lambda: storage.delete(old_avatar))


def _anonymize_moderation(user: User, *, content_removed: bool) -> None:
    """The moderation log keeps each action, its target and date, not the
    departed member's name; reports they filed keep their reason, not their
    name or the words they wrote."""
    ModerationAction.objects.filter(member=user).update(member=None, target_label=DELETED_LABEL)
    if content_removed:
        # The label of an action on their content is their title or words;
        # runs before _erase_content, while the content still names its author.
        ModerationAction.objects.filter(Q(post__author=user) | Q(comment__author=user)).update(
            target_label=DELETED_LABEL
        )
    Report.objects.filter(reporter=user).update(reporter=None, details="")


def withdraw_votes(*, user: User, batch: int = 500) -> int:
    """Withdraw every vote `user` left (post votes then comment votes), in
    batches of `batch` per transaction. Returns how many were withdrawn."""
    total = 0
    while withdrawn := post_votes_withdraw_all(user=user, batch=batch):
        total += withdrawn
    while withdrawn := comment_votes_withdraw_all(user=user, batch=batch):
        total += withdrawn
    return total


def departed_votes_withdraw(*, user_id: int) -> int:
    """The task's body: withdraw a departed member's votes and record that it
    is done. Safe to run twice (the second run finds no vote)."""
    user = User.objects.filter(pk=user_id).first()
    if user is None or not user.is_departed:
        return 0
    total = withdraw_votes(user=user)
    Departure.objects.filter(user_id=user_id).update(votes_withdrawn_at=timezone.now())
    return total


# --- data export ------------------------------------------------------------------


@transaction.atomic
def export_request(*, user: User) -> DataExport:
    """Ask for an archive of everything about `user`: built by a background
    task, which emails the member a download link. At most one a day (the
    member's row is locked, so two clicks make one export)."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    last = (
        DataExport.objects.filter(user=user)
        .order_by("-created")
        .values_list("created", flat=True)
        .first()
    )
    raise_refusal(policies.export_refusal(user, last_requested=last))
    export = DataExport.objects.create(user=user)
    # Older archives of the member go: only the newest can be downloaded.
    _delete_old_archives(user, keep=export.pk)
    from .tasks import build_data_export  # the task module imports this one

    export_id = export.pk
    transaction.on_commit(lambda: build_data_export.enqueue(export_id=export_id))
    return export


def _delete_old_archives(user: User, *, keep: int) -> None:
    old = DataExport.objects.filter(user=user).exclude(pk=keep).exclude(file_name="")
    names = list(old.values_list("file_name", flat=True))
    old.update(file_name="")
    transaction.on_commit(lambda: _delete_files(names))


@transaction.atomic
def export_claim(*, user: User, export_id: int) -> DataExport:
    """Claim the one download of an export: `user` must own it, it must be
    ready, not downloaded yet and not expired. Marks it downloaded (the
    conditional UPDATE decides between two concurrent clicks)."""
    export = DataExport.objects.select_for_update().filter(pk=export_id, user=user).first()
    if export is None:
        raise PermissionDenied(_("This download link is not yours."))
    if export.downloaded_at is not None or not export.file_name:
        raise ValidationError(
            _("This archive has already been downloaded. Ask for a new export."),
            code="export_used",
        )
    if not export.is_downloadable:
        raise ValidationError(
            _("This download link has expired. Ask for a new export."), code="export_expired"
        )
    export.downloaded_at = timezone.now()
    export.save(update_fields=["downloaded_at"])
    return export


def export_forget_file(*, export: DataExport) -> None:
    """After the download: the archive leaves the storage."""
    name = export.file_name
    DataExport.objects.filter(pk=export.pk).update(file_name="")
    if name:
        default_storage.delete(name)
