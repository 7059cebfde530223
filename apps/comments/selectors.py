"""Reads for comment threads and the member's comments tab.

Each function says what it costs in queries. Threads are read with ONE query
(whole post, or a sub-thread by path prefix — see the docstring of
apps/comments/models.py for why the tree is a materialized path) and built
into a tree in Python. The post page reads one page of its top-level
comments with TWO (`comment_page`: the tree's sort keys, then the drawn
comments in full).
"""

import base64
import binascii
import bisect
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, Literal, NamedTuple

from django.conf import settings
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Value
from django.shortcuts import get_object_or_404

from apps.accounts.models import User
from apps.accounts.types import Actor
from apps.communities.policies import can_contribute
from apps.core.pagination import (
    Page,
    decode_ranked_cursor,
    encode_ranked_cursor,
    keyset_page,
)
from apps.posts.models import Post, SavedPost
from apps.posts.policies import Refusal
from apps.posts.ranking import controversy, wilson_lower_bound
from apps.posts.selectors import with_author_blocked

from . import policies
from .links import ThreadLinks
from .models import Comment, SavedComment

SORT_BEST, SORT_TOP, SORT_NEW, SORT_OLD, SORT_CONTROVERSIAL = (
    "best",
    "top",
    "new",
    "old",
    "controversial",
)
SORTS = (SORT_BEST, SORT_TOP, SORT_NEW, SORT_OLD, SORT_CONTROVERSIAL)
DEFAULT_SORT = SORT_BEST
# Levels drawn on a page; deeper replies are one "continue this thread" away.
THREAD_DEPTH = 6
MEMBER_COMMENTS_PAGE_SIZE = 25


def parse_sort(value: str | None) -> str:
    """An allowlisted sort name: anything unknown is the default."""
    return value if value in SORTS else DEFAULT_SORT


def _timestamp(comment: Comment) -> float:
    return comment.created.timestamp()


# Sibling order, ties broken so the order is stable from one request to the next.
# Read from Comment rows and from comment_page's _Node alike.
SORT_KEYS: dict[str, Callable[[Any], tuple]] = {
    SORT_BEST: lambda c: (
        -wilson_lower_bound(c.upvotes, c.downvotes),
        -c.score,
        _timestamp(c),
        c.pk,
    ),
    SORT_TOP: lambda c: (-c.score, _timestamp(c), c.pk),
    SORT_NEW: lambda c: (-_timestamp(c), -c.pk),
    SORT_OLD: lambda c: (_timestamp(c), c.pk),
    SORT_CONTROVERSIAL: lambda c: (
        -controversy(c.upvotes, c.downvotes),
        -(c.upvotes + c.downvotes),
        _timestamp(c),
        c.pk,
    ),
}


@dataclass(frozen=True)
class Viewer:
    """What the page already knows about who is looking, so that drawing each
    comment asks no query: the user and whether they may contribute here."""

    user: Actor
    contributor: bool


def viewer_for(user: Actor, post: Post) -> Viewer:
    """Who looks at `post`'s comments, with the community's contribute rule
    answered once for the page (up to 2 queries)."""
    return Viewer(user=user, contributor=can_contribute(user, post.community))


@dataclass
class Thread:
    roots: list[Comment]  # each comment carries `.replies`, sorted
    sort: str
    root: Comment | None = None  # the permalink's comment, None on the post page
    # Why the viewer may not write a new comment here ((code, sentence)), or
    # None: computed once for the page, shown by its templates.
    comment_refusal: Refusal | None = None
    # The post page (comment_page): where this page started (None: the first
    # page) and the cursor of the next one (None: this is the last).
    after: str | None = None
    next_cursor: str | None = None
    # Top-level comments of the post left for the next pages (post page only).
    more_roots: int = 0

    @property
    def can_comment(self) -> bool:
        return self.comment_refusal is None

    @cached_property
    def comments(self) -> list[Comment]:
        """The drawn comments in reading order, for the flat loop of
        templates/comments/_comment.html (see `flatten`)."""
        return flatten(self.roots, focus=self.root)


