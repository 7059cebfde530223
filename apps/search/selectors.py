"""Search: the one read the /search/ page and the REST API both call.

    search(*, query, type, viewer, community=None, tag=None, author=None,
           period="all", cursor=None, page_size=SEARCH_PAGE_SIZE) -> Page[Hit]

- `query`: anything a person typed. It is cut to QUERY_MAX_LENGTH, control
  characters go, and PostgreSQL parses it with websearch_to_tsquery
  ("quoted phrases", or, -not): no input raises; a blank query or one made
  only of stop words is an empty page.
- `type`: one of TYPES ("posts", "comments", "communities", "users");
  anything else is "posts".
- `viewer`: request.user (AnonymousUser for visitors). The visibility rules
  of apps.posts and apps.communities apply: private communities' posts and
  comments only for members (and staff); removed and deleted posts and
  comments never.
- Filters, each optional, ignored when empty: `community` (slug), `tag`
  (slug), `author` (username, any case), `period` (a key of PERIODS). They
  narrow posts and comments; `community`, `tag` and `author` are matched
  exactly, never passed through as lookups.
- `cursor`: the `next_cursor` of the previous page (opaque; junk gives the
  first page). Pages are keyset pages: no OFFSET, no COUNT(*).

Each item of the Page is a Hit: `kind`, `obj` (the Post, Comment, Community
or User, with what a result row shows loaded), `rank`, and the highlighted
`title` and `snippet` as SafeStrings (user text escaped, matches in <mark>).

Cost on PostgreSQL: ONE query per page. Posts and comments match the stored
`search_vector` (GIN index; apps/search/migrations) and only the
CANDIDATE_LIMIT most recent matches are ranked (ts_rank, weight A for titles
above B for text), so a frequent word costs what a rare one does; ties go to
the newer item. ts_headline runs on the page's rows only (PostgreSQL
evaluates it after the LIMIT). Communities and members match by trigram
similarity (pg_trgm GIN indexes: typos still find them). On SQLite: one
icontains query, newest first, highlighted in Python.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import F, FloatField, Func, Q, QuerySet, Value
from django.db.models.functions import Cast, Greatest
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.comments.models import Comment
from apps.communities.models import Community
from apps.communities.selectors import name_matches
from apps.core.html import html_to_text
from apps.core.pagination import (
    MAX_RANKED_CURSOR_LENGTH,
    Page,
    decode_ranked_cursor,
    encode_ranked_cursor,
)
from apps.posts.models import Post
from apps.profiles.models import Profile

# The text search configuration of the stored vectors (see the migration).
CONFIG = "english"
SEARCH_PAGE_SIZE = 20
PAGE_SIZE_MAX = 50
QUERY_MAX_LENGTH = 200
# Only this many of the newest matches are ranked: ranking every match of a
# frequent word over 1M posts took ~470 ms (docs/lessons.md); this bounds it.
CANDIDATE_LIMIT = 200
# Names: at most this many matches per index are ranked (an unspecific query
# such as a common surname matches thousands of members).
NAME_CANDIDATES = 200
MAX_CURSOR_LENGTH = MAX_RANKED_CURSOR_LENGTH

TYPES = {
    "posts": _("Posts"),
    "comments": _("Comments"),
    "communities": _("Communities"),
    # Translators: A noun: the people who joined a community or the site.
    "users": _("Members"),
}
DEFAULT_TYPE = "posts"
PERIODS = {
    "all": (_("Any time"), None),
    "day": (_("Past day"), timedelta(days=1)),
    "week": (_("Past week"), timedelta(days=7)),
    "month": (_("Past month"), timedelta(days=30)),
    "year": (_("Past year"), timedelta(days=365)),
}
DEFAULT_PERIOD = "all"

# ts_headline marks matches with these private-use characters; the whole
# headline is escaped first, then they become <mark> and </mark>.
_START, _STOP = "\ue000", "\ue001"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")
SNIPPET_CHARS = 240


@dataclass(frozen=True)
class SearchParams:
    """Allowlisted search input, e.g. from request.GET (see `params_from`)."""

    query: str = ""
    type: str = DEFAULT_TYPE
    community: str = ""
    tag: str = ""
    author: str = ""
    period: str = DEFAULT_PERIOD
    cursor: str | None = None


@dataclass
class Hit:
    kind: str  # "post", "comment", "community" or "user"
    obj: Any
    rank: float
    title: SafeString
    snippet: SafeString


def clean_query(raw: str | None) -> str:
    """The query as searched: control characters dropped, whitespace
    collapsed, at most QUERY_MAX_LENGTH characters."""
    text = _CONTROL.sub(" ", str(raw or ""))[: QUERY_MAX_LENGTH * 4]
    return " ".join(text.split())[:QUERY_MAX_LENGTH].strip()


def _short(value: Any, limit: int = 100) -> str:
    return clean_query(value)[:limit] if isinstance(value, str) else ""


def params_from(data) -> SearchParams:
    """SearchParams from a GET-like mapping. Only known keys are read and
    every value is checked against an allowlist or cut to size."""
    type_ = data.get("type", DEFAULT_TYPE)
    period = data.get("t", DEFAULT_PERIOD)
    cursor = data.get("cursor") or None
    return SearchParams(
        query=clean_query(data.get("q", "")),
        type=type_ if type_ in TYPES else DEFAULT_TYPE,
        community=_short(data.get("community", "")).lower(),
        tag=_short(data.get("tag", "")).lower(),
        author=_short(data.get("author", "")),
        period=period if period in PERIODS else DEFAULT_PERIOD,
        cursor=cursor if cursor and len(cursor) <= MAX_CURSOR_LENGTH else None,
    )


def search(
    *,
    query: str,
    type: str = DEFAULT_TYPE,
    viewer: User | AnonymousUser,
    community: str | None = None,
    tag: str | None = None,
    author: str | None = None,
    period: str = DEFAULT_PERIOD,
    cursor: str | None = None,
    page_size: int = SEARCH_PAGE_SIZE,
) -> Page[Hit]:
    """One page of search results (see the module docstring). Never raises on
    user input; a blank query returns an empty page without a query."""
    query = clean_query(query)
    page_size = max(1, min(int(page_size), PAGE_SIZE_MAX))
    if not query:
        return Page(items=[], next_cursor=None)
    type_ = type if type in TYPES else DEFAULT_TYPE
    since = None
    window = PERIODS.get(period, PERIODS[DEFAULT_PERIOD])[1]
    if window is not None:
        since = timezone.now() - window
    filters = _Filters(
        community=_short(community or "").lower(),
        tag=_short(tag or "").lower(),
        author=_short(author or ""),
        since=since,
    )
    position = decode_ranked_cursor(cursor)
    if type_ == "posts":
        return _search_posts(query, viewer, filters, position, page_size)
    if type_ == "comments":
        return _search_comments(query, viewer, filters, position, page_size)
    if type_ == "communities":
        return _search_communities(query, viewer, position, page_size)
    return _search_users(query, position, page_size)


# --- shared pieces ------------------------------------------------------------------


@dataclass(frozen=True)
class _Filters:
    community: str
    tag: str
    author: str
    since: datetime | None


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


class _OwnColumn(Func):
    """A column of the queryset's own table that its model does not declare:
    `search_vector`, kept by a trigger (apps/search/migrations). Written next
    to the primary key as Django aliases it, inside subqueries too, so it
    never clashes with the same column of a joined table (a comment's query
    joins posts, which have a `search_vector` as well)."""

    def __init__(self, column: str, output_field):
        super().__init__(F("pk"), output_field=output_field)
        self.column = column

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, params = compiler.compile(self.get_source_expressions()[0])
        table, dot, _pk_column = pk_sql.rpartition(".")
        return f"{table}{dot}{connection.ops.quote_name(self.column)}", params


def _tsvector() -> _OwnColumn:
    from django.contrib.postgres.search import SearchVectorField

    return _OwnColumn("search_vector", SearchVectorField())


def _tsquery(text: str):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(text, config=CONFIG, search_type="websearch")


def _matches(text: str):
    from django.contrib.postgres.search import SearchVectorExact

    return SearchVectorExact(_tsvector(), _tsquery(text))


def _rank(text: str):
    """ts_rank as double precision: a real (float4) reaches Python rounded to
    its shortest decimal form and would not compare equal to itself in the
    next page's cursor filter."""
    from django.contrib.postgres.search import SearchRank

    return Cast(SearchRank(_tsvector(), _tsquery(text)), FloatField())


