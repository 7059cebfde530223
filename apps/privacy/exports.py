"""The data export: one zip of everything about a member, its signed
download link, and the email that announces it.

The archive holds `data.json` (the member's profile, email addresses, posts
and comments with their HTML, votes, follows, memberships, saved items,
blocks, muted communities and keyword filters, messages sent and received,
notification settings, API token names — never a secret or a hash) and the
avatar file. It is stored through Django's storage API under a random name.

The link is signed (django.core.signing, a salt of its own), names the
export, and expires after QUORUM_EXPORT_LINK_HOURS; the download view also
requires the export's member to be the one logged in, and serves it once.
"""

from __future__ import annotations

import io
import json
import secrets
import zipfile
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.sites.models import Site
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from apps.accounts.models import User
from apps.api.models import AccessToken
from apps.comments.models import Comment, CommentVote
from apps.communities.models import Membership
from apps.core.tasks import send_email
from apps.messaging.models import Message
from apps.notifications.emails import absolute_url
from apps.notifications.models import NotificationPreference
from apps.posts.models import Post, PostVote
from apps.profiles.models import Block, Follow

from .models import DataExport

LINK_SALT = "quorum.privacy.export"
ARCHIVE_DIR = "privacy/exports"
FORMAT_VERSION = 1


# --- the link ---------------------------------------------------------------------


def download_token(export: DataExport) -> str:
    return signing.dumps({"export": export.pk, "member": export.user_id}, salt=LINK_SALT)


def read_download_token(token: str) -> tuple[int, int]:
    """(export id, member id) of a link's token; signing.BadSignature when
    forged, signing.SignatureExpired (a BadSignature) when too old."""
    max_age = settings.QUORUM_EXPORT_LINK_HOURS * 3600
    value = signing.loads(token, salt=LINK_SALT, max_age=max_age)
    match value:
        case {"export": int() as export_id, "member": int() as member_id}:
            return export_id, member_id
    raise signing.BadSignature("Unexpected export payload")


def download_path(export: DataExport) -> str:
    return reverse("privacy:export_download", args=[download_token(export)])


# --- the archive ------------------------------------------------------------------


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _optional(app_label: str, model_name: str):
    from .services import optional_model

    return optional_model(app_label, model_name)


def _rows(queryset: Iterable[Any]) -> list:
    return list(queryset)


