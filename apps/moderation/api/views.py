"""Moderator endpoints: remove / restore posts and comments, lock / unlock
and pin / unpin posts, ban / unban members. Each calls the service of
apps.moderation.services the site's moderation pages and the admin call, so
the same policies decide (community moderators and staff), every action is
logged, and a refused action writes nothing."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.inputs import parse_body
from apps.comments import selectors as comment_selectors
from apps.comments.api.serializers import CommentSerializer
from apps.comments.api.views import viewer_of
from apps.communities import selectors as community_selectors
from apps.posts.api.serializers import PostSerializer
from apps.posts.api.views import POST_EXAMPLE, post_for_viewer
from apps.profiles import selectors as profile_selectors

from .. import services
from .serializers import (
    BanResultSerializer,
    BanSerializer,
    ReasonSerializer,
    RequiredReasonSerializer,
    UnbanSerializer,
)

TAG = "moderation"
WHO = (
    " Moderators of the post's community and staff moderators only (403 otherwise); "
    "logged in the moderation log."
)


def _post_action(name: str, service, summary: str, description: str, *, reason_required: bool):
    body_serializer = RequiredReasonSerializer if reason_required else ReasonSerializer
    example_value = {"reason": "Off topic: see rule 2."}

    class PostAction(APIView):
        @extend_schema(
            operation_id=f"moderation_posts_{name}",
            summary=summary,
            description=description + WHO,
            tags=[TAG],
            request=body_serializer,
            responses={200: PostSerializer},
            examples=[
                OpenApiExample("A reason", request_only=True, value=example_value),
                OpenApiExample("The post", response_only=True, value=POST_EXAMPLE),
            ],
        )
        def post(self, request, post_id: int):
            post = post_for_viewer(post_id, request.user)
            data = parse_body(request, body_serializer)
            service(actor=request.user, post=post, reason=data["reason"])
            post = post_for_viewer(post_id, request.user)
            return Response(PostSerializer(post, context={"request": request}).data)

    PostAction.__name__ = PostAction.__qualname__ = f"Post{name.title()}"
    return PostAction


PostRemove = _post_action(
    "remove",
    services.post_remove,
    "Remove a post",
    "Others see it as removed; its author still sees it, with the reason (required). "
    "It is unpinned, and open reports about it are resolved.",
    reason_required=True,
)
PostRestore = _post_action(
    "restore", services.post_restore, "Restore a removed post", "", reason_required=False
)
PostLock = _post_action(
    "lock", services.post_lock, "Lock a post", "No new comments.", reason_required=False
)
PostUnlock = _post_action(
    "unlock", services.post_unlock, "Unlock a post", "", reason_required=False
)
PostPin = _post_action(
    "pin",
    services.post_pin,
    "Pin a post",
    "To the top of its community (at most 5 pinned posts).",
    reason_required=False,
)
PostUnpin = _post_action("unpin", services.post_unpin, "Unpin a post", "", reason_required=False)


# What a moderator gets back after acting on a comment (its body hidden once removed).
REMOVED_COMMENT_EXAMPLE = {
    "id": 7,
    "author": {"username": "omar", "display_name": "Omar", "avatar_url": None},
    "body_html": None,
    "body_text": None,
    "created": "2026-03-01T11:00:00Z",
    "edited_at": None,
    "score": 3,
    "upvotes": 3,
    "downvotes": 0,
    "is_deleted": False,
    "is_removed": True,
    "post_id": 101,
    "parent_id": None,
    "depth": 0,
    "reply_count": 1,
    "has_more_replies": False,
    "user_vote": None,
    "can_reply": False,
    "can_edit": False,
    "can_delete": False,
    "can_vote": False,
    "url": "https://quorum.example/c/gardening/p/101/-/comment/7/#comment-7",
}


def _comment_action(name: str, service, summary: str, description: str, *, reason_required: bool):
    body_serializer = RequiredReasonSerializer if reason_required else ReasonSerializer

    class CommentAction(APIView):
        @extend_schema(
            operation_id=f"moderation_comments_{name}",
            summary=summary,
            description=description + WHO,
            tags=[TAG],
            request=body_serializer,
            responses={200: CommentSerializer},
            examples=[
                OpenApiExample("A reason", request_only=True, value={"reason": "Rude."}),
                OpenApiExample(
                    "The comment",
                    response_only=True,
                    value=REMOVED_COMMENT_EXAMPLE,
                ),
            ],
        )
        def post(self, request, post_id: int, comment_id: int):
            post = post_for_viewer(post_id, request.user)
            comment = comment_selectors.comment_on_post(post=post, comment_id=comment_id)
            data = parse_body(request, body_serializer)
            service(actor=request.user, comment=comment, reason=data["reason"])
            comment = comment_selectors.comment_for_viewer(
                post=post, comment_id=comment_id, viewer=viewer_of(request, post)
            )
            return Response(CommentSerializer(comment, context={"request": request}).data)

    CommentAction.__name__ = CommentAction.__qualname__ = f"Comment{name.title()}"
    return CommentAction


CommentRemove = _comment_action(
    "remove",
    services.comment_remove,
    "Remove a comment",
    "Others see it as removed; its author still sees the text. A reason is required.",
    reason_required=True,
)
CommentRestore = _comment_action(
    "restore", services.comment_restore, "Restore a removed comment", "", reason_required=False
)


def _member(username: str):
    try:
        return profile_selectors.member_by_username(username)
    except Http404:
        raise serializers.ValidationError(
            {"member": [_("There is no member with this username.")]}, code="not_found"
        ) from None


class Ban(APIView):
    @extend_schema(
        operation_id="moderation_ban",
        summary="Ban a member from a community",
        description=(
            "Until `expires_at`, or for good. Never the owner or yourself; a moderator only "
            "by the owner or staff. Banning again replaces the reason and the end."
            " Moderators of the community and staff moderators only; logged."
        ),
        tags=[TAG],
        request=BanSerializer,
        responses={200: BanResultSerializer},
        examples=[
            OpenApiExample(
                "A week",
                request_only=True,
                value={"member": "omar", "reason": "Spam.", "expires_at": "2026-03-08T00:00:00Z"},
            ),
            OpenApiExample(
                "Banned",
                response_only=True,
                value={
                    "member": "omar",
                    "reason": "Spam.",
                    "expires_at": "2026-03-08T00:00:00Z",
                    "created": "2026-03-01T00:00:00Z",
                },
            ),
        ],
    )
    def post(self, request, slug: str):
        community = community_selectors.community_for_viewer(slug, request.user)
        data = parse_body(request, BanSerializer)
        ban = services.member_ban(
            actor=request.user,
            community=community,
            member=_member(data["member"]),
            reason=data["reason"],
            expires_at=data["expires_at"],
        )
        return Response(BanResultSerializer(ban).data)


class Unban(APIView):
    @extend_schema(
        operation_id="moderation_unban",
        summary="Lift a member's ban",
        description=(
            "A 400 if they are not banned. Moderators of the community and staff moderators "
            "only; logged."
        ),
        tags=[TAG],
        request=UnbanSerializer,
        responses={204: None},
        examples=[OpenApiExample("Unban", request_only=True, value={"member": "omar"})],
    )
    def post(self, request, slug: str):
        community = community_selectors.community_for_viewer(slug, request.user)
        data = parse_body(request, UnbanSerializer)
        services.member_unban(
            actor=request.user,
            community=community,
            member=_member(data["member"]),
            reason=data["reason"],
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