def flatten(roots: list[Comment], *, focus: Comment | None = None) -> list[Comment]:
    """The tree under `roots` in reading order (depth first, siblings in
    their sorted order), so that a template draws it with one flat loop
    instead of an include per level. Each comment gets `level` (0 for the
    page's top), `folded` (its branch starts folded: at
    QUORUM_COMMENTS_FOLD_DEPTH levels down or deeper, or with a score at or
    below QUORUM_COMMENTS_FOLD_SCORE; never the focused comment) and
    `closes`: the comments whose branch ends right after it, innermost first
    (a comment without drawn replies closes itself). No query."""
    fold_depth = settings.QUORUM_COMMENTS_FOLD_DEPTH
    fold_score = settings.QUORUM_COMMENTS_FOLD_SCORE
    flat: list[Comment] = []

    def visit(comment: Comment, level: int) -> None:
        # Decorated attributes: see the note above decorate.
        comment.level = level  # type: ignore[attr-defined]
        comment.folded = comment is not focus and (  # type: ignore[attr-defined]
            level >= fold_depth or comment.score <= fold_score
        )
        comment.closes = []  # type: ignore[attr-defined]
        flat.append(comment)
        for reply in comment.replies:  # type: ignore[attr-defined]
            visit(reply, level + 1)  # at most THREAD_DEPTH levels: a short recursion
        flat[-1].closes.append(comment)  # type: ignore[attr-defined]

    for root in roots:
        visit(root, 0)
    return flat


# Decorated comments: the attributes below (replies, is_own, can_edit,
# can_delete, can_vote, can_reply, continues, more_replies, permalink, actions_url,
# author_url; flatten adds level, folded and closes) are set
# on the Comment itself and read as such by templates/comments/_comment.html,
# the views and CommentSerializer. A typed wrapper per comment would put an
# indirection on every attribute the thread template reads, once per comment
# on the site's busiest page; so they stay plain attributes, which mypy does
# not know on Comment: each use carries `type: ignore[attr-defined]`.


def decorate(
    comment: Comment,
    *,
    post: Post,
    viewer: Viewer,
    can_comment: bool,
    links: ThreadLinks | None = None,
) -> Comment:
    """Attach the post (no lazy load later) and what the viewer may do with
    this comment. Pure: policies are called with the page's answers. The
    comment comes from _thread_queryset (author profile, `user_vote`).
    `links`: the page's address builder, shared by all its comments."""
    if links is None:
        links = ThreadLinks(post)
    user = viewer.user
    contributor = viewer.contributor
    comment.post = post
    # Decorated attributes from here on: see the note above decorate.
    comment.replies = []  # type: ignore[attr-defined]
    comment.is_own = policies.is_comment_author(user, comment)  # type: ignore[attr-defined]
    comment.can_edit = policies.can_edit_comment(  # type: ignore[attr-defined]
        user, comment, contributor=contributor
    )
    comment.can_delete = policies.can_delete_comment(user, comment)  # type: ignore[attr-defined]
    comment.can_vote = policies.can_vote_comment(  # type: ignore[attr-defined]
        user, comment, contributor=contributor
    )
    comment.can_reply = (  # type: ignore[attr-defined]
        can_comment and comment.is_visible and policies.reply_refused_reason(comment, post) is None
    )
    comment.continues = False  # type: ignore[attr-defined]
    comment.more_replies = 0  # type: ignore[attr-defined]  # replies not drawn (comment_page)
    # Drawn alone (a new comment, a partial), a comment opens and closes its own branch.
    comment.level = 0  # type: ignore[attr-defined]
    comment.folded = False  # type: ignore[attr-defined]
    comment.closes = [comment]  # type: ignore[attr-defined]
    # Ready-made addresses: reply/, edit/, delete/ and vote/ follow detail's.
    comment.permalink = links.permalink(comment)  # type: ignore[attr-defined]
    comment.actions_url = links.actions(comment)  # type: ignore[attr-defined]
    comment.author_url = (  # type: ignore[attr-defined]
        links.profile(comment.author.username) if comment.author is not None else ""
    )
    return comment


