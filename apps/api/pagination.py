"""Cursor pagination for API lists, on top of apps.core.pagination.

Selectors return keyset pages (apps.core.pagination.Page: items and the
cursor of the next page); the API adds only the input checks and the
response shape:

    {"results": [...], "next_cursor": "…" | null, "next": "https://…" | null}

`next` is the same request with `cursor` set: follow it until it is null.
No list ever counts its rows (no COUNT(*)), and page_size is capped.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from apps.api.inputs import documented_as
from apps.core.pagination import MAX_CURSOR_LENGTH, Page, decode_cursor

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


# `cursor`: opaque, from `next_cursor` of the previous page; blank for the
# first. Not a standard format: it says the value must be one the server
# issued (a made-up one is a 400), and lets the fuzzer
# (tests/api/test_schemathesis.py) make real ones.
CursorField = documented_as(
    serializers.CharField, {"type": "string", "format": "cursor", "maxLength": MAX_CURSOR_LENGTH}
)


class PageQuery(serializers.Serializer):
    """The query parameters every list takes. Subclasses add their sorts and
    filters; unknown values of those are refused with a 400."""

    cursor = CursorField(
        required=False,
        allow_blank=True,
        # Measured as sent: trimming first would let a longer value through.
        trim_whitespace=False,
        max_length=MAX_CURSOR_LENGTH,
        help_text="Opaque position from `next_cursor` of the previous page.",
    )
    page_size = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        default=DEFAULT_PAGE_SIZE,
        help_text="Items per page, 1 to 100.",
    )

    def validate_cursor(self, value: str) -> str | None:
        if not value:
            return None
        position = decode_cursor(value)
        if position is None or not 0 < position[1] < 2**63:
            raise serializers.ValidationError(
                _("This cursor is not valid: use next_cursor from the previous page."),
                code="invalid_cursor",
            )
        return value


def page_response(
    request: Request, page: Page, serializer_class, *, context: dict | None = None
) -> Response:
    items = serializer_class(page.items, many=True, context={"request": request, **(context or {})})
    next_url = None
    if page.next_cursor:
        next_url = replace_query_param(request.build_absolute_uri(), "cursor", page.next_cursor)
    return Response({"results": items.data, "next_cursor": page.next_cursor, "next": next_url})


_paginated_cache: dict[type, type] = {}


def paginated(serializer_class: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The response serializer of a page of `serializer_class` (for the schema)."""
    if serializer_class not in _paginated_cache:
        name = serializer_class.__name__.removesuffix("Serializer")
        _paginated_cache[serializer_class] = type(
            f"Paginated{name}List",
            (serializers.Serializer,),
            {
                "results": serializer_class(many=True, read_only=True),
                "next_cursor": serializers.CharField(
                    allow_null=True,
                    read_only=True,
                    help_text="Pass as `cursor` for the next page; null on the last page.",
                ),
                "next": serializers.CharField(
                    allow_null=True,
                    read_only=True,
                    help_text="The URL of the next page; null on the last page.",
                ),
                "__module__": __name__,
            },
        )
    return _paginated_cache[serializer_class]


EXAMPLE_CURSOR = "WzE5MTMuNSwxMDFd"


def page_example(
    results: list, *, next_path: str | None = None, name: str = "A page"
) -> OpenApiExample:
    """The schema's example of a paginated list: `results`, the last page, or with
    `next_path` (an API path) a page with a next one."""
    next_url = f"https://quorum.example{next_path}?cursor={EXAMPLE_CURSOR}" if next_path else None
    return OpenApiExample(
        name,
        response_only=True,
        value={
            "results": results,
            "next_cursor": EXAMPLE_CURSOR if next_path else None,
            "next": next_url,
        },
    )
