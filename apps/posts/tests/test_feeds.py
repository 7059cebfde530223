"""Feed pages: what they show, and that their query count does not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.media.tests.factories import make_image
from apps.posts import services
from apps.posts.models import Post
from apps.profiles.services import follow_create
from apps.tags.models import Tag

from .conftest import add_member, make_post, quick_posts

pytestmark = pytest.mark.django_db


@pytest.fixture
def populate(community, owner, member, private_community, author):
    """`count` listable posts with tags, votes and a thumbnail in a public
    community, plus a private post that must never show to outsiders."""

    def build(count):
        posts = quick_posts(owner, community, count)
        tags = [Tag.objects.create(slug=f"topic-{i}", name=f"topic-{i}") for i in range(3)]
        for post in posts:
            post.tags.add(*tags)
        # Every row shows a thumbnail: it comes with the rows' own query.
        thumbnail = make_image(owner)
        Post.objects.filter(pk__in=[post.pk for post in posts]).update(thumbnail=thumbnail)
        add_member(community, member)
        follow_create(follower=member, followee=owner)
        for post in posts[:3]:
            services.post_vote(user=member, post=post, value=1)
        pinned = posts[-1]
        Post.objects.filter(pk=pinned.pk).update(is_pinned=True)
        secret = make_post(owner, private_community, title="Secret plans", tags="topic-0")
        return posts, secret

    return build


FEEDS = {
    # name: (url builder, max queries anonymous, max queries signed in)
    "front": (lambda: reverse("home"), 2, 4),
    "all": (lambda: reverse("posts:all"), 2, 3),
    # Members: +1 for whether they muted the community (its Mute/Unmute control).
    "community": (lambda: reverse("communities:detail", args=["gardening"]), 5, 9),
    "tag": (lambda: reverse("tags:detail", args=["topic-0"]), 3, 4),
    "member": (lambda: reverse("posts:by_member", args=["olivia"]), 3, 5),
}


@pytest.mark.parametrize("count", [5, 40])
@pytest.mark.parametrize("feed", list(FEEDS))
@pytest.mark.parametrize("signed_in", [False, True])
def test_feed_queries_are_constant(
    client, member, populate, feed, count, signed_in, django_assert_max_num_queries
):
    populate(count)
    url, anonymous_bound, member_bound = FEEDS[feed]
    if signed_in:
        client.force_login(member)
    bound = member_bound if signed_in else anonymous_bound
    with django_assert_max_num_queries(bound), CaptureQueriesContext(connection) as queries:
        response = client.get(url(), {"sort": "hot"})
    assert response.status_code == 200
    assert len(response.context["page"].items) == min(count - (feed == "community"), 25)
    sql = " ".join(query["sql"].upper() for query in queries.captured_queries)
    assert "COUNT(" not in sql
    assert "OFFSET" not in sql
    assert b"Secret plans" not in response.content
    assert response.content.count(b'class="post-row-thumb"') >= min(count - 1, 24)


@pytest.mark.parametrize("feed", list(FEEDS))
@pytest.mark.parametrize(
    "params",
    [
        {"sort": "bogus", "t": "century"},
        {"sort": "top", "t": "day"},
        {"sort": "controversial", "t": "all"},
        {"sort": "new", "cursor": "tampered!!"},
        {"sort": "active", "cursor": "eyJhIjoxfQ"},
    ],
)
def test_feeds_accept_any_parameters(client, populate, feed, params):
    populate(3)
    assert client.get(FEEDS[feed][0](), params).status_code == 200


def test_feed_pages_follow_the_cursor(client, community, owner):
    quick_posts(owner, community, 30)
    first = client.get(reverse("posts:all"), {"sort": "new"})
    next_cursor = first.context["page"].next_cursor
    assert next_cursor
    assert f"cursor={next_cursor}".encode() in first.content
    second = client.get(reverse("posts:all"), {"sort": "new", "cursor": next_cursor})
    seen = [p.pk for p in first.context["page"]] + [p.pk for p in second.context["page"]]
    assert len(set(seen)) == 30
    assert second.context["page"].next_cursor is None


def test_private_posts_never_show_to_outsiders(client, populate, outsider, member):
    populate(3)
    for who in (None, outsider):
        if who:
            client.force_login(who)
        for url in (
            reverse("home"),
            reverse("posts:all"),
            reverse("tags:detail", args=["topic-0"]),
            reverse("posts:by_member", args=["olivia"]),
        ):
            assert b"Secret plans" not in client.get(url).content, url
        assert client.get(reverse("communities:detail", args=["secret-garden"])).status_code == 404


def test_home_is_the_feed(client, member, community, owner):
    assert reverse("home") == "/"
    make_post(owner, community, title="Hello world")
    response = client.get("/")
    assert "posts/home.html" in [t.name for t in response.templates]
    assert b"Hello world" in response.content
    client.force_login(member)
    response = client.get("/")
    assert response.context["personal"] is False  # nothing joined: everything public
    add_member(community, member)
    response = client.get("/")
    assert response.context["personal"] is True
    assert b"Hello world" in response.content


def test_community_feed_shows_pinned_first_and_header(client, community, owner, member):
    quick_posts(owner, community, 3)
    pinned = make_post(owner, community, title="Welcome, read the rules")
    Post.objects.filter(pk=pinned.pk).update(is_pinned=True)
    client.force_login(member)
    response = client.get(reverse("communities:detail", args=["gardening"]))
    content = response.content.decode()
    assert content.index("Welcome, read the rules") < content.index("Post 0")
    assert 'id="membership-box"' in content
    assert reverse("posts:submit", args=["gardening"]) in content


def test_rows_show_states_and_escape_titles(client, community, owner, member):
    post = make_post(owner, community, title='<img src=x onerror="alert(1)"> tips', tags="herbs")
    Post.objects.filter(pk=post.pk).update(edited_at=post.created, comment_count=1234)
    client.force_login(member)
    services.post_vote(user=member, post=post, value=1)
    response = client.get(reverse("communities:detail", args=["gardening"]))
    content = response.content.decode()
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; tips" in content
    assert "<img src=x" not in content
    assert "edited" in content
    assert "1,234 comments" in content
    assert 'href="/t/herbs/"' in content
    assert 'aria-pressed="true"' in content
    assert f'datetime="{post.created.isoformat(timespec="seconds")[:19]}' in content


def test_member_posts_tab_uses_the_profile_header(client, community, owner):
    make_post(owner, community, title="By Olivia")
    response = client.get(reverse("posts:by_member", args=["OLIVIA"]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "By Olivia" in content
    assert f'href="{reverse("posts:by_member", args=["olivia"])}" aria-current="page"' in content
    assert client.get(reverse("posts:by_member", args=["nobody"])).status_code == 404


def test_unknown_tag_is_404(client, db):
    assert client.get(reverse("tags:detail", args=["nope"])).status_code == 404
