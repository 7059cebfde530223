"""API views of the edit history: the versions of a post and of a comment,
read-only, on the selectors and the policy of the history pages (a post the
viewer may not read is a 404; removed or deleted content's history is for
the community's moderators and staff, a 403 for others)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.views import APIView

from apps.api.inputs import parse_query
from apps.api.pagination import PageQuery, page_example, page_response, paginated
from apps.comments.selectors import comment_on_post
from apps.posts.selectors import post_for_viewer

from .. import policies, selectors
from .serializers import CommentRevisionSerializer, PostRevisionSerializer

TAG = "revisions"

DESCRIPTION = (
    "Newest first. Number 1 is the original (as published); each edit of the text adds the "
    "next number (a change of language alone adds none). Content never edited has no "
    "versions. A post you may not read is a 404; once the content is removed by moderators "
    "or deleted by its author, its history is for the community's moderators and staff "
    "(others get a 403 `permission_denied`). A moderator's name shows to them only."
)

EDITOR = {"username": "omar", "display_name": "Omar", "avatar_url": None}
POST_VERSION = {
    "number": 2,
    "created": "2026-03-01T11:30:00Z",
    "editor": EDITOR,
    "by_moderator": False,
    "body_html": "<p>Mine grow under a lamp.</p>",
    "body_text": "Mine grow under a lamp.",
    "title": "Tomatoes in winter",
    "link": "",
    "tags": ["gardening"],
}


def _moderates(request, target) -> bool:
    post = getattr(target, "post", target)
    moderator = policies.moderates_history(request.user, post.community)
    refusal = policies.history_refusal(request.user, target, moderator=moderator)
    if refusal is not None:
        code, sentence = refusal
        if code in policies.NOT_FOUND_REFUSALS:
            raise Http404(sentence)
        raise PermissionDenied(sentence)
    return moderator


class PostRevisions(APIView):
    @extend_schema(
        operation_id="posts_revisions_list",
        summary="The versions of an edited post",
        description=DESCRIPTION,
        tags=[TAG],
        parameters=[PageQuery],
        responses={200: paginated(PostRevisionSerializer)},
        examples=[
            page_example(
                [
                    POST_VERSION,
                    {
                        **POST_VERSION,
                        "number": 1,
                        "created": "2026-03-01T11:00:00Z",
                        "body_html": "<p>Mine grow.</p>",
                        "body_text": "Mine grow.",
                    },
                ],
                name="Edited once",
            )
        ],
    )
    def get(self, request, post_id: int):
        post = post_for_viewer(post_id, request.user)
        moderator = _moderates(request, post)
        query = parse_query(request, PageQuery)
        page = selectors.post_revisions(
            post, cursor=query.get("cursor"), page_size=query["page_size"]
        )
        return page_response(
            request, page, PostRevisionSerializer, context={"viewer_moderates": moderator}
        )


class CommentRevisions(APIView):
    @extend_schema(
        operation_id="comments_revisions_list",
        summary="The versions of an edited comment",
        description=DESCRIPTION,
        tags=[TAG],
        parameters=[PageQuery],
        responses={200: paginated(CommentRevisionSerializer)},
        examples=[
            page_example(
                [
                    {
                        key: POST_VERSION[key]
                        for key in ("number", "created", "editor", "by_moderator")
                    }
                    | {"body_html": "<p>Mine too.</p>", "body_text": "Mine too."},
                    {
                        "number": 1,
                        "created": "2026-03-01T11:00:00Z",
                        "editor": EDITOR,
                        "by_moderator": False,
                        "body_html": "<p>Me too.</p>",
                        "body_text": "Me too.",
                    },
                ],
                name="Edited once",
            )
        ],
    )
    def get(self, request, post_id: int, comment_id: int):
        post = post_for_viewer(post_id, request.user)
        comment = comment_on_post(post=post, comment_id=comment_id)
        moderator = _moderates(request, comment)
        query = parse_query(request, PageQuery)
        page = selectors.comment_revisions(
            comment, cursor=query.get("cursor"), page_size=query["page_size"]
        )
        return page_response(
            request, page, CommentRevisionSerializer, context={"viewer_moderates": moderator}
        )
