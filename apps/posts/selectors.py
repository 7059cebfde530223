"""Reads for posts and feeds. Each function says what it costs in queries.

Every feed starts from `feed_queryset(viewer)`: Post.objects.visible_to
(the one visibility rule) and .listable(), with the community, the author's
profile and the viewer's vote in the same query and the tags in one more.
A feed page is therefore 2 queries whatever its length; pages are keyset
(cursor) pages, never OFFSET, never COUNT(*).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Case,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Power
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.accounts.types import Actor
from apps.communities.models import Community, Membership, Visibility
from apps.communities.selectors import CursorKind, checked_cursor
from apps.core.pagination import Page, keyset_page
from apps.profiles.models import Follow
from apps.profiles.selectors import blocked_by_viewer
from apps.tags.models import Tag

from .models import Post, PostVote

FEED_PAGE_SIZE = 25
PINNED_MAX = 5

SORTS = {
    "hot": _("Hot"),
    "new": _("New"),
    "top": _("Top"),
    "controversial": _("Controversial"),
    "active": _("Active"),
}
PERIODS = {
    "day": (_("Today"), timedelta(days=1)),
    "week": (_("This week"), timedelta(days=7)),
    "month": (_("This month"), timedelta(days=30)),
    "year": (_("This year"), timedelta(days=365)),
    "all": (_("All time"), None),
}
DEFAULT_SORT = "hot"
DEFAULT_PERIOD = "week"
# Sorts that take the `t` period.
PERIOD_SORTS = ("top", "controversial")

# Each sort: the column (or annotation) of the keyset and its cursor type.
_SORT_KEYS: dict[str, tuple[str, CursorKind]] = {
    "hot": ("hot", "float"),
    "new": ("created", "datetime"),
    "top": ("score", "int"),
    "active": ("last_activity_at", "datetime"),
    "controversial": ("controversy", "float"),
}


@dataclass(frozen=True)
class FeedParams:
    sort: str = DEFAULT_SORT
    period: str = DEFAULT_PERIOD
    cursor: str | None = None

    @property
    def uses_period(self) -> bool:
        return self.sort in PERIOD_SORTS


def feed_params(query: dict, *, default_sort: str = DEFAULT_SORT) -> FeedParams:
    """sort, t and cursor from a GET dict; unknown values fall back to the
    defaults (never an error)."""
    sort = query.get("sort", "")
    if sort not in SORTS:
        sort = default_sort
    period = query.get("t", "")
    if period not in PERIODS:
        period = DEFAULT_PERIOD
    cursor = query.get("cursor") or None
    return FeedParams(sort=sort, period=period, cursor=cursor)


def with_user_vote(queryset: QuerySet, user) -> QuerySet:
    """Annotate each post with `user_vote` (+1, -1 or None) inside the same
    query: no per-row lookups on feeds."""
    if user is None or not user.is_authenticated:
        return queryset.annotate(user_vote=Value(None, output_field=IntegerField()))
    vote = PostVote.objects.filter(post=OuterRef("pk"), user=user).values("value")[:1]
    return queryset.annotate(user_vote=Subquery(vote, output_field=IntegerField()))


def post_for_page(*, community_slug: str, post_id: int, viewer) -> Post:
    """The post of a post page, with its community, author profile and the
    viewer's vote (1 query) and tags (1 query). 404 when the viewer may not
    see it, exactly as when it does not exist."""
    queryset = with_user_vote(
        Post.objects.visible_to(viewer).select_related("community", "author__profile"), viewer
    ).prefetch_related("tags")
    return get_object_or_404(queryset, pk=post_id, community__slug=community_slug)


def post_for_action(*, community_slug: str, post_id: int, viewer) -> Post:
    """A post the viewer may see, for edit/delete/vote (1 query, no tags)."""
    queryset = with_user_vote(
        Post.objects.visible_to(viewer).select_related("community", "author__profile"), viewer
    )
    return get_object_or_404(queryset, pk=post_id, community__slug=community_slug)


def post_for_viewer(post_id: int, viewer: Actor) -> Post:
    """A post the viewer may read, by id alone (the API's address), with
    what a post shows (2 queries: the post with its community, author
    profile and the viewer's vote; its tags). 404 otherwise, exactly as
    when it does not exist."""
    queryset = with_user_vote(
        Post.objects.visible_to(viewer).select_related("community", "author__profile"), viewer
    ).prefetch_related("tags")
    return get_object_or_404(queryset, pk=post_id)


def with_author_blocked(queryset: QuerySet, viewer: Actor) -> QuerySet:
    """Annotate each row with `author_blocked` (the viewer blocked its
    author: the row is folded for them) inside the same query. Visitors get
    no annotation (nothing to fold; templates read a missing one as false)."""
    blocked = blocked_by_viewer(viewer, "author_id")
    return queryset if blocked is None else queryset.annotate(author_blocked=blocked)


def feed_queryset(viewer: User | AnonymousUser) -> QuerySet:
    """What every feed lists: visible to `viewer`, listable, with what a
    post row shows (1 query for the rows + 1 for their tags), each row
    marked `author_blocked` for members (an EXISTS in the same query)."""
    return with_author_blocked(
        with_user_vote(
            Post.objects.visible_to(viewer)
            .listable()
            .select_related("community", "author__profile")
            .prefetch_related("tags"),
            viewer,
        ),
        viewer,
    )


def controversy_expression():
    """ranking.controversy in SQL: (up + down) ** (minority / majority), 0
    when either side has no votes. Power() is native on PostgreSQL and
    registered by Django on SQLite."""
    up = Cast("upvotes", FloatField())
    down = Cast("downvotes", FloatField())
    magnitude = up + down
    return Case(
        When(Q(upvotes=0) | Q(downvotes=0), then=Value(0.0)),
        When(upvotes__gt=F("downvotes"), then=Power(magnitude, down / up)),
        default=Power(magnitude, up / down),
        output_field=FloatField(),
    )


def sorted_page(
    queryset: QuerySet, params: FeedParams, *, page_size: int = FEED_PAGE_SIZE
) -> Page[Post]:
    """One keyset page of `queryset` in the order `params` asks for (the
    queries of `queryset`, no more). hot/new/top/active walk their stored,
    indexed column; controversial is computed in SQL from the vote counts."""
    sort = params.sort if params.sort in SORTS else DEFAULT_SORT
    if sort in PERIOD_SORTS:
        window = PERIODS.get(params.period, PERIODS[DEFAULT_PERIOD])[1]
        if window is not None:
            queryset = queryset.filter(created__gte=timezone.now() - window)
    if sort == "controversial":
        queryset = queryset.annotate(controversy=controversy_expression())
    key, kind = _SORT_KEYS[sort]
    return keyset_page(
        queryset, key=key, cursor=checked_cursor(params.cursor, kind), page_size=page_size
    )


# --- the feeds ------------------------------------------------------------------


def viewer_has_subscriptions(viewer: User | AnonymousUser) -> bool:
    """Whether the front page can be personal: the viewer joined a community
    or follows someone (at most 2 cheap EXISTS queries)."""
    if not viewer.is_authenticated:
        return False
    return (
        Membership.objects.filter(user=viewer).exists()
        or Follow.objects.filter(follower=viewer).exists()
    )


def front_page(viewer: User | AnonymousUser, params: FeedParams) -> Page[Post]:
    """Signed in: posts from joined communities and followed members (only
    those the viewer may read). Visitors: every public post. 2 queries."""
    queryset = feed_queryset(viewer)
    if viewer.is_authenticated:
        joined = Membership.objects.filter(user=viewer).values("community_id")
        followed = Follow.objects.filter(follower=viewer).values("followee_id")
        queryset = queryset.filter(Q(community_id__in=joined) | Q(author_id__in=followed))
    else:
        queryset = queryset.exclude(community__visibility=Visibility.PRIVATE)
    return sorted_page(queryset, params)


def all_page(viewer: User | AnonymousUser, params: FeedParams) -> Page[Post]:
    """/all/: every post of a non-private community (2 queries)."""
    queryset = feed_queryset(viewer).exclude(community__visibility=Visibility.PRIVATE)
    return sorted_page(queryset, params)


def community_page(
    viewer: User | AnonymousUser, community: Community, params: FeedParams
) -> Page[Post]:
    """A community's feed without its pinned posts (2 queries); the caller
    already checked the viewer may read the community."""
    queryset = feed_queryset(viewer).filter(community=community, is_pinned=False)
    return sorted_page(queryset, params)


def pinned_posts(viewer: User | AnonymousUser, community: Community) -> list[Post]:
    """Up to PINNED_MAX pinned posts of a community, newest first (2 queries)."""
    return list(
        feed_queryset(viewer)
        .filter(community=community, is_pinned=True)
        .order_by("-created", "-id")[:PINNED_MAX]
    )


def tag_page(viewer: User | AnonymousUser, tag: Tag, params: FeedParams) -> Page[Post]:
    """Posts with `tag` that the viewer may read (2 queries)."""
    return sorted_page(feed_queryset(viewer).filter(tags=tag), params)


def filtered_page(
    viewer: Actor,
    params: FeedParams,
    *,
    community: Community | None = None,
    tag: Tag | None = None,
    author: User | None = None,
    page_size: int = FEED_PAGE_SIZE,
) -> Page[Post]:
    """Posts the viewer may read, narrowed by any of community, tag and
    author (AND), pinned ones in their place (the API's list; 2 queries)."""
    queryset = feed_queryset(viewer)
    if community is not None:
        queryset = queryset.filter(community=community)
    if tag is not None:
        queryset = queryset.filter(tags=tag)
    if author is not None:
        queryset = queryset.filter(author=author)
    return sorted_page(queryset, params, page_size=page_size)


def member_posts_page(viewer: User | AnonymousUser, member: User, params: FeedParams) -> Page[Post]:
    """A member's posts that the viewer may read (2 queries)."""
    return sorted_page(feed_queryset(viewer).filter(author=member), params)
