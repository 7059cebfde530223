"""API views of tags. The posts with a tag: GET /api/v1/posts/?tag=<slug>."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.inputs import parse_query
from apps.api.pagination import page_example, page_response, paginated
from apps.communities.selectors import ascending_keyset_page, checked_cursor

from .. import selectors
from ..models import Tag
from .serializers import TagQuery, TagSerializer

TAG = "tags"


class TagList(APIView):
    @extend_schema(
        operation_id="tags_list",
        summary="Tags, A to Z",
        description="Every tag by slug, optionally those starting with `q`. Cursor-paginated.",
        tags=[TAG],
        parameters=[TagQuery],
        responses={200: paginated(TagSerializer)},
        examples=[
            page_example(
                [
                    {
                        "slug": "python",
                        "name": "python",
                        "url": "https://quorum.example/t/python/",
                    }
                ]
            )
        ],
    )
    def get(self, request):
        query = parse_query(request, TagQuery)
        queryset = Tag.objects.all()
        prefix = (query.get("q") or "").strip().lower()
        if prefix:
            queryset = queryset.filter(slug__startswith=prefix)
        page = ascending_keyset_page(
            queryset,
            key="slug",
            cursor=checked_cursor(query.get("cursor"), "str"),
            page_size=query["page_size"],
        )
        return page_response(request, page, TagSerializer)


class TagDetail(APIView):
    @extend_schema(
        operation_id="tags_retrieve",
        summary="A tag",
        description="Its posts: GET /api/v1/posts/?tag=<slug>.",
        tags=[TAG],
        responses={200: TagSerializer},
        examples=[
            OpenApiExample(
                "A tag",
                response_only=True,
                value={
                    "slug": "python",
                    "name": "python",
                    "url": "https://quorum.example/t/python/",
                },
            )
        ],
    )
    def get(self, request, slug: str):
        tag = selectors.tag_by_slug(slug)
        return Response(TagSerializer(tag, context={"request": request}).data)