def _headline(field: str, text: str, *, whole: bool):
    from django.contrib.postgres.search import SearchHeadline

    options = {"highlight_all": True} if whole else {"max_fragments": 2, "max_words": 24}
    return SearchHeadline(
        field,
        _tsquery(text),
        config=CONFIG,
        start_sel=_START,
        stop_sel=_STOP,
        fragment_delimiter=" … ",
        **options,
    )


def marked(headline: str | None) -> SafeString:
    """Escape a headline whole, then turn the sentinels into balanced
    <mark></mark> pairs: user HTML can never come through, and stray
    sentinels cannot unbalance the markup."""
    out: list[str] = []
    open_ = False
    for part in re.split(f"([{_START}{_STOP}])", headline or ""):
        if part == _START:
            if not open_:
                out.append("<mark>")
                open_ = True
        elif part == _STOP:
            if open_:
                out.append("</mark>")
                open_ = False
        elif part:
            out.append(escape(part))
    if open_:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - every text part is escaped above


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.lower()) if len(w) > 1][:8]


def highlight_plain(text: str, query: str, *, limit: int | None = None) -> SafeString:
    """SQLite fallback (and names): `text` escaped with the query's words in
    <mark>; with `limit`, a window of about that many characters around
    the first match."""
    text = text or ""
    words = _words(query)
    if limit is not None and len(text) > limit:
        lowered = text.lower()
        hits = [lowered.find(w) for w in words if lowered.find(w) >= 0]
        start = max(min(hits) - limit // 3, 0) if hits else 0
        text = ("…" if start else "") + text[start : start + limit].strip() + "…"
    if not words:
        return marked(text)
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)
    return marked(pattern.sub(lambda m: f"{_START}{m.group(0)}{_STOP}", _CONTROL.sub(" ", text)))