def build_tree(
    comments: Iterable[Comment], *, sort: str, root_id: int | None = None
) -> list[Comment]:
    """Link `comments` into a tree through parent ids and sort the siblings of
    every level. Roots are the top-level comments, or the comment `root_id`
    when building a sub-thread. No query."""
    comments = list(comments)
    replies: dict[int, list[Comment]] = {comment.pk: [] for comment in comments}
    roots: list[Comment] = []
    for comment in comments:
        if comment.pk == root_id or (root_id is None and comment.parent_id is None):
            roots.append(comment)
        elif comment.parent_id in replies:
            replies[comment.parent_id].append(comment)
    key = SORT_KEYS[parse_sort(sort)]
    roots.sort(key=key)
    for comment in comments:
        siblings = replies[comment.pk]
        if len(siblings) > 1:
            siblings.sort(key=key)
        comment.replies = siblings  # type: ignore[attr-defined]  # see the note above decorate
    return roots


def with_user_saved(queryset: QuerySet, user: Actor) -> QuerySet:
    """Annotate each comment with `user_saved` (the viewer saved it) inside
    the same query: an EXISTS on the saved_comment_once index."""
    if not user.is_authenticated:
        return queryset.annotate(user_saved=Value(False, output_field=BooleanField()))
    saved = SavedComment.objects.filter(comment=OuterRef("pk"), user=user)
    return queryset.annotate(user_saved=Exists(saved))


def _thread_queryset(post: Post, user: Actor) -> QuerySet:
    """Comments with their author's profile, the viewer's vote, whether they
    saved it and `author_blocked` (the viewer blocked the author: folded),
    in one query."""
    return with_author_blocked(
        with_user_saved(
            Comment.objects.filter(post=post)
            .select_related("author__profile")
            .with_user_vote(user),
            user,
        ),
        user,
    )


def comment_thread(
    *,
    post: Post,
    viewer: Viewer,
    sort: str | None = None,
    root: Comment | None = None,
    depth: int = THREAD_DEPTH,
) -> Thread:
    """The comments of `post` (or the sub-thread under `root`) as a tree,
    `depth` levels deep, each annotated with the viewer's vote and what the
    viewer may do. ONE query, whatever the number of comments: authors and
    profiles are joined, the vote is a subquery, and the depth cut is part of
    the WHERE clause (the last level's `reply_count` says whether to offer
    "continue this thread")."""
    sort = parse_sort(sort)
    base_depth = root.depth if root is not None else 0
    last_level = base_depth + depth - 1
    queryset = _thread_queryset(post, viewer.user).filter(depth__lte=last_level)
    if root is not None:
        queryset = queryset.filter(path__startswith=root.path)
    comments = list(queryset)
    refusal = policies.comment_refusal(viewer.user, post, contributor=viewer.contributor)
    links = ThreadLinks(post)
    for comment in comments:
        decorate(comment, post=post, viewer=viewer, can_comment=refusal is None, links=links)
    roots = build_tree(comments, sort=sort, root_id=root.pk if root is not None else None)
    for comment in comments:
        comment.continues = comment.depth >= last_level and comment.reply_count > 0
    return Thread(
        roots=roots,
        sort=sort,
        root=roots[0] if root is not None and roots else None,
        comment_refusal=refusal,
    )


# --- the post page: one page of top-level comments ------------------------------------

MAX_THREAD_CURSOR_LENGTH = 200


