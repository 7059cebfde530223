"""What each feed shows: its title, its page, the version it follows and its
posts, read through apps.posts.selectors as a visitor sees them.

A feed is resolved in two steps so that a cached feed costs only the first:
`*_source(...)` finds the community, tag or member (at most 1 query, 404
for what a visitor may not see) and `FeedSource.posts(sort)` reads the
posts (2 queries: the rows with community and author profile, their tags).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext

from apps.communities import selectors as community_selectors
from apps.core.html import html_to_text
from apps.posts import selectors as post_selectors
from apps.posts.models import Post
from apps.profiles import selectors as profile_selectors
from apps.tags.selectors import tag_by_slug

# Feeds are public documents, cached for everybody: whoever asks, they show
# what a visitor sees.
VISITOR = AnonymousUser()

FEED_SORTS = ("new", "hot")
DEFAULT_FEED_SORT = "new"


def feed_sort(query) -> str:
    """`?sort=hot` or newest first: any other value falls back to new."""
    sort = query.get("sort", "")
    return sort if sort in FEED_SORTS else DEFAULT_FEED_SORT


@dataclass(frozen=True)
class FeedSource:
    kind: str
    # What names this feed in its cache key (a slug, a username, or "").
    ident: str
    # The listing's own name, already translated ("All posts", "#tomatoes").
    name: str
    description: str
    # The path of the HTML page the feed mirrors.
    page_path: str
    # The feed's own URL name and arguments (canonical: one cached body
    # answers /feeds/u/Pablo/ and /feeds/u/pablo/rss/, so its self link
    # cannot come from the request's path).
    url_name: str
    url_args: tuple[str, ...]
    # Whose cache version the feed follows: a community's, or the global one.
    community_id: int | None
    _load: Callable[[post_selectors.FeedParams], list[Post]]

    def title(self, sort: str) -> str:
        return " · ".join([self.name, str(post_selectors.SORTS[sort]), settings.SITE_NAME])

    def posts(self, sort: str) -> list[Post]:
        """The first page of posts in `sort` order (2 queries)."""
        return self._load(post_selectors.FeedParams(sort=sort))


def front_source() -> FeedSource:
    """Every post of a non-private community: /all/ as a visitor sees it (0 queries)."""
    name = gettext("All posts")
    return FeedSource(
        kind="front",
        ident="",
        name=name,
        description=name,
        page_path=reverse("posts:all"),
        url_name="feeds:front",
        url_args=(),
        community_id=None,
        _load=lambda params: post_selectors.all_page(VISITOR, params).items,
    )


def community_source(slug: str) -> FeedSource:
    """A community's posts (1 query); 404 for a private or unknown community.

    Pinned posts are listed in their place rather than left out as on the
    community page (where they sit on top): an announcement must reach the
    subscribers too."""
    community = community_selectors.community_for_viewer(slug, VISITOR)
    return FeedSource(
        kind="community",
        ident=community.slug,
        name=community.name,
        description=html_to_text(community.description) or community.name,
        page_path=community.get_absolute_url(),
        url_name="feeds:community",
        url_args=(community.slug,),
        community_id=community.pk,
        _load=lambda params: (
            post_selectors.filtered_page(VISITOR, params, community=community).items
        ),
    )


def tag_source(slug: str) -> FeedSource:
    """A tag's posts in the communities a visitor may read (1 query); 404
    for an unknown tag. Tags mix communities: the feed follows the global
    version."""
    tag = tag_by_slug(slug)
    name = f"#{tag.name}"
    return FeedSource(
        kind="tag",
        ident=tag.slug,
        name=name,
        description=name,
        page_path=tag.get_absolute_url(),
        url_name="feeds:tag",
        url_args=(tag.slug,),
        community_id=None,
        _load=lambda params: post_selectors.tag_page(VISITOR, tag, params).items,
    )


def member_source(username: str) -> FeedSource:
    """An active member's posts that a visitor may read (1 query); 404 for
    an unknown or deactivated member."""
    member = profile_selectors.member_by_username(username)
    # Translators: %(name)s is a member's display name.
    name = gettext("Posts by %(name)s") % {"name": member.profile.name}
    return FeedSource(
        kind="member",
        ident=member.username.lower(),
        name=name,
        description=name,
        page_path=reverse("posts:by_member", args=[member.username]),
        url_name="feeds:member",
        url_args=(member.username,),
        community_id=None,
        _load=lambda params: post_selectors.member_posts_page(VISITOR, member, params).items,
    )
