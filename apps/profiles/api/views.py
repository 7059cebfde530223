"""API views of members: profiles, follows, followers/following, and /me/.
Thin: the selectors and services of apps.profiles do the work."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.inputs import parse_query
from apps.api.models import AccessToken
from apps.api.pagination import PageQuery, page_example, page_response, paginated
from apps.api.permissions import MEMBERS_ONLY

from .. import selectors, services
from .serializers import (
    BlockEntrySerializer,
    BlockStateSerializer,
    FollowEntrySerializer,
    FollowStateSerializer,
    MeSerializer,
    ProfileSerializer,
)

TAG = "profiles"

PROFILE_EXAMPLE = OpenApiExample(
    "A profile",
    response_only=True,
    value={
        "username": "marta",
        "display_name": "Marta Ruiz",
        "avatar_url": None,
        "bio": "Gardener.",
        "bio_html": "<p>Gardener.</p>",
        "website": "https://marta.example",
        "karma": 42,
        "post_karma": 30,
        "comment_karma": 12,
        "follower_count": 3,
        "following_count": 5,
        "joined": "2026-01-05T09:30:00Z",
        "viewer_follows": False,
        "url": "https://quorum.example/u/marta/",
    },
)

FOLLOW_PAGE_EXAMPLE = page_example(
    [
        {
            "member": {"username": "omar", "display_name": "Omar", "avatar_url": None},
            "followed_at": "2026-02-11T08:00:00Z",
            "viewer_follows": False,
        }
    ]
)


class ProfileDetail(APIView):
    @extend_schema(
        operation_id="profiles_retrieve",
        summary="A member's public profile",
        description="Display name, bio, karma and counts. 404 for unknown or inactive members.",
        tags=[TAG],
        responses={200: ProfileSerializer},
        examples=[PROFILE_EXAMPLE],
    )
    def get(self, request, username: str):
        member = selectors.member_by_username(username)
        context = {
            "request": request,
            "viewer_follows": selectors.is_following(request.user, member),
        }
        return Response(ProfileSerializer(member, context=context).data)


def _follow_state(member, *, following: bool, changed: bool) -> Response:
    member.profile.refresh_from_db(fields=["follower_count"])
    data = {
        "following": following,
        "changed": changed,
        "follower_count": member.profile.follower_count,
    }
    return Response(FollowStateSerializer(data).data)


class Follow(APIView):
    @extend_schema(
        operation_id="profiles_follow",
        summary="Follow a member",
        description=(
            "Their posts join your home feed. Following twice changes nothing "
            "(`changed: false`); following yourself is a 400."
        ),
        tags=[TAG],
        request=None,
        responses={200: FollowStateSerializer},
        examples=[
            OpenApiExample(
                "Followed",
                response_only=True,
                value={"following": True, "changed": True, "follower_count": 4},
            )
        ],
    )
    def post(self, request, username: str):
        member = selectors.member_by_username(username)
        changed = services.follow_create(follower=request.user, followee=member)
        return _follow_state(member, following=True, changed=changed)


class Unfollow(APIView):
    @extend_schema(
        operation_id="profiles_unfollow",
        summary="Stop following a member",
        description="Unfollowing someone you do not follow changes nothing (`changed: false`).",
        tags=[TAG],
        request=None,
        responses={200: FollowStateSerializer},
        examples=[
            OpenApiExample(
                "Unfollowed",
                response_only=True,
                value={"following": False, "changed": True, "follower_count": 3},
            )
        ],
    )
    def post(self, request, username: str):
        member = selectors.member_by_username(username)
        changed = services.follow_delete(follower=request.user, followee=member)
        return _follow_state(member, following=False, changed=changed)


class _FollowList(APIView):
    relation = ""

    def get(self, request, username: str):
        member = selectors.member_by_username(username)
        query = parse_query(request, PageQuery)
        page_of = (
            selectors.followers_page if self.relation == "followers" else (selectors.following_page)
        )
        page = page_of(
            member,
            viewer=request.user,
            cursor=query.get("cursor"),
            page_size=query["page_size"],
        )
        for follow in page:
            follow.member = follow.follower if self.relation == "followers" else follow.followee
        return page_response(request, page, FollowEntrySerializer)


class Followers(_FollowList):
    relation = "followers"

    @extend_schema(
        operation_id="profiles_followers",
        summary="Who follows a member",
        description="Newest first; cursor-paginated.",
        tags=[TAG],
        parameters=[PageQuery],
        responses={200: paginated(FollowEntrySerializer)},
        examples=[FOLLOW_PAGE_EXAMPLE],
    )
    def get(self, request, username: str):
        return super().get(request, username)


class Following(_FollowList):
    relation = "following"

    @extend_schema(
        operation_id="profiles_following",
        summary="Whom a member follows",
        description="Newest first; cursor-paginated.",
        tags=[TAG],
        parameters=[PageQuery],
        responses={200: paginated(FollowEntrySerializer)},
        examples=[FOLLOW_PAGE_EXAMPLE],
    )
    def get(self, request, username: str):
        return super().get(request, username)


class Me(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="me_retrieve",
        summary="The signed-in member",
        description=(
            "Your profile, email address, language and time zone, and how the request "
            "is authenticated (token scopes). 401 without a token or session."
        ),
        tags=["me"],
        responses={200: MeSerializer},
        examples=[
            OpenApiExample(
                "Signed in with a token",
                response_only=True,
                value={
                    **PROFILE_EXAMPLE.value,
                    "email": "marta@example.org",
                    "language": "es",
                    "timezone": "Europe/Madrid",
                    "reading_languages": ["es", "en"],
                    "auth": "token",
                    "scopes": ["read", "write"],
                },
            )
        ],
    )
    def get(self, request):
        token = request.auth if isinstance(request.auth, AccessToken) else None
        context = {"request": request, "token": token}
        return Response(MeSerializer(request.user, context=context).data)


# --- blocks: private to the blocker ---------------------------------------------------


class Block(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="profiles_block",
        summary="Block a member",
        description=(
            "They can no longer message you and their posts and comments are folded "
            "for you; they are not told. Blocking twice changes nothing "
            "(`changed: false`); blocking yourself is a 400."
        ),
        tags=[TAG],
        request=None,
        responses={200: BlockStateSerializer},
        examples=[
            OpenApiExample("Blocked", response_only=True, value={"blocked": True, "changed": True})
        ],
    )
    def post(self, request, username: str):
        member = selectors.member_by_username(username)
        changed = services.block_create(blocker=request.user, blocked=member)
        return Response(BlockStateSerializer({"blocked": True, "changed": changed}).data)


class Unblock(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="profiles_unblock",
        summary="Unblock a member",
        description="Unblocking someone you did not block changes nothing (`changed: false`).",
        tags=[TAG],
        request=None,
        responses={200: BlockStateSerializer},
        examples=[
            OpenApiExample(
                "Unblocked", response_only=True, value={"blocked": False, "changed": True}
            )
        ],
    )
    def post(self, request, username: str):
        member = selectors.member_by_username(username, include_inactive=True)
        changed = services.block_delete(blocker=request.user, blocked=member)
        return Response(BlockStateSerializer({"blocked": False, "changed": changed}).data)


class Blocks(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="me_blocks",
        summary="Members you blocked",
        description="Newest first; cursor-paginated. Only you see this list.",
        tags=["me"],
        parameters=[PageQuery],
        responses={200: paginated(BlockEntrySerializer)},
        examples=[
            page_example(
                [
                    {
                        "member": {
                            "username": "omar",
                            "display_name": "Omar",
                            "avatar_url": None,
                        },
                        "blocked_at": "2026-02-11T08:00:00Z",
                    }
                ]
            )
        ],
    )
    def get(self, request):
        query = parse_query(request, PageQuery)
        page = selectors.blocks_page(
            request.user, cursor=query.get("cursor"), page_size=query["page_size"]
        )
        return page_response(request, page, BlockEntrySerializer)
