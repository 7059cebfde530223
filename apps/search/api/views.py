"""GET /api/v1/search/: apps.search.selectors.search, the engine of /search/."""

from drf_spectacular.utils import extend_schema
from rest_framework.views import APIView

from apps.api.inputs import parse_query
from apps.api.pagination import page_example, page_response, paginated

from .. import selectors
from .serializers import SearchHitSerializer, SearchQuery


class Search(APIView):
    @extend_schema(
        operation_id="search",
        summary="Search posts, comments, communities or members",
        description=(
            "The same engine and rules as /search/: PostgreSQL full-text search ranked by "
            "relevance (titles above text) with highlighted snippets, trigram matching of "
            "community and member names; only what you may read. Cursor-paginated (1–50 "
            "per page); unknown `type` or `t` values are a 400."
        ),
        tags=["search"],
        parameters=[SearchQuery],
        responses={200: paginated(SearchHitSerializer)},
        examples=[
            page_example(
                [
                    {
                        "kind": "post",
                        "rank": 0.61,
                        "title_html": "<mark>Tomatoes</mark> in winter",
                        "snippet_html": "Grow <mark>tomatoes</mark> under a lamp…",
                        "url": "https://quorum.example/c/gardening/p/101/tomatoes-in-winter/",
                        "post": {
                            "id": 101,
                            "community": {"slug": "gardening", "name": "Gardening"},
                            "author": {
                                "username": "marta",
                                "display_name": "Marta Ruiz",
                                "avatar_url": None,
                            },
                            "created": "2026-03-01T10:00:00Z",
                            "score": 12,
                            "comment_count": 4,
                        },
                        "comment": None,
                        "community": None,
                        "member": None,
                    }
                ],
                name="Posts",
            )
        ],
    )
    def get(self, request):
        query = parse_query(request, SearchQuery)
        page = selectors.search(
            query=query["q"],
            type=query["type"],
            viewer=request.user,
            community=query.get("community") or None,
            tag=query.get("tag") or None,
            author=query.get("author") or None,
            period=query["t"],
            cursor=query.get("cursor") or None,
            page_size=query["page_size"],
        )
        return page_response(request, page, SearchHitSerializer)