def encode_thread_cursor(sort: str, key: tuple) -> str:
    """The cursor after a top-level comment: the sort and that comment's sort
    key (SORT_KEYS), so the next page starts after it in the same order."""
    raw = json.dumps([sort, *key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_thread_cursor(cursor: str | None, sort: str) -> tuple | None:
    """The sort key a cursor points after, or None (the first page) for a
    missing or tampered cursor, or one made for another sort: finite numbers
    only, as many as the sort's key has, the last one a comment id."""
    if not cursor or len(cursor) > MAX_THREAD_CURSOR_LENGTH:
        return None
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        return None
    if not isinstance(raw, list) or len(raw) != _KEY_LENGTHS[sort] + 1 or raw[0] != sort:
        return None
    key = raw[1:]
    for value in key:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        if not math.isfinite(value) or abs(value) > 2**63:
            return None
    if not isinstance(key[-1], int):
        return None
    return tuple(key)


_KEY_LENGTHS = {SORT_BEST: 4, SORT_TOP: 3, SORT_NEW: 2, SORT_OLD: 2, SORT_CONTROVERSIAL: 4}


class _Node(NamedTuple):
    """A comment's sort key and tree links, as the page's first query reads
    them (SORT_KEYS read these attributes). A tuple: thousands are made per
    request."""

    pk: int
    parent_id: int | None
    created: datetime
    score: int
    upvotes: int
    downvotes: int


def comment_page(
    *,
    post: Post,
    viewer: Viewer,
    sort: str | None = None,
    after: str | None = None,
    page_size: int | None = None,
    replies_per_level: int | None = None,
    budget: int | None = None,
    depth: int = THREAD_DEPTH,
) -> Thread:
    """One page of the post page's thread: the first `page_size`
    (QUORUM_COMMENTS_PAGE_ROOTS) top-level comments after the cursor
    `after`, in the thread's sort, each with its replies `depth` levels deep
    and at most `replies_per_level` (QUORUM_COMMENTS_REPLIES_PER_LEVEL)
    replies under each comment (`more_replies` counts the others: the
    comment's own page shows them all). A batch draws at most `budget`
    comments (QUORUM_COMMENTS_PAGE_COMMENTS, what bounds the page's
    rendering): it ends with the top-level comment that reaches it, whose
    replies left out are "more replies" links too; at least one top-level
    comment is drawn.

    TWO queries whatever the number of comments: the sort keys and parent
    ids of the post's comments down to the depth cut (six narrow columns,
    no join), from which the page's comments are chosen in Python, then
    those comments in full (author, profile, vote, saved, blocked) by id.
    An empty thread stops after the first.

    The cursor is the last top-level comment's sort key (`SORT_KEYS`), and
    the next page is the top-level comments whose key comes after it. For
    "new" and "old" the key never changes: no comment repeats or goes
    missing between pages. For "best", "top" and "controversial" the key
    follows the votes: a comment voted across the page boundary between two
    requests can show twice or not at all (accepted: the page shows what the
    votes say now, and the order stays the thread's sort)."""
    sort = parse_sort(sort)
    page_size = page_size or settings.QUORUM_COMMENTS_PAGE_ROOTS
    per_level = replies_per_level or settings.QUORUM_COMMENTS_REPLIES_PER_LEVEL
    budget = budget or settings.QUORUM_COMMENTS_PAGE_COMMENTS
    refusal = policies.comment_refusal(viewer.user, post, contributor=viewer.contributor)
    last_level = depth - 1
    rows = Comment.objects.filter(post=post, depth__lte=last_level).values_list(
        "pk", "parent_id", "created", "score", "upvotes", "downvotes"
    )
    children: dict[int | None, list[_Node]] = {}
    for row in rows:
        node = _Node._make(row)
        siblings = children.get(node.parent_id)
        if siblings is None:
            children[node.parent_id] = [node]
        else:
            siblings.append(node)
    key = SORT_KEYS[sort]
    roots = sorted(children.get(None, []), key=key)
    keys = [key(node) for node in roots]
    position = decode_thread_cursor(after, sort)
    start = bisect.bisect_right(keys, position) if position is not None else 0
    # The drawn comments, depth first, and the replies each one leaves out:
    # beyond `per_level` under one comment, or once the batch holds `budget`
    # comments (the batch then ends with the top-level comment it is in).
    drawn: list[int] = []
    left_out: dict[int, int] = {}
    page_roots: list[_Node] = []
    for root in roots[start : start + page_size]:
        if len(drawn) >= budget:
            break
        page_roots.append(root)
        stack = [root]
        while stack:
            node = stack.pop()
            if len(drawn) >= budget and node.parent_id is not None:  # never the root itself
                left_out[node.parent_id] = left_out.get(node.parent_id, 0) + 1
                continue
            drawn.append(node.pk)
            replies = children.get(node.pk)
            if replies:
                replies.sort(key=key)
                if len(replies) > per_level:
                    left_out[node.pk] = len(replies) - per_level
                stack.extend(reversed(replies[:per_level]))
    end = start + len(page_roots)
    more_roots = len(roots) - end
    next_cursor = encode_thread_cursor(sort, keys[end - 1]) if more_roots and end > start else None
    full: dict[int, Comment] = {}
    if drawn:
        full = {
            comment.pk: comment
            for comment in _thread_queryset(post, viewer.user).filter(pk__in=drawn)
        }
    links = ThreadLinks(post)
    can_comment = refusal is None
    for comment in full.values():
        decorate(comment, post=post, viewer=viewer, can_comment=can_comment, links=links)
        comment.more_replies = left_out.get(comment.pk, 0)  # type: ignore[attr-defined]
        comment.continues = comment.depth >= last_level and comment.reply_count > 0  # type: ignore[attr-defined]
    for pk in drawn:  # parents come before their replies: each reply joins its parent
        child = full.get(pk)
        if child is not None and child.parent_id is not None and child.parent_id in full:
            full[child.parent_id].replies.append(child)  # type: ignore[attr-defined]
    return Thread(
        roots=[full[node.pk] for node in page_roots if node.pk in full],
        sort=sort,
        comment_refusal=refusal,
        # Re-encoded: the page repeats its own cursor, never the raw parameter.
        after=encode_thread_cursor(sort, position) if position is not None else None,
        next_cursor=next_cursor,
        more_roots=more_roots,
    )


def comment_on_post(*, post: Post, comment_id: int) -> Comment:
    """A comment of `post` with its author's profile (1 query); 404 when it
    belongs to another post."""
    comment = get_object_or_404(
        Comment.objects.select_related("author__profile"), pk=comment_id, post=post
    )
    comment.post = post
    return comment


def comment_for_viewer(*, post: Post, comment_id: int, viewer: Viewer) -> Comment:
    """One comment of `post` drawn alone (after an edit, a delete or a vote),
    with the viewer's vote and author profile (1 query)."""
    comment = get_object_or_404(_thread_queryset(post, viewer.user), pk=comment_id)
    can_comment = policies.can_comment(viewer.user, post, contributor=viewer.contributor)
    return decorate(comment, post=post, viewer=viewer, can_comment=can_comment)


def member_comments_page(
    member: User,
    *,
    viewer,
    cursor: str | None = None,
    page_size: int = MEMBER_COMMENTS_PAGE_SIZE,
) -> Page[Comment]:
    """`member`'s shown comments on posts the viewer may read, newest first,
    with each post and its community (1 query whatever the page: the
    visibility rule is a correlated EXISTS on the post, the order follows
    the index comment_author_idx)."""
    queryset = (
        Comment.objects.filter(author=member)
        .shown()
        .on_visible_posts(viewer)
        .select_related("post__community")
    )
    return keyset_page(queryset, key="created", cursor=cursor, page_size=page_size)


# --- /saved/: the member's saved posts and comments -------------------------------------

SAVED_PAGE_SIZE = 25
SavedKind = Literal["all", "posts", "comments"]
SAVED_KINDS: tuple[SavedKind, ...] = ("all", "posts", "comments")
# The order of a post and a comment saved at the same instant: posts first.
_KIND_RANK = {"post": 1, "comment": 0}


def parse_saved_kind(value: str | None) -> SavedKind:
    """An allowlisted kind: anything unknown lists both."""
    for kind in SAVED_KINDS:
        if value == kind:
            return kind
    return "all"


@dataclass(frozen=True)
class SavedEntry:
    """One row of /saved/: a post or a comment (with its post), and when."""

    kind: Literal["post", "comment"]
    saved_at: datetime
    pk: int  # the SavedPost's or SavedComment's id, for the cursor
    post: Post
    comment: Comment | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.saved_at, _KIND_RANK[self.kind], self.pk)


def _after(cursor: tuple[float, datetime, int] | None, kind: str) -> Q:
    """The rows of one table that come after `cursor` in the merged order
    (saved time, kind, id), all descending, in the index-bounded form of
    apps.core.pagination."""
    if cursor is None:
        return Q()
    rank, saved_at, pk = cursor
    own = _KIND_RANK[kind]
    if own < rank:  # this kind sorts after the cursor's at an equal time
        return Q(created__lte=saved_at)
    if own > rank:
        return Q(created__lt=saved_at)
    return Q(created__lte=saved_at) & (Q(created__lt=saved_at) | Q(id__lt=pk))


def saved_page(
    viewer: User,
    *,
    kind: SavedKind = "all",
    cursor: str | None = None,
    page_size: int = SAVED_PAGE_SIZE,
) -> Page[SavedEntry]:
    """The member's saved posts and comments, newest saved first, posts and
    comments merged (or one kind). Only what they may still read and what is
    still shown. 2 queries whatever the page (1 with a kind): page_size + 1
    rows of each table after the cursor, each with its post, community and
    author profile joined, merged in Python. The cursor carries (kind, saved
    time, id); a forged one only moves the starting point."""
    position = decode_ranked_cursor(cursor)
    if position is not None and not isinstance(position[1], datetime):
        position = None
    entries: list[SavedEntry] = []
    if kind in ("all", "posts"):
        saved_posts = (
            SavedPost.objects.filter(user=viewer)
            .filter(_after(position, "post"))
            .filter(
                Exists(Post.objects.visible_to(viewer).listable().filter(pk=OuterRef("post_id")))
            )
            .select_related("post__community", "post__author__profile")
            .order_by("-created", "-id")[: page_size + 1]
        )
        entries += [
            SavedEntry(kind="post", saved_at=row.created, pk=row.pk, post=row.post)
            for row in saved_posts
        ]
    if kind in ("all", "comments"):
        saved_comments = (
            SavedComment.objects.filter(user=viewer, comment__is_deleted=False)
            .filter(comment__is_removed=False)
            .filter(_after(position, "comment"))
            .filter(
                Exists(
                    Post.objects.visible_to(viewer)
                    .listable()
                    .filter(pk=OuterRef("comment__post_id"))
                )
            )
            .select_related("comment__author__profile", "comment__post__community")
            .order_by("-created", "-id")[: page_size + 1]
        )
        for row in saved_comments:
            entries.append(
                SavedEntry(
                    kind="comment",
                    saved_at=row.created,
                    pk=row.pk,
                    post=row.comment.post,
                    comment=row.comment,
                )
            )
    entries.sort(key=lambda entry: entry.sort_key, reverse=True)
    items = entries[:page_size]
    next_cursor = None
    if len(entries) > page_size:
        last = items[-1]
        next_cursor = encode_ranked_cursor(_KIND_RANK[last.kind], last.saved_at, last.pk)
    return Page(items=items, next_cursor=next_cursor)