def member_data(user: User) -> dict:
    """Everything about `user`, as JSON-ready data. A handful of queries per
    kind of data (each list is one query, iterated in chunks)."""
    profile = user.profile
    data: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "exported_at": _iso(timezone.now()),
        "site": Site.objects.get_current().domain,
        "profile": {
            "username": user.username,
            "email": user.email,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "display_name": profile.display_name,
            "bio": profile.bio,
            "website": profile.website,
            "language": profile.language,
            "timezone": profile.timezone,
            "avatar": _avatar_entry(profile.avatar.name or ""),
            "follower_count": profile.follower_count,
            "following_count": profile.following_count,
            "post_karma": profile.post_karma,
            "comment_karma": profile.comment_karma,
        },
    }
    email_address = _optional("account", "EmailAddress")
    data["email_addresses"] = (
        _rows(
            email_address._default_manager.filter(user=user).values("email", "verified", "primary")
        )
        if email_address is not None
        else []
    )
    data["posts"] = [
        {
            "id": post.pk,
            "community": post.community.slug,
            "title": post.title,
            "link": post.link,
            "body_html": post.body_html,
            "tags": [tag.slug for tag in post.tags.all()],
            "created": _iso(post.created),
            "edited": _iso(post.edited_at),
            "deleted": post.is_deleted,
            "removed_by_moderators": post.is_removed,
            "score": post.score,
            "url": absolute_url(post.get_absolute_url()),
        }
        for post in Post.objects.filter(author=user)
        .select_related("community")
        .prefetch_related("tags")
        .order_by("created", "pk")
    ]
    data["comments"] = [
        {
            "id": comment.pk,
            "post": comment.post_id,
            "post_title": comment.post.title,
            "reply_to": comment.parent_id,
            "body_html": comment.body_html,
            "created": _iso(comment.created),
            "edited": _iso(comment.edited_at),
            "deleted": comment.is_deleted,
            "removed_by_moderators": comment.is_removed,
            "score": comment.score,
        }
        for comment in Comment.objects.filter(author=user)
        .select_related("post")
        .order_by("created", "pk")
    ]
    data["votes"] = {
        "posts": [
            {"post": vote["post_id"], "value": vote["value"], "created": _iso(vote["created"])}
            for vote in PostVote.objects.filter(user=user)
            .order_by("created", "pk")
            .values("post_id", "value", "created")
        ],
        "comments": [
            {
                "comment": vote["comment_id"],
                "value": vote["value"],
                "created": _iso(vote["created"]),
            }
            for vote in CommentVote.objects.filter(user=user)
            .order_by("created", "pk")
            .values("comment_id", "value", "created")
        ],
    }
    data["following"] = [
        {"member": row["followee__username"], "since": _iso(row["created"])}
        for row in Follow.objects.filter(follower=user)
        .order_by("created")
        .values("followee__username", "created")
    ]
    data["followers"] = [
        {"member": row["follower__username"], "since": _iso(row["created"])}
        for row in Follow.objects.filter(followee=user)
        .order_by("created")
        .values("follower__username", "created")
    ]
    data["memberships"] = [
        {
            "community": row["community__slug"],
            "moderator": row["is_moderator"],
            "approved": row["is_approved"],
            "joined": _iso(row["created"]),
        }
        for row in Membership.objects.filter(user=user)
        .order_by("created")
        .values("community__slug", "is_moderator", "is_approved", "created")
    ]
    data["blocked_members"] = [
        {"member": row["blocked__username"], "since": _iso(row["created"])}
        for row in Block.objects.filter(blocker=user)
        .order_by("created")
        .values("blocked__username", "created")
    ]
    data["saved"] = _saved(user)
    data["muted_communities"] = _values(
        "posts", "CommunityMute", user, community="community__slug", since="created"
    )
    data["keyword_filters"] = _values(
        "posts", "KeywordFilter", user, phrase="phrase", since="created"
    )
    data["custom_feeds"] = _custom_feeds(user)
    data["messages"] = [
        {
            "conversation": message.conversation_id,
            "from": message.sender.username,
            "to": (
                message.conversation.member_high.username
                if message.conversation.member_low_id == message.sender_id
                else message.conversation.member_low.username
            ),
            "sent": _iso(message.created),
            "body_html": message.body_html,
        }
        for message in Message.objects.filter(
            Q(conversation__member_low=user) | Q(conversation__member_high=user)
        )
        .select_related("sender", "conversation__member_low", "conversation__member_high")
        .order_by("created", "pk")
    ]
    data["registration"] = _registration(user)
    data["notification_settings"] = _rows(
        NotificationPreference.objects.filter(user=user)
        .order_by("kind")
        .values("kind", "site", "email")
    )
    data["access_tokens"] = [
        {
            "name": token["name"],
            "scopes": token["scopes"].split(),
            "created": _iso(token["created"]),
            "last_used": _iso(token["last_used"]),
            "expires": _iso(token["expires"]),
            "revoked": _iso(token["revoked_at"]),
        }
        # Names and dates only: never the hash, nor the prefix that finds the row.
        for token in AccessToken.objects.filter(user=user)
        .order_by("created")
        .values("name", "scopes", "created", "last_used", "expires", "revoked_at")
    ]
    return data


def _values(app_label: str, model_name: str, user: User, **fields: str) -> list[dict]:
    """Rows of an optional model of the member's, with `fields` renamed."""
    model = _optional(app_label, model_name)
    if model is None or not fields:
        return []
    rows = model._default_manager.filter(user=user).order_by("pk").values(*fields.values())
    return [{key: _plain(row[source]) for key, source in fields.items()} for row in rows]


def _custom_feeds(user: User) -> list[dict]:
    """The member's custom feeds with their communities (2 queries)."""
    model = _optional("feeds", "CustomFeed")
    if model is None:
        return []
    feeds = model._default_manager.filter(owner=user).order_by("pk").prefetch_related("communities")
    return [
        {
            "name": feed.name,
            "description": feed.description,
            "visibility": feed.visibility,
            "communities": sorted(community.slug for community in feed.communities.all()),
            "created": _iso(feed.created),
        }
        for feed in feeds
    ]


