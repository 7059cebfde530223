"""Every list endpoint runs the same number of queries at two sizes: rows
never cost a query each (authors, profiles, communities, tags, votes)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.comments.models import Comment
from apps.communities.tests.conftest import add_member, make_community
from apps.posts.models import Post, PostVote
from apps.profiles.models import Follow
from apps.tags.models import Tag
from conftest import make_member

from .conftest import bearer, make_comment, make_post, make_token

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 12


@pytest.fixture
def reader(api, member):
    """A member reading with a token (its last_used already recorded)."""
    api.credentials(**bearer(make_token(member)))
    api.get("/api/v1/me/")
    return api


def grow_communities(owner, viewer, start, count):
    for index in range(start, start + count):
        community = make_community(owner, f"community-{index}")
        if index % 2:
            add_member(community, viewer)


def grow_posts(community, start, count):
    for index in range(start, start + count):
        author = make_member(f"writer{index}")
        post = make_post(
            author, community, title=f"Post {index}", tags=f"tag{index}, common, other{index}"
        )
        PostVote.objects.create(post=post, user=author, value=1)


def grow_comments(post, start, count, regular):
    for index in range(start, start + count):
        author = make_member(f"commenter{index}")
        root = make_comment(author, post, f"Root {index}")
        make_comment(author, post, f"Reply {index}", parent=root)
        make_comment(regular, post, f"Regular {index}", parent=root)


def grow_followers(member, start, count):
    from apps.profiles.services import follow_create

    for index in range(start, start + count):
        fan = make_member(f"fan{index}")
        follow_create(follower=fan, followee=member)
        follow_create(follower=member, followee=fan)


def queries_of(client, url, params=None) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.content
    return len(captured), len(response.json()["results"])


# Bounds: 1 query for the token (member and profile joined), then the list's
# own: 1 for the page (+1 for the posts' tags; +1 per filter resolved; the
# thread: the post, its tags, the viewer's membership and ban, the tree).
CASES = {
    # name: (url, params, bound)
    "communities": ("/api/v1/communities/", {"sort": "name"}, 2),
    "posts": ("/api/v1/posts/", {"sort": "new"}, 3),
    "posts_filtered": (
        "/api/v1/posts/",
        {"community": "gardening", "tag": "common", "sort": "top", "t": "all"},
        5,
    ),
    "comments": ("/api/v1/posts/{post}/comments/", {}, 5),
    "followers": ("/api/v1/profiles/marta/followers/", {}, 3),
    "following": ("/api/v1/profiles/marta/following/", {}, 3),
    "member_comments": ("/api/v1/profiles/marta/comments/", {}, 3),
    "tags": ("/api/v1/tags/", {}, 2),
}


@pytest.mark.parametrize("name", list(CASES))
def test_list_query_count_is_constant(
    reader, member, owner, community, name, author, django_assert_max_num_queries
):
    post = make_post(author, community, title="The thread")
    url, params, bound = CASES[name]
    url = url.format(post=post.pk)

    def grow(start, count):
        grow_communities(owner, member, start, count)
        grow_posts(community, start, count)
        grow_comments(post, start, count, member)
        grow_followers(member, start, count)

    grow(0, SMALL)
    with django_assert_max_num_queries(bound):
        count_small, rows_small = queries_of(reader, url, params)
    grow(SMALL, LARGE - SMALL)
    with django_assert_max_num_queries(bound):
        count_large, rows_large = queries_of(reader, url, params)
    assert rows_large > rows_small
    assert count_small == count_large


def test_the_fixtures_grow_what_the_lists_show(member, owner, community, author):
    post = make_post(author, community, title="The thread")
    grow_posts(community, 0, 2)
    grow_comments(post, 0, 2, member)
    assert Post.objects.count() == 3 and Comment.objects.count() == 6
    assert Tag.objects.filter(slug="common").exists()
    grow_followers(member, 0, 2)
    assert Follow.objects.count() == 4
