"""Reads for posts and feeds. Each function says what it costs in queries.

Every feed starts from `feed_queryset(viewer)`: Post.objects.visible_to
(the one visibility rule) and .listable(), with the community, the author's
profile and the viewer's vote in the same query and the tags in one more.
A feed page is therefore 2 queries whatever its length; pages are keyset
(cursor) pages, never OFFSET, never COUNT(*).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    BooleanField,
    Case,
    Exists,
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
from django.db.models.lookups import IContains
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.accounts.models import User
from apps.accounts.types import Actor
from apps.communities.models import Community, Membership, Visibility
from apps.communities.selectors import CursorKind, checked_cursor
from apps.core.pagination import Page, keyset_page
from apps.profiles.languages import reading_languages
from apps.profiles.models import Follow
from apps.profiles.selectors import blocked_by_viewer
from apps.tags.models import Tag

from .models import CommunityMute, KeywordFilter, Post, PostVote, SavedPost

FEED_PAGE_SIZE = 25
PINNED_MAX = 5

SORTS = {
    # Translators: Sort order of posts (an adjective): popular right now.
    "hot": _("Hot"),
    # Translators: Sort order (an adjective): the newest first.
    "new": _("New"),
    # Translators: sorts posts by score, the highest first.
    "top": pgettext_lazy("sort order", "Top"),
    "controversial": _("Controversial"),
    # Translators: Sort order of posts (an adjective): with the latest comments first.
    "active": _("Active"),
}
PERIODS = {
    # Translators: Time period for top posts (a noun/adverb): the last 24 hours.
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


def with_user_saved(queryset: QuerySet, user) -> QuerySet:
    """Annotate each post with `user_saved` (the viewer saved it) inside the
    same query, like the vote: an EXISTS on the saved_post_once index."""
    if user is None or not user.is_authenticated:
        return queryset.annotate(user_saved=Value(False, output_field=BooleanField()))
    saved = SavedPost.objects.filter(post=OuterRef("pk"), user=user)
    return queryset.annotate(user_saved=Exists(saved))


# Marks that apps above posts put on every post row, each an expression
# evaluated in the row's own query (apps.polls: `has_poll`, an EXISTS, for the
# feed's "Poll" badge and a post page without a poll query). Registered from
# those apps' AppConfig.ready() with `register_row_annotation`: posts never
# imports them, and a feed keeps its query count.
ROW_ANNOTATIONS: dict[str, Callable[[], Any]] = {}


def register_row_annotation(name: str, expression: Callable[[], Any]) -> None:
    ROW_ANNOTATIONS[name] = expression


def _with_viewer_state(queryset: QuerySet, viewer) -> QuerySet:
    queryset = with_user_saved(with_user_vote(queryset, viewer), viewer)
    if ROW_ANNOTATIONS:
        queryset = queryset.annotate(**{name: make() for name, make in ROW_ANNOTATIONS.items()})
    return queryset


def post_for_page(*, community_slug: str, post_id: int, viewer) -> Post:
    """The post of a post page, with its community, author profile and the
    viewer's vote (1 query) and tags (1 query). 404 when the viewer may not
    see it, exactly as when it does not exist."""
    queryset = _with_viewer_state(
        Post.objects.visible_to(viewer).select_related("community", "author__profile"), viewer
    ).prefetch_related("tags")
    return get_object_or_404(queryset, pk=post_id, community__slug=community_slug)


def post_for_action(*, community_slug: str, post_id: int, viewer) -> Post:
    """A post the viewer may see, for edit/delete/vote (1 query, no tags)."""
    queryset = _with_viewer_state(
        Post.objects.visible_to(viewer).select_related("community", "author__profile"), viewer
    )
    return get_object_or_404(queryset, pk=post_id, community__slug=community_slug)


def post_for_viewer(post_id: int, viewer: Actor) -> Post:
    """A post the viewer may read, by id alone (the API's address), with
    what a post shows (2 queries: the post with its community, author
    profile and the viewer's vote; its tags). 404 otherwise, exactly as
    when it does not exist."""
    queryset = _with_viewer_state(
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
    post row shows (1 query for the rows, their thumbnail image included, +
    1 for their tags), each row marked `author_blocked` and `user_saved`
    for members (EXISTS in the same query)."""
    return with_author_blocked(
        _with_viewer_state(
            Post.objects.visible_to(viewer)
            .listable()
            .select_related("community", "author__profile", "thumbnail")
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


# --- the member's mutes and keyword filters ---------------------------------------


@dataclass(frozen=True)
class FeedPage(Page[Post]):
    """A page of a feed the member shapes: `hidden` counts the rows of this
    page their keyword filters took out."""

    hidden: int = 0


def without_muted(queryset: QuerySet, viewer: Actor) -> QuerySet:
    """Leave out the communities the member muted (a NOT EXISTS in the same
    query; visitors mute nothing)."""
    if not viewer.is_authenticated:
        return queryset
    muted = CommunityMute.objects.filter(user=viewer, community_id=OuterRef("community_id"))
    return queryset.exclude(Exists(muted))


def with_filter_match(queryset: QuerySet, viewer: Actor) -> QuerySet:
    """Annotate `filtered`: the title contains one of the member's keyword
    filters (an EXISTS in the same query). The phrase is the right side of
    an icontains lookup on an expression, so Django escapes LIKE's
    wildcards in it: a filter is matched literally, never as a pattern."""
    if not viewer.is_authenticated:
        return queryset
    match = KeywordFilter.objects.filter(IContains(OuterRef("title"), F("phrase")), user=viewer)
    return queryset.annotate(filtered=Exists(match))


def shaped_page(
    queryset: QuerySet, viewer: Actor, params: FeedParams, *, page_size: int = FEED_PAGE_SIZE
) -> FeedPage:
    """A feed page without the muted communities and with the filtered
    posts taken out of the page (counted in `hidden`): the queries of
    `queryset`, no more. The cursor still moves past the hidden rows."""
    page = sorted_page(
        with_filter_match(without_muted(queryset, viewer), viewer), params, page_size=page_size
    )
    shown = [post for post in page.items if not getattr(post, "filtered", False)]
    return FeedPage(items=shown, next_cursor=page.next_cursor, hidden=len(page.items) - len(shown))


def muted_communities(viewer: User) -> list[CommunityMute]:
    """The member's muted communities, by name (1 query)."""
    return list(
        CommunityMute.objects.filter(user=viewer)
        .select_related("community")
        .order_by("community__name", "id")
    )


def keyword_filters(viewer: User) -> list[KeywordFilter]:
    """The member's keyword filters, alphabetical (1 query)."""
    return list(KeywordFilter.objects.filter(user=viewer).order_by("phrase", "id"))


def is_muted(viewer: Actor, community: Community) -> bool:
    """Whether the viewer muted `community` (1 query for members, none for visitors)."""
    if not viewer.is_authenticated:
        return False
    return CommunityMute.objects.filter(user=viewer, community=community).exists()


# --- the member's reading languages ----------------------------------------------


def in_reading_languages(queryset: QuerySet, viewer: Actor) -> QuerySet:
    """Only the posts in the languages the member reads (a condition in the
    same query; the languages come with the profile, loaded with the user).
    Visitors and members who chose none read every language. Posts older
    than the language field (blank) stay in every feed."""
    languages = reading_languages(viewer)
    if not languages:
        return queryset
    return queryset.filter(language__in=[*languages, ""])


def with_language(queryset: QuerySet, language: str | None) -> QuerySet:
    """Only the posts in `language` (a shipped code, checked by the caller)."""
    return queryset if not language else queryset.filter(language=language)


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


def front_page(viewer: User | AnonymousUser, params: FeedParams) -> FeedPage:
    """Signed in: posts from joined communities and followed members (only
    those the viewer may read), without muted communities and filtered
    titles, in the languages they read. Visitors: every public post. 2 queries."""
    queryset = in_reading_languages(feed_queryset(viewer), viewer)
    if viewer.is_authenticated:
        joined = Membership.objects.filter(user=viewer).values("community_id")
        followed = Follow.objects.filter(follower=viewer).values("followee_id")
        queryset = queryset.filter(Q(community_id__in=joined) | Q(author_id__in=followed))
    else:
        queryset = queryset.exclude(community__visibility=Visibility.PRIVATE)
    return shaped_page(queryset, viewer, params)


def all_page(viewer: User | AnonymousUser, params: FeedParams) -> FeedPage:
    """/all/: every post of a non-private community, without the member's
    muted communities and filtered titles, in the languages they read (2 queries)."""
    queryset = in_reading_languages(feed_queryset(viewer), viewer).exclude(
        community__visibility=Visibility.PRIVATE
    )
    return shaped_page(queryset, viewer, params)


def community_page(
    viewer: User | AnonymousUser, community: Community, params: FeedParams
) -> Page[Post]:
    """A community's feed without its pinned posts, in the languages the
    viewer reads (2 queries); the caller already checked the viewer may read
    the community. Pinned posts (pinned_posts) show whatever their language:
    the moderators chose them for everyone."""
    queryset = in_reading_languages(feed_queryset(viewer), viewer).filter(
        community=community, is_pinned=False
    )
    return sorted_page(queryset, params)


def pinned_posts(viewer: User | AnonymousUser, community: Community) -> list[Post]:
    """Up to PINNED_MAX pinned posts of a community, newest first (2 queries)."""
    return list(
        feed_queryset(viewer)
        .filter(community=community, is_pinned=True)
        .order_by("-created", "-id")[:PINNED_MAX]
    )


def tag_page(viewer: User | AnonymousUser, tag: Tag, params: FeedParams) -> Page[Post]:
    """Posts with `tag` that the viewer may read, in the languages they read
    (2 queries)."""
    return sorted_page(in_reading_languages(feed_queryset(viewer), viewer).filter(tags=tag), params)


def filtered_page(
    viewer: Actor,
    params: FeedParams,
    *,
    community: Community | None = None,
    tag: Tag | None = None,
    author: User | None = None,
    language: str | None = None,
    page_size: int = FEED_PAGE_SIZE,
) -> Page[Post]:
    """Posts the viewer may read, narrowed by any of community, tag, author
    and language (AND), pinned ones in their place (the API's list; 2
    queries). An explicit `language` asks for exactly that, whatever the
    member reads."""
    queryset = with_language(feed_queryset(viewer), language)
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
