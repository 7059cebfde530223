"""API views of comments: a post's thread, create, edit, delete, vote, and a
member's comments. apps.comments.selectors build the tree (one query) and
decide what the viewer may do; services do the writes.

The thread is FLAT: comments come in tree order (depth first, siblings in the
chosen sort), each with `parent_id` and `depth`, so a client rebuilds the
tree in one pass (or indents by depth). Depth is cut at
selectors.THREAD_DEPTH levels below the root, as on the site; a comment
with `has_more_replies` continues with ?root=<its id>. Pages are made of
top-level comments (page_size of them, with all their shown replies).
"""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.inputs import parse_body, parse_query
from apps.api.pagination import PageQuery, page_example, page_response, paginated
from apps.api.permissions import MEMBERS_ONLY
from apps.core.pagination import Page, decode_cursor, encode_cursor
from apps.core.ratelimit import client_ip
from apps.posts.api.serializers import (
    SaveStateSerializer,
    VoteResultSerializer,
    VoteSerializer,
)
from apps.posts.selectors import post_for_viewer
from apps.profiles import selectors as profile_selectors

from .. import selectors, services
from .serializers import (
    CommentCreateSerializer,
    CommentSerializer,
    CommentUpdateSerializer,
    MemberCommentSerializer,
    SavedItemSerializer,
    SavedQuery,
    ThreadQuery,
)

TAG = "comments"

COMMENT_EXAMPLE_URL = (
    "https://quorum.example/c/gardening/p/101/tomatoes-in-winter/comment/7/#comment-7"
)
COMMENT_EXAMPLE = {
    "id": 7,
    "author": {"username": "omar", "display_name": "Omar", "avatar_url": None},
    "body_html": "<p>Mine grow under a lamp.</p>",
    "body_text": "Mine grow under a lamp.",
    "created": "2026-03-01T11:00:00Z",
    "edited_at": None,
    "score": 3,
    "upvotes": 3,
    "downvotes": 0,
    "is_deleted": False,
    "is_removed": False,
    "post_id": 101,
    "parent_id": None,
    "depth": 0,
    "reply_count": 1,
    "has_more_replies": False,
    "user_vote": None,
    "can_reply": True,
    "can_edit": False,
    "can_delete": False,
    "can_vote": True,
    "url": COMMENT_EXAMPLE_URL,
}


def viewer_of(request, post) -> selectors.Viewer:
    return selectors.viewer_for(request.user, post)


def _flatten(roots: list) -> list:
    """Depth-first, in the order build_tree sorted each level."""
    out, stack = [], list(reversed(roots))
    while stack:
        comment = stack.pop()
        out.append(comment)
        stack.extend(reversed(comment.replies))
    return out


def _thread_page(roots: list, cursor: str | None, page_size: int) -> Page:
    """A page of top-level threads. The cursor remembers the last root shown
    (and its position, in case it moved or went): new comments and votes
    between two requests neither repeat nor skip a thread that stayed put."""
    start = 0
    position = decode_cursor(cursor)
    if position is not None:
        offset, last_pk = position
        ids = [comment.pk for comment in roots]
        if last_pk in ids:
            start = ids.index(last_pk) + 1
        elif isinstance(offset, int) and not isinstance(offset, bool) and offset >= 0:
            start = min(offset, len(roots))
    chosen = roots[start : start + page_size]
    next_cursor = None
    if start + page_size < len(roots):
        next_cursor = encode_cursor(start + page_size, chosen[-1].pk)
    return Page(items=_flatten(chosen), next_cursor=next_cursor)


def _not_found(field: str, message: str) -> serializers.ValidationError:
    return serializers.ValidationError({field: [message]}, code="not_found")


