"""API views of drafts: your drafts, one of them, save a new one, update
and delete it. Members only, their own drafts only (another member's id is
a 404); the same selectors, policies and services as the submit page."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.inputs import parse_body
from apps.api.permissions import MEMBERS_ONLY
from apps.communities import selectors as community_selectors

from .. import selectors, services
from ..models import Draft
from .serializers import DraftCreateSerializer, DraftSerializer, DraftUpdateSerializer

TAG = "drafts"

DRAFT_EXAMPLE = {
    "id": 7,
    "community": {"slug": "gardening", "name": "Gardening"},
    "title": "Tomatoes in winter",
    "body": "<p>They need light more than</p>",
    "link": "",
    "tags": "tomatoes, winter",
    "language": "en",
    "created": "2026-03-01T10:00:00Z",
    "updated": "2026-03-01T10:03:00Z",
}


def _draft(request, draft_id: int) -> Draft:
    return selectors.draft_for_author(request.user, draft_id)


def _community(request, slug: str):
    try:
        return community_selectors.community_for_viewer(slug, request.user)
    except Http404:
        message = _("There is no community with this address you can see.")
        raise serializers.ValidationError({"community": [message]}, code="not_found") from None


class Drafts(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="drafts_list",
        summary="Your drafts",
        description=(
            "Posts you started and have not published, last saved first (at most "
            "QUORUM_MAX_DRAFTS, 20 by default, so the list is not paginated). Only you "
            "see them."
        ),
        tags=[TAG],
        responses={200: DraftSerializer(many=True)},
        examples=[OpenApiExample("Drafts", response_only=True, value=[DRAFT_EXAMPLE])],
    )
    def get(self, request):
        drafts = selectors.drafts_of(request.user)
        return Response(DraftSerializer(drafts, many=True).data)

    @extend_schema(
        operation_id="drafts_create",
        summary="Save a draft",
        description=(
            "In a community where you may post. Nothing is required but the community: "
            "a draft may be unfinished. Refused (400, nothing saved) when the body is "
            "over the size limit or when you already keep the most drafts there can be. "
            "Publish it with POST /api/v1/posts/, then delete it."
        ),
        tags=[TAG],
        request=DraftCreateSerializer,
        responses={201: DraftSerializer},
        examples=[
            OpenApiExample(
                "An unfinished post",
                request_only=True,
                value={
                    "community": "gardening",
                    "title": "Tomatoes in winter",
                    "body": "<p>They need light more than</p>",
                    "tags": "tomatoes, winter",
                },
            ),
            OpenApiExample("Saved", response_only=True, value=DRAFT_EXAMPLE),
        ],
    )
    def post(self, request):
        data = dict(parse_body(request, DraftCreateSerializer))
        community = _community(request, data.pop("community"))
        draft = services.draft_save(author=request.user, community=community, **data)
        draft = selectors.draft_for_author(request.user, draft.pk)
        return Response(DraftSerializer(draft).data, status=status.HTTP_201_CREATED)


class DraftDetail(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="drafts_retrieve",
        summary="One of your drafts",
        description="404 for another member's draft, as for one that does not exist.",
        tags=[TAG],
        responses={200: DraftSerializer},
        examples=[OpenApiExample("A draft", response_only=True, value=DRAFT_EXAMPLE)],
    )
    def get(self, request, draft_id: int):
        return Response(DraftSerializer(_draft(request, draft_id)).data)

    @extend_schema(
        operation_id="drafts_partial_update",
        summary="Update your draft",
        description=(
            "Fields left out keep their value. The same limits as when saving it "
            "(400, nothing saved); 403 once you may no longer post in its community."
        ),
        tags=[TAG],
        request=DraftUpdateSerializer,
        responses={200: DraftSerializer},
        examples=[
            OpenApiExample(
                "More text",
                request_only=True,
                value={"body": "<p>They need light more than heat.</p>"},
            ),
            OpenApiExample(
                "Updated",
                response_only=True,
                value={**DRAFT_EXAMPLE, "body": "<p>They need light more than heat.</p>"},
            ),
        ],
    )
    def patch(self, request, draft_id: int):
        draft = _draft(request, draft_id)
        data = parse_body(request, DraftUpdateSerializer)
        fields = {
            name: data.get(name, getattr(draft, name))
            for name in ("title", "body", "link", "tags", "language")
        }
        draft = services.draft_save(
            author=request.user, community=draft.community, draft=draft, **fields
        )
        return Response(DraftSerializer(draft).data)

    @extend_schema(
        operation_id="drafts_destroy",
        summary="Delete your draft",
        description="204; 404 for another member's draft or one already deleted.",
        tags=[TAG],
        request=None,
        responses={204: OpenApiResponse(description="Deleted.")},
    )
    def delete(self, request, draft_id: int):
        draft = _draft(request, draft_id)
        services.draft_delete(author=request.user, draft_id=draft.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
