"""API views of custom feeds: your feeds (list, build, read, change, delete,
a new share link) and a feed's posts. The same selectors, services and
policies as the pages (apps/feeds/custom_views.py). Only members; another
member's feed is a 404, exactly like one that does not exist."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.inputs import parse_body, parse_query
from apps.api.pagination import page_example, page_response, paginated
from apps.api.permissions import MEMBERS_ONLY
from apps.posts import selectors as post_selectors
from apps.posts.api.serializers import PostSerializer
from apps.posts.api.views import POST_EXAMPLE

from .. import selectors, services
from .serializers import (
    CustomFeedCreateSerializer,
    CustomFeedPostQuery,
    CustomFeedSerializer,
    CustomFeedUpdateSerializer,
)

TAG = "feeds"

FEED_EXAMPLE = {
    "id": 3,
    "name": "Green things",
    "slug": "green-things",
    "description": "Gardens and balconies.",
    "visibility": "shared",
    "communities": [
        {"slug": "gardening", "name": "Gardening"},
        {"slug": "balconies", "name": "Balconies"},
    ],
    "share_url": "https://quorum.example/f/s/q3D8mQ0pY1kVJdN7m2Lr9wE4sTzU5hXa/",
    "url": "https://quorum.example/f/green-things/",
    "created": "2026-03-01T10:00:00Z",
}


def _feed_body(request, feed) -> dict:
    feed = selectors.custom_feed_by_id(request.user, feed.pk)  # fresh, with its communities
    return CustomFeedSerializer(feed, context={"request": request}).data


class CustomFeedList(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="feeds_list",
        summary="Your custom feeds",
        description="By name, each with its communities. At most 20 by default: not paginated.",
        tags=[TAG],
        responses={200: CustomFeedSerializer(many=True)},
        examples=[OpenApiExample("Your feeds", response_only=True, value=[FEED_EXAMPLE])],
    )
    def get(self, request):
        feeds = selectors.custom_feeds_of(request.user)
        return Response(CustomFeedSerializer(feeds, many=True, context={"request": request}).data)

    @extend_schema(
        operation_id="feeds_create",
        summary="Build a custom feed",
        description=(
            "A named feed of communities you can read. Refused (400) for a blank name, one "
            "you already use (in any case), a community you cannot read "
            "(`unreadable_community`: unknown and private ones alike), too many communities, "
            "or when you already have the most feeds there can be."
        ),
        tags=[TAG],
        request=CustomFeedCreateSerializer,
        responses={201: CustomFeedSerializer},
        examples=[
            OpenApiExample(
                "A feed",
                request_only=True,
                value={"name": "Green things", "communities": ["gardening", "balconies"]},
            ),
            OpenApiExample("Built", response_only=True, value=FEED_EXAMPLE),
        ],
    )
    def post(self, request):
        data = parse_body(request, CustomFeedCreateSerializer)
        feed = services.custom_feed_create(
            owner=request.user,
            name=data["name"],
            description=data["description"],
            visibility=data["visibility"],
            communities=data["communities"],
        )
        return Response(_feed_body(request, feed), status=status.HTTP_201_CREATED)


class CustomFeedDetail(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="feeds_retrieve",
        summary="One of your feeds",
        description="Its communities by name; `share_url` while it is shared.",
        tags=[TAG],
        responses={200: CustomFeedSerializer},
        examples=[OpenApiExample("A feed", response_only=True, value=FEED_EXAMPLE)],
    )
    def get(self, request, feed_id: int):
        feed = selectors.custom_feed_by_id(request.user, feed_id)
        return Response(CustomFeedSerializer(feed, context={"request": request}).data)

    @extend_schema(
        operation_id="feeds_partial_update",
        summary="Change one of your feeds",
        description=(
            "Fields left out keep their value; `communities` replaces the set (a community "
            "already in the feed may stay even if you can no longer read it). The address "
            "(`slug`) stays. Refused like a new feed."
        ),
        tags=[TAG],
        request=CustomFeedUpdateSerializer,
        responses={200: CustomFeedSerializer},
        examples=[
            OpenApiExample("Share it", request_only=True, value={"visibility": "shared"}),
            OpenApiExample("Changed", response_only=True, value=FEED_EXAMPLE),
        ],
    )
    def patch(self, request, feed_id: int):
        feed = selectors.custom_feed_by_id(request.user, feed_id)
        data = parse_body(request, CustomFeedUpdateSerializer)
        if "communities" in data:
            communities = data["communities"]
        else:
            communities = list(feed.communities.values_list("slug", flat=True))
        services.custom_feed_update(
            actor=request.user,
            feed=feed,
            name=data.get("name", feed.name),
            description=data.get("description", feed.description),
            visibility=data.get("visibility", feed.visibility),
            communities=communities,
        )
        return Response(_feed_body(request, feed))

    @extend_schema(
        operation_id="feeds_destroy",
        summary="Delete one of your feeds",
        description="The communities and their posts stay.",
        tags=[TAG],
        request=None,
        responses={204: OpenApiResponse(description="Deleted.")},
    )
    def delete(self, request, feed_id: int):
        feed = selectors.custom_feed_by_id(request.user, feed_id)
        services.custom_feed_delete(actor=request.user, feed=feed)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CustomFeedShareReset(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="feeds_share_reset",
        summary="Make a new share link",
        description="The old `share_url` stops working at once.",
        tags=[TAG],
        request=None,
        responses={200: CustomFeedSerializer},
        examples=[OpenApiExample("A new link", response_only=True, value=FEED_EXAMPLE)],
    )
    def post(self, request, feed_id: int):
        feed = selectors.custom_feed_by_id(request.user, feed_id)
        services.custom_feed_share_reset(actor=request.user, feed=feed)
        return Response(_feed_body(request, feed))


class CustomFeedPosts(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="feeds_posts",
        summary="The posts of one of your feeds",
        description=(
            "The posts of the feed's communities that you may read, in your reading "
            "languages, without your muted communities and the titles your keyword filters "
            "hide; pinned posts in their place. The sorts and cursor pages of "
            "GET /api/v1/posts/; 2 queries per page whatever its size."
        ),
        tags=[TAG],
        parameters=[CustomFeedPostQuery],
        responses={200: paginated(PostSerializer)},
        examples=[page_example([POST_EXAMPLE], next_path="/api/v1/feeds/3/posts/")],
    )
    def get(self, request, feed_id: int):
        feed = selectors.custom_feed_by_id(request.user, feed_id)
        query = parse_query(request, CustomFeedPostQuery)
        params = post_selectors.FeedParams(
            sort=query["sort"], period=query["t"], cursor=query.get("cursor")
        )
        page = selectors.custom_feed_page(request.user, feed, params, page_size=query["page_size"])
        return page_response(request, page, PostSerializer)