class Thread(APIView):
    @extend_schema(
        operation_id="comments_list",
        summary="The comment tree of a post (flat, in tree order)",
        description=(
            "Comments in tree order — depth first, siblings sorted by `sort` — each with "
            "`parent_id` and `depth`: rebuild the tree in one pass or indent by depth. "
            f"{selectors.THREAD_DEPTH} levels are returned below the top (or below `root`); "
            "`has_more_replies` marks a comment whose replies continue with "
            "`?root=<its id>`. Deleted and removed comments keep their place (body and "
            "author null) so their replies stay attached. Paginated by top-level comment: "
            "a page holds `page_size` top-level comments and their replies. The same number "
            "of queries whatever the number of comments."
        ),
        tags=[TAG],
        parameters=[ThreadQuery],
        responses={200: paginated(CommentSerializer)},
        examples=[
            page_example(
                [
                    COMMENT_EXAMPLE,
                    {
                        **COMMENT_EXAMPLE,
                        "id": 9,
                        "parent_id": 7,
                        "depth": 1,
                        "reply_count": 0,
                        "url": COMMENT_EXAMPLE_URL.replace("7", "9"),
                    },
                ],
                name="A thread",
            )
        ],
    )
    def get(self, request, post_id: int):
        post = post_for_viewer(post_id, request.user)
        query = parse_query(request, ThreadQuery)
        root = None
        if query.get("root"):
            try:
                root = selectors.comment_on_post(post=post, comment_id=query["root"])
            except Http404:
                raise _not_found("root", _("There is no such comment on this post.")) from None
        thread = selectors.comment_thread(
            post=post, viewer=viewer_of(request, post), sort=query["sort"], root=root
        )
        page = _thread_page(thread.roots, query.get("cursor"), query["page_size"])
        return page_response(request, page, CommentSerializer)

    @extend_schema(
        operation_id="comments_create",
        summary="Comment on a post, or reply to a comment",
        description=(
            "Where you may contribute (not banned; approved in a restricted community; a "
            "member of a private one), on a post that is neither locked, deleted nor "
            "removed (a 400 `validation_error` whose non-field code is `closed`). The same "
            "text sent twice within 10 seconds is made once."
        ),
        tags=[TAG],
        request=CommentCreateSerializer,
        responses={201: CommentSerializer},
        examples=[
            OpenApiExample(
                "A reply", request_only=True, value={"body": "Mine too!", "parent_id": 7}
            ),
            OpenApiExample("Made", response_only=True, value=COMMENT_EXAMPLE),
        ],
    )
    def post(self, request, post_id: int):
        post = post_for_viewer(post_id, request.user)
        data = parse_body(request, CommentCreateSerializer)
        parent = None
        if data.get("parent_id"):
            try:
                parent = selectors.comment_on_post(post=post, comment_id=data["parent_id"])
            except Http404:
                raise _not_found("parent_id", _("There is no such comment on this post.")) from None
        comment = services.comment_create(
            author=request.user,
            post=post,
            body=data["body"],
            parent=parent,
            language=data["language"],
            client_ip=client_ip(request),
        )
        comment = selectors.comment_for_viewer(
            post=post, comment_id=comment.pk, viewer=viewer_of(request, post)
        )
        body = CommentSerializer(comment, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


def _comment(request, post_id: int, comment_id: int):
    post = post_for_viewer(post_id, request.user)
    comment = selectors.comment_for_viewer(
        post=post, comment_id=comment_id, viewer=viewer_of(request, post)
    )
    return post, comment


class CommentDetail(APIView):
    @extend_schema(
        operation_id="comments_retrieve",
        summary="One comment",
        description="`has_more_replies` is false here: its replies are at ?root=<id>.",
        tags=[TAG],
        responses={200: CommentSerializer},
        examples=[OpenApiExample("A comment", response_only=True, value=COMMENT_EXAMPLE)],
    )
    def get(self, request, post_id: int, comment_id: int):
        _post, comment = _comment(request, post_id, comment_id)
        return Response(CommentSerializer(comment, context={"request": request}).data)

    @extend_schema(
        operation_id="comments_partial_update",
        summary="Edit your comment",
        description=(
            "Only its author, while it is shown and they may still contribute to the "
            "community. It shows “edited” from then on."
        ),
        tags=[TAG],
        request=CommentUpdateSerializer,
        responses={200: CommentSerializer},
        examples=[
            OpenApiExample("New text", request_only=True, value={"body": "Mine too."}),
            OpenApiExample(
                "Edited",
                response_only=True,
                value={
                    **COMMENT_EXAMPLE,
                    "body_html": "<p>Mine too.</p>",
                    "body_text": "Mine too.",
                    "edited_at": "2026-03-01T11:30:00Z",
                },
            ),
        ],
    )
    def patch(self, request, post_id: int, comment_id: int):
        post, comment = _comment(request, post_id, comment_id)
        data = parse_body(request, CommentUpdateSerializer)
        # Without a body, the service still checks who may edit and changes nothing.
        body = data.get("body", comment.body_html)
        services.comment_update(
            actor=request.user, comment=comment, body=body, language=data.get("language") or None
        )
        comment = selectors.comment_for_viewer(
            post=post, comment_id=comment_id, viewer=viewer_of(request, post)
        )
        return Response(CommentSerializer(comment, context={"request": request}).data)

    @extend_schema(
        operation_id="comments_destroy",
        summary="Delete your comment",
        description=(
            "Only its author. It stays as “[deleted]” so its replies keep their place. "
            "Deleting twice changes nothing."
        ),
        tags=[TAG],
        request=None,
        responses={204: OpenApiResponse(description="Deleted.")},
    )
    def delete(self, request, post_id: int, comment_id: int):
        _post, comment = _comment(request, post_id, comment_id)
        services.comment_delete(actor=request.user, comment=comment)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommentVote(APIView):
    @extend_schema(
        operation_id="comments_vote",
        summary="Vote on a comment",
        description=(
            "1 (up), -1 (down) or 0 (clear). Only members who may contribute to the "
            "community; deleted and removed comments take no votes (400)."
        ),
        tags=[TAG],
        request=VoteSerializer,
        responses={200: VoteResultSerializer},
        examples=[
            OpenApiExample("Downvote", request_only=True, value={"value": -1}),
            OpenApiExample(
                "Counted",
                response_only=True,
                value={"score": 2, "upvotes": 3, "downvotes": 1, "user_vote": -1},
            ),
        ],
    )
    def post(self, request, post_id: int, comment_id: int):
        _post, comment = _comment(request, post_id, comment_id)
        data = parse_body(request, VoteSerializer)
        value = services.comment_vote(
            user=request.user, comment=comment, value=data["value"], client_ip=client_ip(request)
        )
        comment.refresh_from_db(fields=["score", "upvotes", "downvotes"])
        comment.user_vote = value or None
        return Response(VoteResultSerializer(comment).data)


class MemberComments(APIView):
    @extend_schema(
        operation_id="profiles_comments",
        summary="A member's comments",
        description=(
            "Newest first, on posts you may read; deleted and removed comments are left "
            "out. Cursor-paginated; 1 query per page."
        ),
        tags=["profiles"],
        parameters=[PageQuery],
        responses={200: paginated(MemberCommentSerializer)},
        examples=[
            page_example(
                [
                    {
                        **{
                            key: COMMENT_EXAMPLE[key]
                            for key in (
                                "id",
                                "author",
                                "body_html",
                                "body_text",
                                "created",
                                "edited_at",
                                "score",
                                "upvotes",
                                "downvotes",
                                "is_deleted",
                                "is_removed",
                                "parent_id",
                            )
                        },
                        "post": {
                            "id": 101,
                            "title": "Tomatoes in winter",
                            "community": {"slug": "gardening", "name": "Gardening"},
                            "url": "https://quorum.example/c/gardening/p/101/tomatoes-in-winter/",
                        },
                    }
                ]
            )
        ],
    )
    def get(self, request, username: str):
        member = profile_selectors.member_by_username(username)
        query = parse_query(request, PageQuery)
        page = selectors.member_comments_page(
            member, viewer=request.user, cursor=query.get("cursor"), page_size=query["page_size"]
        )
        for comment in page:
            comment.author = member
        return page_response(request, page, MemberCommentSerializer)


# --- saved comments and the saved list: private to the member -------------------------


class CommentSave(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="comments_save",
        summary="Save a comment",
        description=(
            "Keeps the comment in your saved items (`GET /me/saved/`), which only you see. "
            "Saving twice changes nothing (`changed: false`); deleted and removed comments "
            "cannot be saved (400)."
        ),
        tags=[TAG],
        request=None,
        responses={200: SaveStateSerializer},
        examples=[
            OpenApiExample("Saved", response_only=True, value={"saved": True, "changed": True})
        ],
    )
    def post(self, request, post_id: int, comment_id: int):
        _post, comment = _comment(request, post_id, comment_id)
        changed = services.saved_comment_create(user=request.user, comment=comment)
        return Response(SaveStateSerializer({"saved": True, "changed": changed}).data)


class CommentUnsave(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="comments_unsave",
        summary="Unsave a comment",
        description="Unsaving a comment you did not save changes nothing (`changed: false`).",
        tags=[TAG],
        request=None,
        responses={200: SaveStateSerializer},
        examples=[
            OpenApiExample("Unsaved", response_only=True, value={"saved": False, "changed": True})
        ],
    )
    def post(self, request, post_id: int, comment_id: int):
        _post, comment = _comment(request, post_id, comment_id)
        changed = services.saved_comment_delete(user=request.user, comment=comment)
        return Response(SaveStateSerializer({"saved": False, "changed": changed}).data)


class Saved(APIView):
    permission_classes = MEMBERS_ONLY

    @extend_schema(
        operation_id="me_saved",
        summary="Your saved posts and comments",
        description=(
            "Newest saved first, posts and comments together (or `kind`); only what you "
            "may still read and what is still shown. Cursor-paginated; 2 queries per page. "
            "Only you see this list."
        ),
        tags=["me"],
        parameters=[SavedQuery],
        responses={200: paginated(SavedItemSerializer)},
        examples=[
            page_example(
                [
                    {
                        "kind": "post",
                        "saved_at": "2026-03-02T09:00:00Z",
                        "post": {
                            "id": 101,
                            "title": "Tomatoes in winter",
                            "community": {"slug": "gardening", "name": "Gardening"},
                            "url": "https://quorum.example/c/gardening/p/101/tomatoes-in-winter/",
                        },
                        "comment": None,
                    }
                ]
            )
        ],
    )
    def get(self, request):
        query = parse_query(request, SavedQuery)
        page = selectors.saved_page(
            request.user,
            kind=query["kind"],
            cursor=query.get("cursor"),
            page_size=query["page_size"],
        )
        return page_response(request, page, SavedItemSerializer)
