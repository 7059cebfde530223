"""API views of communities: the directory, a community, join and leave."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.inputs import parse_query
from apps.api.pagination import page_example, page_response, paginated

from .. import policies, selectors, services
from .serializers import (
    CommunityDetailSerializer,
    CommunityPage,
    CommunitySerializer,
    DirectoryQuery,
    MembershipStateSerializer,
)

TAG = "communities"

COMMUNITY_EXAMPLE = {
    "slug": "gardening",
    "name": "Gardening",
    "description": "Vegetables, flowers and compost.",
    "description_html": "<p>Vegetables, flowers and compost.</p>",
    "visibility": "public",
    "member_count": 1204,
    "post_count": 380,
    "created": "2026-01-05T09:30:00Z",
    "is_member": True,
    "url": "https://quorum.example/c/gardening/",
}


class CommunityList(APIView):
    @extend_schema(
        operation_id="communities_list",
        summary="The directory of communities",
        description=(
            "Communities you may read (private ones only if you are a member), sorted by "
            "`sort` and filtered by `q`. Cursor-paginated; 1 query per page."
        ),
        tags=[TAG],
        parameters=[DirectoryQuery],
        responses={200: paginated(CommunitySerializer)},
        examples=[page_example([COMMUNITY_EXAMPLE])],
    )
    def get(self, request):
        query = parse_query(request, DirectoryQuery)
        page = selectors.directory_page(
            viewer=request.user,
            sort=query["sort"],
            query=query.get("q", ""),
            cursor=query.get("cursor"),
            page_size=query["page_size"],
        )
        return page_response(request, page, CommunitySerializer)


class CommunityDetail(APIView):
    @extend_schema(
        operation_id="communities_retrieve",
        summary="A community",
        description=(
            "Its description, rules, owner and moderators, and your standing in it. "
            "A private community you are not a member of is a 404."
        ),
        tags=[TAG],
        responses={200: CommunityDetailSerializer},
        examples=[
            OpenApiExample(
                "A community",
                response_only=True,
                value={
                    **COMMUNITY_EXAMPLE,
                    "rules": ["Be kind.", "No seed trading."],
                    "owner": {"username": "olivia", "display_name": "Olivia", "avatar_url": None},
                    "moderators": [
                        {"username": "olivia", "display_name": "Olivia", "avatar_url": None}
                    ],
                    "standing": {
                        "is_member": True,
                        "is_moderator": False,
                        "is_banned": False,
                        "can_contribute": True,
                        "can_join": False,
                        "can_leave": True,
                    },
                },
            )
        ],
    )
    def get(self, request, slug: str):
        community = selectors.community_for_viewer(slug, request.user)
        detail = CommunityPage(
            community=community,
            standing=selectors.community_standing(request.user, community),
            moderators=[m.user for m in selectors.moderators_of(community)],
        )
        return Response(CommunityDetailSerializer(detail, context={"request": request}).data)


def _membership_state(request, community, changed: bool) -> Response:
    community.refresh_from_db(fields=["member_count"])
    standing = selectors.community_standing(request.user, community)
    data = {
        "is_member": standing.is_member,
        "changed": changed,
        "member_count": community.member_count,
        "can_contribute": standing.can_contribute,
    }
    return Response(MembershipStateSerializer(data).data)


class Join(APIView):
    @extend_schema(
        operation_id="communities_join",
        summary="Join a community",
        description=(
            "Public and restricted communities (in a restricted one you post once a "
            "moderator approves you); a private one is a 403: its moderators add members. "
            "Joining twice changes nothing."
        ),
        tags=[TAG],
        request=None,
        responses={200: MembershipStateSerializer},
        examples=[
            OpenApiExample(
                "Joined",
                response_only=True,
                value={
                    "is_member": True,
                    "changed": True,
                    "member_count": 1205,
                    "can_contribute": True,
                },
            )
        ],
    )
    def post(self, request, slug: str):
        community = selectors.community_for_viewer(slug, request.user)
        changed = services.community_join(user=request.user, community=community)
        return _membership_state(request, community, changed)


class Leave(APIView):
    @extend_schema(
        operation_id="communities_leave",
        summary="Leave a community",
        description=(
            "The owner cannot leave (400). Leaving a private community ends your right to "
            "read it. Leaving one you are not in changes nothing."
        ),
        tags=[TAG],
        request=None,
        responses={200: MembershipStateSerializer},
        examples=[
            OpenApiExample(
                "Left",
                response_only=True,
                value={
                    "is_member": False,
                    "changed": True,
                    "member_count": 1203,
                    "can_contribute": True,
                },
            )
        ],
    )
    def post(self, request, slug: str):
        community = selectors.community_for_viewer(slug, request.user)
        changed = services.community_leave(user=request.user, community=community)
        if not policies.can_read(request.user, community):
            data = {
                "is_member": False,
                "changed": changed,
                "member_count": community.member_count - int(changed),
                "can_contribute": False,
            }
            return Response(MembershipStateSerializer(data).data)
        return _membership_state(request, community, changed)
