"""API views of private messages: your conversations, a conversation's
messages (read and reply), a message to a member. Members only; the same
selectors, policies and services as the site. Anyone but a conversation's
two members gets a 404."""

from django.http import Http404
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.inputs import parse_body, parse_query
from apps.api.pagination import PageQuery, page_example, page_response, paginated
from apps.api.permissions import MEMBERS_ONLY
from apps.core.ratelimit import client_ip

from .. import selectors, services
from ..models import Participant
from .serializers import (
    ConversationSerializer,
    MessageCreateSerializer,
    MessageSerializer,
    NewMessageSerializer,
)

TAG = "messages"

MESSAGE_EXAMPLE = {
    "id": 12,
    "conversation_id": 3,
    "sender": "marta",
    "body_html": "<p>See you at the garden on Sunday?</p>",
    "body_text": "See you at the garden on Sunday?",
    "created": "2026-03-02T09:00:00Z",
    "is_own": True,
}


def _participant(request, conversation_id: int) -> Participant:
    """The viewer's side of the conversation, or 404. An id past the bigint
    range is a 404 here: the database would fail on it (a 500) instead."""
    if not 0 < conversation_id < 2**63:
        raise Http404
    return selectors.participant_for(request.user, conversation_id)


class Conversations(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="conversations_list",
        summary="Your conversations",
        description=(
            "Newest activity first, cursor-paginated, each with the other member, "
            "the last message and how many messages you have not read. A conversation "
            "you deleted for yourself comes back when a new message arrives."
        ),
        tags=[TAG],
        parameters=[PageQuery],
        responses={200: paginated(ConversationSerializer)},
        examples=[
            page_example(
                [
                    {
                        "id": 3,
                        "member": {
                            "username": "omar",
                            "display_name": "Omar",
                            "avatar_url": None,
                        },
                        "last_message": {
                            "id": 12,
                            "sender": "omar",
                            "text": "See you at the garden on Sunday?",
                            "created": "2026-03-02T09:00:00Z",
                        },
                        "last_message_at": "2026-03-02T09:00:00Z",
                        "unread_count": 1,
                    }
                ]
            )
        ],
    )
    def get(self, request):
        query = parse_query(request, PageQuery)
        page = selectors.conversations_page(
            request.user, cursor=query.get("cursor"), page_size=query["page_size"]
        )
        for participant in page:
            participant.user = request.user
        return page_response(request, page, ConversationSerializer)


class ConversationMessages(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="conversations_messages",
        summary="A conversation's messages",
        description=(
            "Newest page first (`next_cursor` goes back in time); each page in "
            "reading order, oldest to newest. Reading marks the conversation read. "
            "404 unless you are one of its two members."
        ),
        tags=[TAG],
        parameters=[PageQuery],
        responses={200: paginated(MessageSerializer)},
        examples=[page_example([MESSAGE_EXAMPLE])],
    )
    def get(self, request, conversation_id: int):
        participant = _participant(request, conversation_id)
        query = parse_query(request, PageQuery)
        services.conversation_mark_read(user=request.user, participant=participant)
        page = selectors.messages_page(
            participant,
            viewer=request.user,
            cursor=query.get("cursor"),
            page_size=query["page_size"],
        )
        return page_response(request, page, MessageSerializer)

    @extend_schema(
        operation_id="conversations_reply",
        summary="Reply in a conversation",
        description=(
            "403 `permission_denied` when you may not write to this member any more "
            '("You can\'t message this member."); 400 for an empty or oversized body; '
            "429 over the rate limit."
        ),
        tags=[TAG],
        request=MessageCreateSerializer,
        responses={201: MessageSerializer},
        examples=[
            OpenApiExample(
                "A reply", request_only=True, value={"body": "Sunday works, see you there."}
            ),
            OpenApiExample("Sent", response_only=True, value=MESSAGE_EXAMPLE),
        ],
    )
    def post(self, request, conversation_id: int):
        participant = _participant(request, conversation_id)
        data = parse_body(request, MessageCreateSerializer)
        message = services.message_send(
            sender=request.user,
            recipient=participant.other,
            body=data["body"],
            client_ip=client_ip(request),
        )
        body = MessageSerializer(message, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class SendMessage(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="messages_send",
        summary="Send a private message",
        description=(
            "To a member by username; the conversation is made on the first message. "
            "400 for yourself, an unknown or inactive member, an empty or oversized "
            "body; 403 when you may not write to them; 429 over the rate limit."
        ),
        tags=[TAG],
        request=NewMessageSerializer,
        responses={201: MessageSerializer},
        examples=[
            OpenApiExample(
                "A message",
                request_only=True,
                value={"to": "omar", "body": "See you at the garden on Sunday?"},
            ),
            OpenApiExample("Sent", response_only=True, value=MESSAGE_EXAMPLE),
        ],
    )
    def post(self, request):
        data = parse_body(request, NewMessageSerializer)
        message = services.message_send(
            sender=request.user,
            recipient=selectors.member_named(data["to"]),
            body=data["body"],
            client_ip=client_ip(request),
            field="to",
        )
        body = MessageSerializer(message, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)