# --- ranked pages: (rank, tie-break, id), newest first among equal ranks -----------------


def _after(queryset: QuerySet, *, tie: str, position, tie_kind: type) -> QuerySet:
    """`queryset` (annotated with `rank`) in rank, `tie`, id order, all
    descending, after the cursor's position. The ranked set is small
    (bounded by the callers), so the filter need not follow an index."""
    queryset = queryset.order_by("-rank", f"-{tie}", "-id")
    if position is not None:
        rank, tie_value, pk = position
        if isinstance(tie_value, tie_kind):
            queryset = queryset.filter(
                Q(rank__lt=rank)
                | Q(rank=rank, **{f"{tie}__lt": tie_value})
                | Q(rank=rank, **{tie: tie_value}, id__lt=pk)
            )
    return queryset


def _ranked_page(
    queryset: QuerySet, *, tie: str, position, page_size: int, tie_kind: type
) -> tuple[list, str | None]:
    """A keyset page of `queryset` (annotated with `rank`); see _after."""
    queryset = _after(queryset, tie=tie, position=position, tie_kind=tie_kind)
    rows = list(queryset[: page_size + 1])
    items = rows[:page_size]
    next_cursor = None
    if len(rows) > page_size:
        last = items[-1]
        next_cursor = encode_ranked_cursor(float(last.rank), getattr(last, tie), last.pk)
    return items, next_cursor


# --- posts and comments ----------------------------------------------------------------


def _post_candidates(text: str, viewer, filters: _Filters) -> QuerySet:
    queryset = Post.objects.visible_to(viewer).listable()
    if filters.community:
        queryset = queryset.filter(community__slug=filters.community)
    if filters.tag:
        queryset = queryset.filter(tags__slug=filters.tag)
    if filters.author:
        queryset = queryset.filter(author__username__iexact=filters.author)
    if filters.since is not None:
        queryset = queryset.filter(created__gte=filters.since)
    if _is_postgres():
        queryset = queryset.filter(_matches(text))
    else:
        queryset = queryset.filter(Q(title__icontains=text) | Q(body_text__icontains=text))
    return queryset