def _plain(value):
    return _iso(value) if hasattr(value, "isoformat") else value


def _registration(user: User) -> dict[str, Any]:
    """The member's application to join and the invite links they made
    (when the registration app is installed)."""
    found: dict[str, Any] = {"application": None, "invites": []}
    application = _optional("registration", "Application")
    if application is not None:
        row = (
            application._default_manager.filter(user=user)
            .values("question", "answer", "status", "created")
            .first()
        )
        if row is not None:
            found["application"] = {key: _plain(value) for key, value in row.items()}
    invite = _optional("registration", "Invite")
    if invite is not None:
        found["invites"] = [
            {key: _plain(value) for key, value in row.items()}
            for row in invite._default_manager.filter(inviter=user)
            .order_by("created")
            .values("created", "max_uses", "use_count", "expires_at", "revoked_at")
        ]
    return found


def _saved(user: User) -> dict[str, list]:
    saved: dict[str, list] = {"posts": [], "comments": []}
    saved_post = _optional("posts", "SavedPost")
    if saved_post is not None:
        saved["posts"] = [
            {"post": row["post_id"], "title": row["post__title"], "saved": _iso(row["created"])}
            for row in saved_post._default_manager.filter(user=user)
            .order_by("created")
            .values("post_id", "post__title", "created")
        ]
    saved_comment = _optional("comments", "SavedComment")
    if saved_comment is not None:
        saved["comments"] = [
            {
                "comment": row["comment_id"],
                "post": row["comment__post_id"],
                "saved": _iso(row["created"]),
            }
            for row in saved_comment._default_manager.filter(user=user)
            .order_by("created")
            .values("comment_id", "comment__post_id", "created")
        ]
    return saved


def _avatar_entry(name: str) -> str | None:
    """The avatar's path inside the archive."""
    return f"avatar/{name.rsplit('/', 1)[-1]}" if name else None


def build_archive(user: User) -> bytes:
    """The zip: data.json and the avatar file (read through the storage)."""
    data = member_data(user)
    avatar = user.profile.avatar
    avatar_bytes = b""
    if data["profile"]["avatar"] and avatar.name:
        try:
            with avatar.storage.open(avatar.name, "rb") as source:
                avatar_bytes = source.read()
        except FileNotFoundError:
            data["profile"]["avatar"] = None  # lost from the storage: not in the archive
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
        if data["profile"]["avatar"]:
            archive.writestr(data["profile"]["avatar"], avatar_bytes)
    return buffer.getvalue()


def export_build(*, export_id: int) -> bool:
    """The task's body: build the archive of export `export_id`, store it,
    and email its member the link. False when there was nothing to do (the
    export is gone, or built already)."""
    export = DataExport.objects.select_related("user__profile").filter(pk=export_id).first()
    if export is None or export.ready_at is not None or not export.user.is_active:
        return False
    content = build_archive(export.user)
    name = default_storage.save(
        f"{ARCHIVE_DIR}/{secrets.token_urlsafe(24)}.zip", ContentFile(content)
    )
    updated = DataExport.objects.filter(pk=export_id, ready_at__isnull=True).update(
        file_name=name, ready_at=timezone.now()
    )
    if not updated:  # deleted (or built) meanwhile
        default_storage.delete(name)
        return False
    export.refresh_from_db()
    announce(export)
    return True


def _language_of(user: User) -> str:
    language = user.profile.language
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def announce(export: DataExport) -> None:
    """Email the member their link, in their saved language."""
    user = export.user
    if not user.email:
        return  # the settings page shows the link too
    with translation.override(_language_of(user)):
        context = {
            "member": user,
            "download_url": absolute_url(download_path(export)),
            "hours": settings.QUORUM_EXPORT_LINK_HOURS,
            "site_name": Site.objects.get_current().name,
            "language_code": translation.get_language(),
        }
        subject = render_to_string("privacy/email/export_ready_subject.txt", context)
        body = render_to_string("privacy/email/export_ready.txt", context)
        html_body = render_to_string("privacy/email/export_ready.html", context)
    send_email.enqueue(
        subject=" ".join(subject.split()),
        body=body,
        to=[user.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
        html_body=html_body,
        headers={"Auto-Submitted": "auto-generated"},
    )
