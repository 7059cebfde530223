"""Addresses a feed row draws (the post, its vote and save actions, its
community, author and tags), built from patterns reversed once per request
instead of ~7 `reverse()` calls per row (issue 13). Same strings as the
models' `get_*_url` (tests/posts: test_feed_links)."""

import re
from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

# What reverse() leaves unquoted in a path (django.urls.resolvers).
_SAFE = RFC3986_SUBDELIMS + "/~:@"
# Stand-ins for the arguments: plain lowercase ASCII (a valid slug, username and post
# slug) and an id; reverse() escapes neither.
_MARK = "qzqmarkqzq"
_ID = 987654321987
_CUT = re.compile(f"{_MARK}|{_ID}")


def _pattern(name: str, *args: type) -> list[str]:
    """`name` reversed with a stand-in for each argument (`str` or `int`), cut
    at those places (the arguments appear in the path in their order)."""
    marked = [_ID if arg is int else _MARK for arg in args]
    parts = _CUT.split(reverse(name, args=marked))
    if len(parts) != len(args) + 1:  # a stand-in met in the pattern itself
        raise ValueError(f"{name}: {parts}")
    return parts


# What quote() would leave as it is (slugs, ids, most usernames): skip it.
_PLAIN = re.compile(r"[A-Za-z0-9_.~-]*\Z")


def _fill(parts: list[str], *values: object) -> str:
    out = [parts[0]]
    for value, part in zip(values, parts[1:], strict=True):
        text = str(value)
        out.append(text if _PLAIN.match(text) else quote(text, safe=_SAFE))
        out.append(part)
    return "".join(out)


class FeedLinks:
    """The addresses of one page's rows. Each argument goes into a pattern
    reversed once, quoted as reverse() quotes it; the values come from the
    database, which already satisfied the URL converters when they were
    written (slugs, ids, usernames)."""

    def __init__(self) -> None:
        self._post = _pattern("comments:post_detail", str, int, str)
        self._vote = _pattern("posts:vote", str, int)
        self._save = _pattern("posts:save", str, int)
        self._community = _pattern("communities:detail", str)
        self._profile = _pattern("profiles:detail", str)
        self._tag = _pattern("tags:detail", str)

    def post(self, post) -> str:
        return _fill(self._post, post.community.slug, post.pk, post.slug or "-")

    def vote(self, post) -> str:
        return _fill(self._vote, post.community.slug, post.pk)

    def save(self, post) -> str:
        return _fill(self._save, post.community.slug, post.pk)

    def community(self, community) -> str:
        return _fill(self._community, community.slug)

    def profile(self, username: str) -> str:
        return _fill(self._profile, username)

    def tag(self, tag) -> str:
        return _fill(self._tag, tag.slug)
