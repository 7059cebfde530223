"""API views of posts: the list (sorts and filters), one post, create, edit,
delete and vote. Visibility, validation and every rule come from
apps.posts.selectors / services / policies, as for the HTML views."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.inputs import parse_body, parse_query
from apps.api.pagination import page_example, page_response, paginated
from apps.api.permissions import MEMBERS_ONLY
from apps.communities import selectors as community_selectors
from apps.core.ratelimit import client_ip
from apps.profiles import selectors as profile_selectors
from apps.tags.selectors import tag_by_slug

from .. import selectors, services
from ..selectors import post_for_viewer
from .serializers import (
    KeywordFilterCreateSerializer,
    KeywordFilterSerializer,
    MuteSerializer,
    MuteStateSerializer,
    PostCreateSerializer,
    PostQuery,
    PostSerializer,
    PostUpdateSerializer,
    SaveStateSerializer,
    VoteResultSerializer,
    VoteSerializer,
)

TAG = "posts"

POST_EXAMPLE = {
    "id": 101,
    "community": {"slug": "gardening", "name": "Gardening"},
    "author": {"username": "marta", "display_name": "Marta Ruiz", "avatar_url": None},
    "title": "Tomatoes in winter",
    "slug": "tomatoes-in-winter",
    "body_html": "<p>They need light more than heat.</p>",
    "body_text": "They need light more than heat.",
    "link": "",
    "tags": [{"slug": "tomatoes", "name": "tomatoes", "url": "https://quorum.example/t/tomatoes/"}],
    "created": "2026-03-01T10:00:00Z",
    "edited_at": None,
    "last_activity_at": "2026-03-01T12:30:00Z",
    "score": 12,
    "upvotes": 13,
    "downvotes": 1,
    "comment_count": 4,
    "is_pinned": False,
    "is_locked": False,
    "is_deleted": False,
    "is_removed": False,
    "removal_reason": None,
    "user_vote": 1,
    "url": "https://quorum.example/c/gardening/p/101/tomatoes-in-winter/",
}

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "16 to 64 characters (letters, digits, - and _). Sending the same key again "
        "within an hour returns the first post instead of making another."
    ),
)


def _filter_error(field: str, message: str) -> serializers.ValidationError:
    return serializers.ValidationError({field: [message]}, code="not_found")


def _community(query: dict, viewer):
    """The `community` filter (None when absent); a 400 when unknown or unreadable."""
    if not query.get("community"):
        return None
    try:
        return community_selectors.community_for_viewer(query["community"], viewer)
    except Http404:
        message = _("There is no community with this address you can see.")
        raise _filter_error("community", message) from None


def _tag(query: dict):
    if not query.get("tag"):
        return None
    try:
        return tag_by_slug(query["tag"])
    except Http404:
        raise _filter_error("tag", _("There is no such tag.")) from None


def _author(query: dict):
    if not query.get("author"):
        return None
    try:
        return profile_selectors.member_by_username(query["author"])
    except Http404:
        raise _filter_error("author", _("There is no member with this username.")) from None


class PostList(APIView):
    @extend_schema(
        operation_id="posts_list",
        summary="Posts, sorted and filtered",
        description=(
            "Every post you may read (private communities only if you are a member), "
            "neither deleted nor removed, in the order of `sort` (and period `t` for "
            "top and controversial). Filter by `community`, `tag`, `author` and `language` "
            "(combined with AND); an unknown community, tag, member or language is a 400. "
            "Pinned posts take their place in the order (`is_pinned` marks them). "
            "Cursor-paginated; 2 queries per page whatever its size."
        ),
        tags=[TAG],
        parameters=[PostQuery],
        responses={200: paginated(PostSerializer)},
        examples=[page_example([POST_EXAMPLE], next_path="/api/v1/posts/")],
    )
    def get(self, request):
        query = parse_query(request, PostQuery)
        params = selectors.FeedParams(
            sort=query["sort"], period=query["t"], cursor=query.get("cursor")
        )
        page = selectors.filtered_page(
            request.user,
            params,
            community=_community(query, request.user),
            tag=_tag(query),
            author=_author(query),
            language=query.get("language") or None,
            page_size=query["page_size"],
        )
        return page_response(request, page, PostSerializer)

    @extend_schema(
        operation_id="posts_create",
        summary="Publish a post",
        description=(
            "In a community where you may post (not banned; approved in a restricted one; "
            "a member of a private one). The body is sanitized; up to 5 tags. The same "
            "post sent twice within 10 minutes (or with the same `Idempotency-Key`) is "
            "made once: the first one is returned."
        ),
        tags=[TAG],
        parameters=[IDEMPOTENCY_KEY],
        request=PostCreateSerializer,
        responses={201: PostSerializer},
        examples=[
            OpenApiExample(
                "A text post",
                request_only=True,
                value={
                    "community": "gardening",
                    "title": "Tomatoes in winter",
                    "body": "<p>They need light more than heat.</p>",
                    "tags": ["tomatoes", "winter"],
                },
            ),
            OpenApiExample(
                "A link post",
                request_only=True,
                value={
                    "community": "gardening",
                    "title": "A guide to compost",
                    "link": "https://example.org/compost",
                },
            ),
            OpenApiExample("Published", response_only=True, value=POST_EXAMPLE),
        ],
    )
    def post(self, request):
        data = parse_body(request, PostCreateSerializer)
        community = _community(data, request.user)
        post = services.post_create(
            author=request.user,
            community=community,
            title=data["title"],
            body=data["body"],
            link=data["link"],
            tags=data["tags"],
            language=data["language"],
            idempotency_key=request.headers.get("Idempotency-Key", ""),
            client_ip=client_ip(request),
        )
        post = post_for_viewer(post.pk, request.user)
        body = PostSerializer(post, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class PostDetail(APIView):
    @extend_schema(
        operation_id="posts_retrieve",
        summary="A post",
        description=(
            "Deleted posts answer with title, body, link, tags and author null; removed ones "
            "show them to their author only. Its comments: "
            "GET /api/v1/posts/{id}/comments/."
        ),
        tags=[TAG],
        responses={200: PostSerializer},
        examples=[OpenApiExample("A post", response_only=True, value=POST_EXAMPLE)],
    )
    def get(self, request, post_id: int):
        post = post_for_viewer(post_id, request.user)
        return Response(PostSerializer(post, context={"request": request}).data)

    @extend_schema(
        operation_id="posts_partial_update",
        summary="Edit your post",
        description=(
            "Only its author, while the post stands and they may still post in the "
            "community. Fields left out keep their value; `tags` replaces the set."
        ),
        tags=[TAG],
        request=PostUpdateSerializer,
        responses={200: PostSerializer},
        examples=[
            OpenApiExample(
                "New title",
                request_only=True,
                value={"title": "Tomatoes in a cold winter"},
            ),
            OpenApiExample(
                "Edited",
                response_only=True,
                value={
                    **POST_EXAMPLE,
                    "title": "Tomatoes in a cold winter",
                    "edited_at": "2026-03-01T13:00:00Z",
                },
            ),
        ],
    )
    def patch(self, request, post_id: int):
        post = post_for_viewer(post_id, request.user)
        data = parse_body(request, PostUpdateSerializer)
        services.post_update(
            actor=request.user,
            post=post,
            title=data.get("title", post.title),
            body=data.get("body", post.body_html),
            link=data.get("link", post.link),
            tags=data.get("tags", [tag.slug for tag in post.tags.all()]),
            language=data.get("language") or None,
        )
        post = post_for_viewer(post_id, request.user)
        return Response(PostSerializer(post, context={"request": request}).data)

    @extend_schema(
        operation_id="posts_destroy",
        summary="Delete your post",
        description=(
            "Only its author. The post stays as “[deleted]” (its comments stay); its title, "
            "body, link and tags go. Deleting twice changes nothing."
        ),
        tags=[TAG],
        request=None,
        responses={204: OpenApiResponse(description="Deleted.")},
    )
    def delete(self, request, post_id: int):
        post = post_for_viewer(post_id, request.user)
        services.post_delete(actor=request.user, post=post)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PostVote(APIView):
    @extend_schema(
        operation_id="posts_vote",
        summary="Vote on a post",
        description=(
            "1 (up), -1 (down) or 0 (clear). Voting the same again changes nothing. Only "
            "members who may post in the community vote there; deleted and removed posts "
            "take no votes (400)."
        ),
        tags=[TAG],
        request=VoteSerializer,
        responses={200: VoteResultSerializer},
        examples=[
            OpenApiExample("Upvote", request_only=True, value={"value": 1}),
            OpenApiExample(
                "Counted",
                response_only=True,
                value={"score": 13, "upvotes": 14, "downvotes": 1, "user_vote": 1},
            ),
        ],
    )
    def post(self, request, post_id: int):
        post = post_for_viewer(post_id, request.user)
        data = parse_body(request, VoteSerializer)
        post = services.post_vote(
            user=request.user, post=post, value=data["value"], client_ip=client_ip(request)
        )
        return Response(VoteResultSerializer(post).data)


# --- saved posts, muted communities, keyword filters: private to the member ------------


class PostSave(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="posts_save",
        summary="Save a post",
        description=(
            "Keeps the post in your saved items (`GET /me/saved/`), which only you see. "
            "Saving twice changes nothing (`changed: false`); deleted and removed posts "
            "cannot be saved (400)."
        ),
        tags=[TAG],
        request=None,
        responses={200: SaveStateSerializer},
        examples=[
            OpenApiExample("Saved", response_only=True, value={"saved": True, "changed": True})
        ],
    )
    def post(self, request, post_id: int):
        post = post_for_viewer(post_id, request.user)
        changed = services.saved_post_create(user=request.user, post=post)
        return Response(SaveStateSerializer({"saved": True, "changed": changed}).data)


class PostUnsave(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="posts_unsave",
        summary="Unsave a post",
        description="Unsaving a post you did not save changes nothing (`changed: false`).",
        tags=[TAG],
        request=None,
        responses={200: SaveStateSerializer},
        examples=[
            OpenApiExample("Unsaved", response_only=True, value={"saved": False, "changed": True})
        ],
    )
    def post(self, request, post_id: int):
        post = post_for_viewer(post_id, request.user)
        changed = services.saved_post_delete(user=request.user, post=post)
        return Response(SaveStateSerializer({"saved": False, "changed": changed}).data)


class CommunityMute(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="communities_mute",
        summary="Mute a community",
        description=(
            "Its posts leave your home feed and /all/ (the community's own page still "
            "shows them). Muting twice changes nothing (`changed: false`)."
        ),
        tags=["communities"],
        request=None,
        responses={200: MuteStateSerializer},
        examples=[
            OpenApiExample("Muted", response_only=True, value={"muted": True, "changed": True})
        ],
    )
    def post(self, request, slug: str):
        community = community_selectors.community_for_viewer(slug, request.user)
        changed = services.community_mute_create(user=request.user, community=community)
        return Response(MuteStateSerializer({"muted": True, "changed": changed}).data)


class CommunityUnmute(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="communities_unmute",
        summary="Unmute a community",
        description="Unmuting a community you did not mute changes nothing (`changed: false`).",
        tags=["communities"],
        request=None,
        responses={200: MuteStateSerializer},
        examples=[
            OpenApiExample("Unmuted", response_only=True, value={"muted": False, "changed": True})
        ],
    )
    def post(self, request, slug: str):
        community = community_selectors.community_by_slug(slug)
        changed = services.community_mute_delete(user=request.user, community=community)
        return Response(MuteStateSerializer({"muted": False, "changed": changed}).data)


class Mutes(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="me_mutes",
        summary="Communities you muted",
        description="By name. Only you see this list.",
        tags=["me"],
        responses={200: MuteSerializer(many=True)},
        examples=[
            OpenApiExample(
                "Muted communities",
                response_only=True,
                value=[
                    {
                        "community": {"slug": "gardening", "name": "Gardening"},
                        "muted_at": "2026-02-11T08:00:00Z",
                    }
                ],
            )
        ],
    )
    def get(self, request):
        mutes = selectors.muted_communities(request.user)
        return Response(MuteSerializer(mutes, many=True, context={"request": request}).data)


FILTER_EXAMPLE = {"id": 7, "phrase": "election", "created": "2026-02-11T08:00:00Z"}


class KeywordFilters(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="me_filters",
        summary="Your keyword filters",
        description=(
            "Posts whose title contains one of these (any case, as plain text) are hidden "
            "from your home feed and /all/. Alphabetical. Only you see this list."
        ),
        tags=["me"],
        responses={200: KeywordFilterSerializer(many=True)},
        examples=[OpenApiExample("Filters", response_only=True, value=[FILTER_EXAMPLE])],
    )
    def get(self, request):
        return Response(
            KeywordFilterSerializer(selectors.keyword_filters(request.user), many=True).data
        )

    @extend_schema(
        operation_id="me_filters_create",
        summary="Add a keyword filter",
        description=(
            "201 with the new filter; 200 with the existing one when you already filter "
            "the same phrase (in any case). Refused (400) when blank, too long, or when "
            "you already have the most filters there can be."
        ),
        tags=["me"],
        request=KeywordFilterCreateSerializer,
        responses={201: KeywordFilterSerializer, 200: KeywordFilterSerializer},
        examples=[
            OpenApiExample("A phrase", request_only=True, value={"phrase": "election"}),
            OpenApiExample("Added", response_only=True, value=FILTER_EXAMPLE),
        ],
    )
    def post(self, request):
        data = parse_body(request, KeywordFilterCreateSerializer)
        keyword_filter, created = services.keyword_filter_create(
            user=request.user, phrase=data["phrase"]
        )
        return Response(
            KeywordFilterSerializer(keyword_filter).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class KeywordFilterDetail(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="me_filters_delete",
        summary="Remove a keyword filter",
        description="204; 404 when you have no filter with this id.",
        tags=["me"],
        responses={204: None},
    )
    def delete(self, request, filter_id: int):
        if not services.keyword_filter_delete(user=request.user, filter_id=filter_id):
            raise Http404
        return Response(status=status.HTTP_204_NO_CONTENT)
