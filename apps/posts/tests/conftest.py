"""Post fixtures on top of the community personas (imported from
apps.communities.tests.conftest so the same people play every role)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.communities.tests.conftest import (  # noqa: F401 - fixtures used by the tests
    add_member,
    banned_member,
    community,
    make_community,
    moderator,
    outsider,
    owner,
    private_community,
    restricted_community,
)
from apps.posts.models import Post
from apps.posts.ranking import hot
from apps.posts.tests.factories import make_post
from conftest import make_member


def quick_posts(author, community, count: int, **fields) -> list[Post]:  # noqa: F811
    """Many posts at once for feed tests (bypasses the service; counters set by hand)."""
    now = timezone.now()
    posts = []
    for index in range(count):
        created = fields.get("created", now - timedelta(minutes=index))
        score = fields.get("score", 0)
        posts.append(
            Post(
                community=community,
                author=author,
                title=f"Post {index}",
                slug=f"post-{index}",
                body_html="<p>Body</p>",
                body_text="Body",
                created=created,
                last_activity_at=created,
                score=score,
                upvotes=max(score, 0),
                downvotes=max(-score, 0),
                hot=hot(score, created),
            )
        )
    return Post.objects.bulk_create(posts)


@pytest.fixture
def author(db):
    return make_member("alba")


@pytest.fixture
def post(author, community):  # noqa: F811
    return make_post(author, community, title="Tomatoes in winter", tags="tomatoes, winter")