def _search_posts(text: str, viewer, filters: _Filters, position, page_size: int) -> Page[Hit]:
    candidates = _post_candidates(text, viewer, filters)
    rows = Post.objects.select_related("community", "author__profile")
    if _is_postgres():
        # The newest CANDIDATE_LIMIT matches (an index walk by date for
        # frequent words, a GIN bitmap for rare ones) are ranked on the bare
        # table; only the page's rows are joined and get headlines.
        ids = candidates.order_by("-created", "-id").values("pk")[:CANDIDATE_LIMIT]
        ranked = _after(
            Post.objects.filter(pk__in=ids).annotate(rank=_rank(text)),
            tie="created",
            position=position,
            tie_kind=datetime,
        ).values("pk")[: page_size + 1]
        position = None  # applied inside
        rows = rows.filter(pk__in=ranked).annotate(
            rank=_rank(text),
            title_hl=_headline("title", text, whole=True),
            snippet_hl=_headline("body_text", text, whole=False),
        )
    else:
        rows = rows.filter(pk__in=candidates.values("pk")).annotate(
            rank=Value(0.0, output_field=FloatField())
        )
    items, next_cursor = _ranked_page(
        rows, tie="created", position=position, page_size=page_size, tie_kind=datetime
    )
    hits = []
    for post in items:
        if _is_postgres():
            title, snippet = marked(post.title_hl), marked(post.snippet_hl)
        else:
            title = highlight_plain(post.title, text)
            snippet = highlight_plain(post.body_text, text, limit=SNIPPET_CHARS)
        hits.append(Hit("post", post, float(post.rank), title, snippet))
    return Page(items=hits, next_cursor=next_cursor)


def _comment_candidates(text: str, viewer, filters: _Filters) -> QuerySet:
    # Comments shown, on posts the viewer may read that moderators did not remove.
    queryset = Comment.objects.shown().on_visible_posts(viewer).filter(post__is_removed=False)
    if filters.community:
        queryset = queryset.filter(post__community__slug=filters.community)
    if filters.tag:
        queryset = queryset.filter(post__tags__slug=filters.tag)
    if filters.author:
        queryset = queryset.filter(author__username__iexact=filters.author)
    if filters.since is not None:
        queryset = queryset.filter(created__gte=filters.since)
    if _is_postgres():
        return queryset.filter(_matches(text))
    return queryset.filter(body_text__icontains=text)


def _search_comments(text: str, viewer, filters: _Filters, position, page_size: int) -> Page[Hit]:
    candidates = _comment_candidates(text, viewer, filters)
    rows = Comment.objects.select_related("post__community", "author__profile")
    if _is_postgres():
        # Newest first by id (the primary key index): comments have no date index.
        ids = candidates.order_by("-id").values("pk")[:CANDIDATE_LIMIT]
        ranked = _after(
            Comment.objects.filter(pk__in=ids).annotate(rank=_rank(text)),
            tie="created",
            position=position,
            tie_kind=datetime,
        ).values("pk")[: page_size + 1]
        position = None  # applied inside
        rows = rows.filter(pk__in=ranked).annotate(
            rank=_rank(text), snippet_hl=_headline("body_text", text, whole=False)
        )
    else:
        rows = rows.filter(pk__in=candidates.values("pk")).annotate(
            rank=Value(0.0, output_field=FloatField())
        )
    items, next_cursor = _ranked_page(
        rows, tie="created", position=position, page_size=page_size, tie_kind=datetime
    )
    hits = []
    for comment in items:
        if _is_postgres():
            snippet = marked(comment.snippet_hl)
        else:
            snippet = highlight_plain(comment.body_text, text, limit=SNIPPET_CHARS)
        # escape() already returns safe text: no mark_safe needed here.
        title = escape(comment.post.title) if comment.post.is_visible else escape("")
        hits.append(Hit("comment", comment, float(comment.rank), title, snippet))
    return Page(items=hits, next_cursor=next_cursor)


# --- communities and members: trigram similarity ----------------------------------------


def _trigram(column: str, text: str):
    """similarity(column, text) on PostgreSQL (pg_trgm)."""
    from django.contrib.postgres.search import TrigramSimilarity

    return Cast(TrigramSimilarity(F(column), text), FloatField())


