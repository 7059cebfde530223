"""RSS 2.0 and Atom 1.0 feeds of the public listings (issue 11, point 7).

Addresses (the format is the last path segment; without one it is RSS):

    /feeds/                        front page: every public post, as /all/ shows a visitor
    /feeds/<rss|atom>/             the same
    /feeds/c/<slug>/[rss|atom/]    a community
    /feeds/t/<slug>/[rss|atom/]    a tag
    /feeds/u/<username>/[rss|atom/] a member's posts

`?sort=hot` lists by hot rank; anything else (or nothing) lists newest
first. Each feed holds the first 25 posts.

Feeds are read by feed readers without a session and are cached for
everybody, so they always show what a visitor sees (`sources.VISITOR`),
through the posts' own selectors: private communities are 404 and their
posts, like removed or deleted ones, never appear.

Each response is cached under the feed cache version that content events
bump (apps/core/cache.py), and answers conditional requests (ETag,
Last-Modified → 304), see `views`. Nothing imports this app.
"""
