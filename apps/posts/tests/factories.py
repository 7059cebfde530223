"""The one post factory of the test suite (apps, tests/api, search, cache).

By default a post is published the way a member publishes one, through
`post_create`: sanitized, tagged, counted, its events sent, so a test sees
the data the site would hold. `raw=True` stores the row directly (model-bakery
fills what the test does not name), for the tests that need a post the rules
would refuse or a row with chosen fields: a fixed or empty slug, a
non-member's post, set counters. A raw post moves no counter.
"""

from model_bakery import baker

from apps.core.html import html_to_text
from apps.posts.models import Post
from apps.posts.services import post_create, post_slug


def make_post(
    author,
    community,
    title: str = "Tomatoes in winter",
    body: str = "<p>Light!</p>",
    *,
    raw: bool = False,
    **extra,
) -> Post:
    """A post by `author` in `community`; `extra` goes to post_create (link,
    tags, idempotency_key, client_ip) or, with `raw`, to the model (slug,
    score, created...)."""
    if not raw:
        return post_create(author=author, community=community, title=title, body=body, **extra)
    slug = extra.pop("slug", None)
    return baker.make(
        Post,
        author=author,
        community=community,
        title=title,
        slug=post_slug(title) if slug is None else slug,
        body_html=body,
        body_text=html_to_text(body),
        **extra,
    )
