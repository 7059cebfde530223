"""Reads of the edit history: a page of versions, newest first, each with
what changed since the version before it.

A page costs one query, whatever its size: the versions with their editor
and profile (select_related), one row more than the page, which is both the
sign that an older page exists and the version the page's oldest row is
compared with. Diffs are computed in Python on the page's rows only.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.safestring import SafeString

from apps.comments.models import Comment
from apps.core.html import html_to_text
from apps.core.pagination import Page, decode_cursor, encode_cursor
from apps.posts.models import Post

from . import diff
from .models import CommentRevision, PostRevision

PAGE_SIZE = 50


@dataclass
class Version:
    """One version and what changed since the one before (None: the
    original, or a field that did not change)."""

    revision: PostRevision | CommentRevision
    body: SafeString | None = None
    title: SafeString | None = None
    link: SafeString | None = None
    tags: SafeString | None = None
    # The original's own text (plain), shown whole instead of a diff.
    text: str = ""

    @property
    def is_original(self) -> bool:
        return self.revision.number == 1


def _rows(queryset: QuerySet, cursor: str | None, page_size: int) -> tuple[list, str | None]:
    """Up to page_size versions older than `cursor` (newest first), the one
    after them (to compare the last with), and the next page's cursor."""
    queryset = queryset.select_related("editor__profile").order_by("-number")
    position = decode_cursor(cursor)
    if position is not None and isinstance(position[0], int) and position[0] > 0:
        queryset = queryset.filter(number__lt=position[0])
    rows = list(queryset[: page_size + 1])
    next_cursor = None
    if len(rows) > page_size:
        last = rows[page_size - 1]
        next_cursor = encode_cursor(last.number, last.pk)
    return rows, next_cursor


def _pairs(rows: list, page_size: int):
    for index, revision in enumerate(rows[:page_size]):
        older = rows[index + 1] if index + 1 < len(rows) else None
        # Only the original has nothing before it; a gap (never expected)
        # compares with nothing rather than with the wrong version.
        if older is not None and older.number != revision.number - 1:
            older = None
        yield revision, older


def post_history(post: Post, *, cursor: str | None = None, page_size: int = PAGE_SIZE) -> Page:
    """A page of `post`'s versions (Version), newest first: 1 query."""
    rows, next_cursor = _rows(PostRevision.objects.filter(post=post), cursor, page_size)
    items = []
    for revision, older in _pairs(rows, page_size):
        version = Version(revision=revision)
        if older is None:
            version.text = html_to_text(revision.body_html)
        else:
            version.title = diff.changed(older.title, revision.title)
            version.body = diff.changed(
                html_to_text(older.body_html), html_to_text(revision.body_html)
            )
            version.link = diff.changed(older.link, revision.link)
            version.tags = diff.tags_diff(older.tag_list, revision.tag_list)
        items.append(version)
    return Page(items=items, next_cursor=next_cursor)


def comment_history(
    comment: Comment, *, cursor: str | None = None, page_size: int = PAGE_SIZE
) -> Page:
    """A page of `comment`'s versions (Version), newest first: 1 query."""
    rows, next_cursor = _rows(CommentRevision.objects.filter(comment=comment), cursor, page_size)
    items = []
    for revision, older in _pairs(rows, page_size):
        version = Version(revision=revision)
        if older is None:
            version.text = html_to_text(revision.body_html)
        else:
            version.body = diff.changed(
                html_to_text(older.body_html), html_to_text(revision.body_html)
            )
        items.append(version)
    return Page(items=items, next_cursor=next_cursor)


def post_revisions(post: Post, *, cursor: str | None = None, page_size: int = PAGE_SIZE) -> Page:
    """A page of `post`'s versions as rows (the API's), newest first: 1 query."""
    rows, next_cursor = _rows(PostRevision.objects.filter(post=post), cursor, page_size)
    return Page(items=rows[:page_size], next_cursor=next_cursor)


def comment_revisions(
    comment: Comment, *, cursor: str | None = None, page_size: int = PAGE_SIZE
) -> Page:
    """A page of `comment`'s versions as rows (the API's), newest first: 1 query."""
    rows, next_cursor = _rows(CommentRevision.objects.filter(comment=comment), cursor, page_size)
    return Page(items=rows[:page_size], next_cursor=next_cursor)
