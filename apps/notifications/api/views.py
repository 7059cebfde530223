"""API of the inbox: the member's notifications (cursor pages), the unread
count, and marking read. The same selectors and services as /inbox/."""

from django.http import Http404
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.inputs import parse_query
from apps.api.pagination import page_example, page_response, paginated
from apps.api.permissions import MEMBERS_ONLY
from apps.profiles.models import Profile

from .. import selectors, services
from ..models import Notification
from .serializers import (
    MarkReadResultSerializer,
    NotificationQuery,
    NotificationSerializer,
    UnreadCountSerializer,
)

TAG = "notifications"

NOTIFICATION_EXAMPLE = {
    "id": 31,
    "kind": "post_reply",
    "verb": "",
    "actor": {"username": "omar", "display_name": "Omar", "avatar_url": None},
    "count": 3,
    "reason": "",
    "post_id": 101,
    "comment_id": 2002,
    "community": "gardening",
    "is_read": False,
    "created": "2026-03-01T10:00:00Z",
    "updated": "2026-03-01T12:30:00Z",
    "url": "https://quorum.example/c/gardening/p/101/tomatoes-in-winter/comment/2002/",
}


def _unread_left(user) -> int:
    # Read again: the services changed the row with F(), not the loaded profile.
    return Profile.objects.values_list("unread_notifications", flat=True).get(user_id=user.pk)


class NotificationList(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="notifications_list",
        summary="Your notifications",
        description=(
            "Newest activity first; cursor-paginated. Grouped entries (`count` > 1) move "
            "to the top when a new event joins them."
        ),
        tags=[TAG],
        parameters=[NotificationQuery],
        responses={200: paginated(NotificationSerializer)},
        examples=[page_example([NOTIFICATION_EXAMPLE])],
    )
    def get(self, request):
        query = parse_query(request, NotificationQuery)
        page = selectors.inbox_page(
            request.user,
            filter_name=query["filter"],
            cursor=query.get("cursor"),
            page_size=query["page_size"],
        )
        return page_response(request, page, NotificationSerializer)


class UnreadCount(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="notifications_unread_count",
        summary="How many notifications you have not read",
        description="The same number as the site's header badge; costs no query of its own.",
        tags=[TAG],
        responses={200: UnreadCountSerializer},
        examples=[OpenApiExample("Three", response_only=True, value={"unread": 3})],
    )
    def get(self, request):
        return Response(
            UnreadCountSerializer({"unread": selectors.unread_count(request.user)}).data
        )


class MarkRead(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="notifications_mark_read",
        summary="Mark one notification read",
        description=(
            "Marking a read notification again changes nothing (`changed: 0`). "
            "Another member's id is a 404, like an unknown one."
        ),
        tags=[TAG],
        request=None,
        responses={200: MarkReadResultSerializer},
        examples=[OpenApiExample("Marked", response_only=True, value={"changed": 1, "unread": 2})],
    )
    def post(self, request, notification_id: int):
        try:
            changed = services.notification_mark_read(
                user=request.user, notification_id=notification_id
            )
        except Notification.DoesNotExist:
            raise Http404 from None
        data = {"changed": int(changed), "unread": _unread_left(request.user)}
        return Response(MarkReadResultSerializer(data).data)


class MarkAllRead(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="notifications_mark_all_read",
        summary="Mark every notification read",
        description=(
            "Every unread notification becomes read; one arriving meanwhile stays unread. "
            "`changed` says how many this call marked."
        ),
        tags=[TAG],
        request=None,
        responses={200: MarkReadResultSerializer},
        examples=[OpenApiExample("Marked", response_only=True, value={"changed": 3, "unread": 0})],
    )
    def post(self, request):
        changed = services.notification_mark_all_read(user=request.user)
        data = {"changed": changed, "unread": _unread_left(request.user)}
        return Response(MarkReadResultSerializer(data).data)
