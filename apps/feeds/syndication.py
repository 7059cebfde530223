"""How posts become feed items, with Django's syndication framework.

One `PostFeed` is made per request (it holds the request, for absolute
URLs) and handed a `FeedPage`: the source and its posts, already read.
Links are absolute from the request's scheme and host, like the API's;
the cache key of a rendered feed names them (views.py).
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import format_html

from apps.posts.models import Post

from .sources import FeedSource


class AtomFeed(feedgenerator.Atom1Feed):
    """Atom with the post's HTML as the entry's <content type="html"> (the
    full text, which is what a post is) rather than as its <summary>."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"]:
            handler.addQuickElement("content", item["description"], {"type": "html"})


FEED_TYPES: dict[str, type[feedgenerator.RssFeed | feedgenerator.Atom1Feed]] = {
    "rss": feedgenerator.Rss201rev2Feed,
    "atom": AtomFeed,
}


@dataclass(frozen=True)
class FeedPage:
    source: FeedSource
    sort: str
    posts: list[Post]


class PostFeed(Feed):
    def __init__(self, request: HttpRequest, feed_format: str):
        self.request = request
        self.feed_format = feed_format
        self.feed_type = FEED_TYPES[feed_format]

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    # --- the feed -------------------------------------------------------------

    def title(self, page: FeedPage) -> str:
        return page.source.title(page.sort)

    def description(self, page: FeedPage) -> str:
        return page.source.description

    def link(self, page: FeedPage) -> str:
        return self.absolute(page.source.page_path + ("?sort=hot" if page.sort == "hot" else ""))

    def feed_url(self, page: FeedPage) -> str:
        # The feed's own address, its sort included (Atom's rel="self").
        path = reverse(page.source.url_name, args=[*page.source.url_args, self.feed_format])
        return self.absolute(path + ("?sort=hot" if page.sort == "hot" else ""))

    def feed_guid(self, page: FeedPage) -> str:
        # Atom's feed id: the RSS and Atom feeds of one listing, or its two
        # sorts, are different feeds.
        return self.feed_url(page)

    def items(self, page: FeedPage) -> list[Post]:
        return page.posts

    # --- each post ------------------------------------------------------------

    def item_title(self, post: Post) -> str:
        # Plain text: the feed generator escapes it for XML (and Atom titles
        # are type="text"), so no HTML escaping on top.
        return post.title

    def item_link(self, post: Post) -> str:
        return self.absolute(post.get_absolute_url())

    def item_guid(self, post: Post) -> str:
        """A tag: URI (RFC 4151) by post id: stable when the title, hence the
        slug in the link, changes."""
        domain, _port = split_domain_port(self.request.get_host())
        return f"tag:{domain or 'localhost'},{post.created:%Y-%m-%d}:post/{post.pk}"

    item_guid_is_permalink = False

    def item_description(self, post: Post) -> str:
        """The stored sanitized HTML; a link post leads with its link."""
        if not post.link:
            return post.body_html
        return format_html('<p><a href="{}">{}</a></p>', post.link, post.link) + post.body_html

    def item_author_name(self, post: Post) -> str | None:
        # A deleted account leaves its posts without an author.
        return post.author.profile.name if post.author is not None else None

    def item_author_link(self, post: Post) -> str | None:
        if post.author is None:
            return None
        return self.absolute(reverse("profiles:detail", args=[post.author.username]))

    def item_pubdate(self, post: Post) -> datetime:
        return post.created

    def item_updateddate(self, post: Post) -> datetime:
        # Atom requires <updated> on every entry.
        return post.edited_at or post.created

    def item_categories(self, post: Post) -> list[str]:
        return [tag.name for tag in post.tags.all()]  # prefetched by the selector


def item_time(post: Post) -> datetime:
    """When a post last changed as a feed item: its edit, or its creation."""
    return post.edited_at or post.created
