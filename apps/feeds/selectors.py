"""Reads of custom feeds. Each function says what it costs in queries.

A custom feed's page is the posts' own feed, narrowed to its communities:
`feed_queryset` (what the viewer may read: private communities they are not
in are skipped, silently), the viewer's reading languages, then
`shaped_page` (their muted communities and keyword filters) on keyset pages,
so it costs what /all/ costs (2 queries) whatever the number of
communities or posts. Whoever reads a shared feed sees it as themselves.
"""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from apps.accounts.models import User
from apps.accounts.types import Actor
from apps.communities.models import Community, Membership
from apps.posts import selectors as post_selectors

from .models import CustomFeed, CustomFeedCommunity, FeedVisibility


def _by_name(queryset: QuerySet) -> QuerySet:
    return queryset.order_by("name", "id")


def custom_feeds_of(owner: User) -> list[CustomFeed]:
    """The member's feeds by name, each with its communities by name (2 queries)."""
    communities = Prefetch("communities", queryset=_by_name(Community.objects.all()))
    return list(
        _by_name(CustomFeed.objects.filter(owner=owner))
        .annotate(community_count=Count("entries"))
        .prefetch_related(communities)
    )


def custom_feed_count(owner: User) -> int:
    """How many feeds the member has (1 query)."""
    return CustomFeed.objects.filter(owner=owner).count()


def custom_feed_for_owner(owner: Actor, slug: str) -> CustomFeed:
    """The viewer's own feed at /f/<slug>/ (1 query); 404 for anyone else,
    exactly as for a feed that does not exist."""
    if not owner.is_authenticated:
        raise Http404
    try:
        return CustomFeed.objects.get(owner=owner, slug=slug)
    except CustomFeed.DoesNotExist:
        raise Http404 from None


def custom_feed_by_id(owner: Actor, feed_id: int) -> CustomFeed:
    """The viewer's own feed by id (the API's address; 1 query), 404 otherwise."""
    if not owner.is_authenticated:
        raise Http404
    try:
        return CustomFeed.objects.get(owner=owner, pk=feed_id)
    except CustomFeed.DoesNotExist:
        raise Http404 from None


def shared_custom_feed(token: str) -> CustomFeed:
    """The feed a share link opens, with its owner's profile (1 query); 404
    for an unknown token, a regenerated one, or a feed made private again."""
    try:
        return CustomFeed.objects.select_related("owner__profile").get(
            share_token=token, visibility=FeedVisibility.SHARED
        )
    except CustomFeed.DoesNotExist:
        raise Http404 from None


def feed_communities(feed: CustomFeed, viewer: Actor) -> list[Community]:
    """The feed's communities that `viewer` may read, by name (1 query): a
    shared link never names a private community its reader is not in."""
    return list(
        _by_name(Community.objects.visible_to(viewer).filter(custom_feed_entries__feed=feed))
    )


def community_choices(owner: User, feed: CustomFeed | None = None) -> list[Community]:
    """The communities the feed form offers, by name (1 query): those the
    member joined, and those the feed already holds."""
    joined = Membership.objects.filter(user=owner).values("community_id")
    condition = Q(pk__in=joined)
    if feed is not None:
        held = CustomFeedCommunity.objects.filter(feed=feed).values("community_id")
        condition |= Q(pk__in=held)
    return list(_by_name(Community.objects.filter(condition)))


def custom_feed_page(
    viewer: Actor,
    feed: CustomFeed,
    params: post_selectors.FeedParams,
    *,
    page_size: int = post_selectors.FEED_PAGE_SIZE,
) -> post_selectors.FeedPage:
    """The posts of the feed's communities that `viewer` may read, in the
    languages they read, without their muted communities and filtered
    titles; pinned posts in their place (2 queries)."""
    held = CustomFeedCommunity.objects.filter(feed=feed).values("community_id")
    queryset = post_selectors.in_reading_languages(
        post_selectors.feed_queryset(viewer), viewer
    ).filter(community_id__in=held)
    return post_selectors.shaped_page(queryset, viewer, params, page_size=page_size)
