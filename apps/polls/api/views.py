"""API views of polls: a post's poll, voting, and publishing a post with a
poll. The same selectors, policies and services as the site: the counts
show once you voted or the poll closed."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.inputs import parse_body
from apps.api.permissions import MEMBERS_ONLY
from apps.communities import selectors as community_selectors
from apps.core.ratelimit import client_ip
from apps.posts.api.serializers import PostSerializer
from apps.posts.api.views import IDEMPOTENCY_KEY, POST_EXAMPLE
from apps.posts.selectors import post_for_viewer

from .. import selectors, services
from ..models import Poll
from .serializers import (
    PollCreateSerializer,
    PollSerializer,
    PollVoteSerializer,
    PostWithPollSerializer,
)

TAG = "polls"

POLL_EXAMPLE = {
    "id": 5,
    "post_id": 101,
    "question": "Which tomato for a balcony?",
    "multiple": False,
    "closes_at": "2026-03-08T18:00:00Z",
    "is_closed": False,
    "voter_count": 12,
    "your_choices": [11],
    "options": [
        {"id": 11, "text": "Cherry", "position": 1, "votes": 9, "percent": 75},
        {"id": 12, "text": "Roma", "position": 2, "votes": 3, "percent": 25},
    ],
}


def poll_data(poll: Poll) -> dict:
    """What PollSerializer shows of `poll` (from apps.polls.selectors): the
    counts only once the viewer voted or the poll closed."""
    choices = poll.viewer_choices  # type: ignore[attr-defined]
    visible = choices is not None or poll.is_closed
    return {
        "id": poll.pk,
        "post_id": poll.post_id,
        "question": poll.post.title,
        "multiple": poll.multiple,
        "closes_at": poll.closes_at,
        "is_closed": poll.is_closed,
        "voter_count": poll.voter_count if visible else None,
        "your_choices": sorted(choices) if choices is not None else None,
        "options": [
            {
                "id": option.pk,
                "text": option.text,
                "position": option.position,
                "votes": option.votes if visible else None,
                "percent": option.percent_of(poll.voter_count) if visible else None,
            }
            for option in poll.options.all()
        ],
    }


def _poll(request, post_id: int) -> Poll:
    if not 0 < post_id < 2**63:
        raise Http404
    post = post_for_viewer(post_id, request.user)
    return selectors.poll_for_viewer(post, request.user)


class PostPoll(APIView):
    @extend_schema(
        operation_id="posts_poll",
        summary="A post's poll",
        description=(
            "404 when the post has no poll (or you cannot see the post). `votes`, "
            "`percent` and `voter_count` are null until you voted or the poll closed."
        ),
        tags=[TAG],
        responses={200: PollSerializer},
        examples=[OpenApiExample("A poll", response_only=True, value=POLL_EXAMPLE)],
    )
    def get(self, request, post_id: int):
        return Response(PollSerializer(poll_data(_poll(request, post_id))).data)


class PostPollVote(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="posts_poll_vote",
        summary="Vote in a post's poll",
        description=(
            "Once per member and poll: one option, or several on a multiple-choice poll. "
            "Refused (400) when you voted already, the poll is closed, an option is not "
            "this poll's, or several are chosen on a single-choice poll; 403 when you "
            "are banned from the community. Answers the poll with its counts."
        ),
        tags=[TAG],
        request=PollVoteSerializer,
        responses={200: PollSerializer},
        examples=[
            OpenApiExample("One option", request_only=True, value={"options": [11]}),
            OpenApiExample("Counted", response_only=True, value=POLL_EXAMPLE),
        ],
    )
    def post(self, request, post_id: int):
        poll = _poll(request, post_id)
        data = parse_body(request, PollVoteSerializer)
        services.poll_vote(user=request.user, poll=poll, option_ids=data["options"])
        return Response(PollSerializer(poll_data(_poll(request, post_id))).data)


def _community(request, slug: str):
    try:
        return community_selectors.community_for_viewer(slug, request.user)
    except Http404:
        message = _("There is no community with this address you can see.")
        raise serializers.ValidationError({"community": [message]}, code="not_found") from None


class PollCreate(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="polls_create",
        summary="Publish a post with a poll",
        description=(
            "A post (as POST /api/v1/posts/; its title is the question) and its poll, "
            "published together: when the poll is refused (fewer than 2 or more than 10 "
            "options, a repeated or empty one, a closing time in the past) nothing is "
            "published."
        ),
        tags=[TAG],
        parameters=[IDEMPOTENCY_KEY],
        request=PollCreateSerializer,
        responses={201: PostWithPollSerializer},
        examples=[
            OpenApiExample(
                "A poll",
                request_only=True,
                value={
                    "community": "gardening",
                    "title": "Which tomato for a balcony?",
                    "options": ["Cherry", "Roma"],
                    "closes_at": "2026-03-08T18:00:00Z",
                },
            ),
            OpenApiExample(
                "Published",
                response_only=True,
                value={
                    "post": {**POST_EXAMPLE, "title": "Which tomato for a balcony?"},
                    "poll": {**POLL_EXAMPLE, "voter_count": None, "your_choices": None},
                },
            ),
        ],
    )
    def post(self, request):
        data = parse_body(request, PollCreateSerializer)
        community = _community(request, data["community"])
        # The poll's input first: a refused poll publishes nothing.
        poll_input = services.clean_poll_input(
            options=data["options"], multiple=data["multiple"], closes_at=data["closes_at"]
        )
        post = services.post_with_poll_create(
            author=request.user,
            community=community,
            poll=poll_input,
            title=data["title"],
            body=data["body"],
            link=data["link"],
            tags=data["tags"],
            language=data["language"],
            idempotency_key=request.headers.get("Idempotency-Key", ""),
            client_ip=client_ip(request),
        )
        post = post_for_viewer(post.pk, request.user)
        poll = selectors.poll_for_viewer(post, request.user)
        body = {
            "post": PostSerializer(post, context={"request": request}).data,
            "poll": PollSerializer(poll_data(poll)).data,
        }
        return Response(body, status=status.HTTP_201_CREATED)