def _similar(column: str, text: str, *, words: bool = True):
    """`column % text OR column %> text` (pg_trgm, index-backed): similar as
    a whole, or (`words`, for names of several words) containing a word
    close to `text` (typos, prefixes)."""
    from django.contrib.postgres.lookups import TrigramSimilar, TrigramWordSimilar

    condition = Q(TrigramSimilar(F(column), Value(text)))
    if words:
        condition |= Q(TrigramWordSimilar(F(column), Value(text)))
    return condition


def _search_communities(text: str, viewer, position, page_size: int) -> Page[Hit]:
    queryset = Community.objects.visible_to(viewer)
    if _is_postgres():
        # The raw `name` column (rewrite(False): modeltranslation leaves F("name")
        # alone): the creator's own name for the community, which the trigram
        # index covers, not the active language's translation.
        raw = Community.objects.rewrite(False)
        # Bounded: at most NAME_CANDIDATES by name and as many by address
        # (index scans each), then ranked by similarity.
        by_name = raw.filter(_similar("name", text)).values("pk")
        by_slug = raw.filter(_similar("slug", text, words=False)).values("pk")
        matches = by_name[:NAME_CANDIDATES].union(by_slug[:NAME_CANDIDATES])
        queryset = (
            queryset.rewrite(False)
            .filter(pk__in=matches)
            .annotate(rank=Greatest(_trigram("name", text), _trigram("slug", text)))
        )
    else:
        # Every language's name: `name__icontains` would only see the active
        # language's (often empty) translation column.
        queryset = queryset.filter(name_matches(text) | Q(slug__icontains=text)).annotate(
            rank=Value(0.0, output_field=FloatField())
        )
    items, next_cursor = _ranked_page(
        queryset, tie="member_count", position=position, page_size=page_size, tie_kind=int
    )
    hits = [
        Hit(
            "community",
            community,
            float(community.rank),
            highlight_plain(community.name, text),
            highlight_plain(html_to_text(community.description), text, limit=SNIPPET_CHARS),
        )
        for community in items
    ]
    return Page(items=hits, next_cursor=next_cursor)


def _search_users(text: str, position, page_size: int) -> Page[Hit]:
    queryset = User.objects.filter(is_active=True).select_related("profile")
    if _is_postgres():
        # A UNION of two index scans, not an OR over a join (a scan of
        # every member). Usernames are one word: whole-string similarity.
        by_username = User.objects.filter(_similar("username", text, words=False))
        by_display = Profile.objects.filter(_similar("display_name", text))
        matches = by_username.values("pk")[:NAME_CANDIDATES].union(
            by_display.values("user_id")[:NAME_CANDIDATES]
        )
        queryset = queryset.filter(pk__in=matches).annotate(
            rank=Greatest(
                _trigram("username", text),
                # Through the join: the display name of the user's profile.
                _profile_similarity(text),
            )
        )
    else:
        queryset = queryset.filter(
            Q(username__icontains=text) | Q(profile__display_name__icontains=text)
        ).annotate(rank=Value(0.0, output_field=FloatField()))
    items, next_cursor = _ranked_page(
        queryset, tie="id", position=position, page_size=page_size, tie_kind=int
    )
    hits = []
    for user in items:
        profile = getattr(user, "profile", None)
        shown = profile.name if profile else user.username
        hits.append(
            Hit(
                "user",
                user,
                float(user.rank),
                highlight_plain(shown, text),
                highlight_plain(user.username, text),
            )
        )
    return Page(items=hits, next_cursor=next_cursor)


def _profile_similarity(text: str):
    from django.contrib.postgres.search import TrigramSimilarity
    from django.db.models.functions import Coalesce

    return Coalesce(
        Cast(TrigramSimilarity(F("profile__display_name"), text), FloatField()),
        Value(0.0),
        output_field=FloatField(),
    )


# Names kept importable for callers that build their own querysets (the API).
__all__ = [
    "CANDIDATE_LIMIT",
    "DEFAULT_PERIOD",
    "DEFAULT_TYPE",
    "PERIODS",
    "TYPES",
    "Hit",
    "SearchParams",
    "clean_query",
    "marked",
    "params_from",
    "search",
]
