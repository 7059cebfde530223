"""Custom feed pages: build, edit, share, read; refusals shown, query counts fixed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.feeds import services
from apps.feeds.models import CustomFeed
from apps.posts.models import CommunityMute, KeywordFilter
from conftest import make_member

from .conftest import add_member, make_community, make_post, quick_posts

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


def build(owner, name="Green", **fields):
    return services.custom_feed_create(owner=owner, name=name, **fields)


def test_list_page_shows_my_feeds_and_the_form(reader_client, reader, other_member):
    build(reader, "Mine", communities=["gardening"])
    build(other_member, "Theirs")
    response = reader_client.get(reverse("custom_feeds:list"))
    assert response.status_code == 200
    assert b"Mine" in response.content
    assert b"Theirs" not in response.content
    # The community picker works without JavaScript: checkboxes of joined communities.
    assert b'type="checkbox" name="communities" value="gardening"' in response.content


def test_list_page_asks_visitors_to_log_in(client):
    response = client.get(reverse("custom_feeds:list"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_building_a_feed_redirects_to_it(reader_client, reader, owner):
    make_community(owner, "python")
    response = reader_client.post(
        reverse("custom_feeds:list"),
        {
            "name": "Green things",
            "visibility": "private",
            "communities": ["gardening"],
            "more": "c/python, ",
        },
    )
    feed = CustomFeed.objects.get(owner=reader)
    assert response.status_code == 302
    assert response["Location"] == reverse("custom_feeds:detail", args=["green-things"])
    assert sorted(feed.communities.values_list("slug", flat=True)) == ["gardening", "python"]


@pytest.mark.parametrize(
    ("data", "field", "text"),
    [
        ({"name": ""}, "name", "Give your feed a name."),
        ({"name": "Dup"}, "name", "You already have a feed named"),
        ({"name": "New", "more": "secret-garden"}, "communities", "communities you can read"),
        ({"name": "New", "communities": ["secret-garden"]}, "communities", "you can read"),
    ],
)
def test_bad_input_is_shown_on_its_field_and_nothing_is_saved(
    reader_client, reader, private_community, data, field, text
):
    build(reader, "Dup")
    response = reader_client.post(reverse("custom_feeds:list"), {"visibility": "private", **data})
    assert response.status_code == 200
    assert text in " ".join(response.context["form"].errors[field])
    assert text.encode() in response.content
    assert CustomFeed.objects.filter(owner=reader).count() == 1


def test_too_many_feeds_is_a_form_error(reader_client, reader, settings):
    settings.QUORUM_CUSTOM_FEEDS_MAX = 1
    build(reader, "Only")
    response = reader_client.post(
        reverse("custom_feeds:list"), {"name": "More", "visibility": "private"}
    )
    assert response.status_code == 200
    assert "the most there can be" in " ".join(response.context["form"].non_field_errors())
    assert CustomFeed.objects.filter(owner=reader).count() == 1


def test_feed_page_lists_the_posts_of_its_communities(reader_client, reader, owner, community):
    python = make_community(owner, "python")
    other = make_community(owner, "other")
    make_post(owner, community, title="Tomatoes")
    make_post(owner, python, title="Decorators")
    make_post(owner, other, title="Elsewhere")
    build(reader, communities=["gardening", "python"])
    response = reader_client.get(reverse("custom_feeds:detail", args=["green"]), {"sort": "new"})
    assert response.status_code == 200
    assert "posts/_feed.html" in [t.name for t in response.templates]
    titles = [post.title for post in response.context["page"]]
    assert titles == ["Decorators", "Tomatoes"]


def test_feed_page_applies_mutes_and_keyword_filters(reader_client, reader, owner, community):
    python = make_community(owner, "python")
    make_post(owner, community, title="Tomatoes")
    make_post(owner, community, title="Politics today")
    make_post(owner, python, title="Decorators")
    CommunityMute.objects.create(user=reader, community=python)
    KeywordFilter.objects.create(user=reader, phrase="politics")
    build(reader, communities=["gardening", "python"])
    response = reader_client.get(reverse("custom_feeds:detail", args=["green"]))
    assert [post.title for post in response.context["page"]] == ["Tomatoes"]
    assert response.context["hidden"] == 1


def test_another_members_feed_address_is_a_404(client, reader, other_member):
    build(reader)
    client.force_login(other_member)
    assert client.get(reverse("custom_feeds:detail", args=["green"])).status_code == 404
    assert client.get(reverse("custom_feeds:edit", args=["green"])).status_code == 404
    assert client.post(reverse("custom_feeds:delete", args=["green"])).status_code == 404
    assert CustomFeed.objects.exists()


def test_shared_link_opens_the_feed_read_only_for_anyone(
    client, owner, community, private_community
):
    make_post(owner, community, title="Public tomatoes")
    make_post(owner, private_community, title="Secret plans")
    feed = build(owner, visibility="shared", communities=["gardening", "secret-garden"])
    url = reverse("custom_feeds:shared", args=[feed.share_token])
    # A visitor: the private community's posts and name are skipped, silently.
    response = client.get(url)
    assert response.status_code == 200
    assert b"Public tomatoes" in response.content
    assert b"Secret plans" not in response.content
    assert b"secret-garden" not in response.content
    assert b"Edit feed" not in response.content
    assert response["Referrer-Policy"] == "same-origin"
    # A member of the private community sees its posts through the same link.
    insider = make_member("ines")
    add_member(private_community, insider)
    client.force_login(insider)
    assert b"Secret plans" in client.get(url).content


def test_private_feed_or_old_token_is_a_404(client, reader):
    feed = build(reader)
    assert client.get(reverse("custom_feeds:shared", args=[feed.share_token])).status_code == 404
    services.custom_feed_update(
        actor=reader, feed=feed, name="Green", description="", visibility="shared", communities=[]
    )
    old = feed.share_token
    assert client.get(reverse("custom_feeds:shared", args=[old])).status_code == 200
    services.custom_feed_share_reset(actor=reader, feed=feed)
    assert client.get(reverse("custom_feeds:shared", args=[old])).status_code == 404
    # Unsharing, then sharing again, never reopens the link it closed.
    current = feed.share_token
    for visibility in ("private", "shared"):
        services.custom_feed_update(
            actor=reader,
            feed=feed,
            name="Green",
            description="",
            visibility=visibility,
            communities=[],
        )
    assert client.get(reverse("custom_feeds:shared", args=[current])).status_code == 404
    assert client.get(feed.get_share_url()).status_code == 200
    assert client.get(reverse("custom_feeds:shared", args=["made-up"])).status_code == 404


def test_edit_renames_shares_and_sets_communities(reader_client, reader, owner):
    make_community(owner, "python")
    feed = build(reader, communities=["gardening"])
    page = reader_client.get(reverse("custom_feeds:edit", args=["green"]))
    assert b'value="gardening" id="id_communities_0" checked' in page.content
    response = reader_client.post(
        reverse("custom_feeds:edit", args=["green"]),
        {"name": "Greener", "visibility": "shared", "more": "python"},
    )
    assert response.status_code == 302
    feed.refresh_from_db()
    assert (feed.name, feed.slug, feed.visibility) == ("Greener", "green", "shared")
    assert list(feed.communities.values_list("slug", flat=True)) == ["python"]
    page = reader_client.get(reverse("custom_feeds:edit", args=["green"]))
    assert feed.share_token.encode() in page.content


def test_edit_refusal_keeps_the_feed_unchanged(reader_client, reader, private_community):
    feed = build(reader, communities=["gardening"])
    response = reader_client.post(
        reverse("custom_feeds:edit", args=["green"]),
        {"name": "Changed", "visibility": "private", "communities": ["secret-garden"]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["communities"]
    feed.refresh_from_db()
    assert feed.name == "Green"
    assert list(feed.communities.values_list("slug", flat=True)) == ["gardening"]


def test_delete_share_reset_and_remove_community(reader_client, reader):
    feed = build(reader, communities=["gardening"], visibility="shared")
    old = feed.share_token
    reader_client.post(reverse("custom_feeds:share_reset", args=["green"]))
    feed.refresh_from_db()
    assert feed.share_token != old
    response = reader_client.post(
        reverse("custom_feeds:remove_community", args=["green", "gardening"])
    )
    assert response.status_code == 302
    assert not feed.communities.exists()
    response = reader_client.post(reverse("custom_feeds:delete", args=["green"]))
    assert response["Location"] == reverse("custom_feeds:list")
    assert not CustomFeed.objects.exists()


def test_add_to_a_feed_from_a_community_page(reader_client, reader, community):
    page = reader_client.get(community.get_absolute_url())
    add_url = reverse("custom_feeds:add_community", args=["gardening"])
    assert add_url.encode() in page.content
    feed = build(reader)
    assert reader_client.get(add_url).status_code == 200
    response = reader_client.post(add_url, {"feed": "green"})
    assert response["Location"] == feed.get_absolute_url()
    assert list(feed.communities.all()) == [community]
    assert reader_client.post(add_url, {"feed": "not-mine"}).status_code == 400


def test_add_to_a_feed_of_an_unreadable_community_is_a_404(reader_client, private_community):
    url = reverse("custom_feeds:add_community", args=["secret-garden"])
    assert reader_client.get(url).status_code == 404


def test_header_links_to_my_feeds(reader_client):
    response = reader_client.get(reverse("posts:all"))
    assert reverse("custom_feeds:list").encode() in response.content


@pytest.mark.parametrize(
    "params",
    [{"sort": "bogus", "t": "century"}, {"sort": "top", "t": "day"}, {"cursor": "tampered!!"}],
)
def test_feed_page_accepts_any_parameters(reader_client, reader, params):
    build(reader, communities=["gardening"])
    assert (
        reader_client.get(reverse("custom_feeds:detail", args=["green"]), params).status_code == 200
    )


def test_feed_page_follows_the_cursor(reader_client, reader, owner, community):
    quick_posts(owner, community, 30)
    build(reader, communities=["gardening"])
    url = reverse("custom_feeds:detail", args=["green"])
    first = reader_client.get(url, {"sort": "new"})
    cursor = first.context["page"].next_cursor
    second = reader_client.get(url, {"sort": "new", "cursor": cursor})
    seen = [p.pk for p in first.context["page"]] + [p.pk for p in second.context["page"]]
    assert len(set(seen)) == 30
    assert second.context["page"].next_cursor is None


@pytest.fixture
def populated(owner):
    """A feed of `communities` communities holding `posts` posts in all."""

    def make(communities: int, posts: int):
        slugs = [f"community-{index}" for index in range(communities)]
        made = [make_community(owner, slug) for slug in slugs]
        for index in range(posts):
            quick_posts(owner, made[index % communities], 1)
        return services.custom_feed_create(
            owner=owner, name="Big", visibility="shared", communities=slugs
        )

    return make


@pytest.mark.parametrize(("communities", "posts"), [(2, 5), (20, 40)])
@pytest.mark.parametrize("who", ["owner", "visitor", "other"])
def test_feed_page_queries_are_constant(
    client, owner, populated, communities, posts, who, django_assert_num_queries
):
    feed = populated(communities, posts)
    if who == "owner":
        client.force_login(owner)
        url, expected = feed.get_absolute_url(), 5
    else:
        url = reverse("custom_feeds:shared", args=[feed.share_token])
        expected = 4
        if who == "other":
            client.force_login(make_member("otto"))
            expected = 5
    with django_assert_num_queries(expected), CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"sort": "hot"})
    assert response.status_code == 200
    assert len(response.context["page"].items) == min(posts, 25)
    sql = " ".join(query["sql"].upper() for query in queries.captured_queries)
    assert "COUNT(" not in sql and "OFFSET" not in sql


@pytest.mark.parametrize("feeds", [1, 8])
def test_list_page_queries_are_constant(
    reader_client, reader, owner, feeds, django_assert_max_num_queries
):
    for index in range(feeds):
        make_community(owner, f"c-{index}")
        add_member(make_community(owner, f"j-{index}"), reader)
        build(reader, f"Feed {index}", communities=[f"c-{index}", f"j-{index}"])
    with django_assert_max_num_queries(7):
        response = reader_client.get(reverse("custom_feeds:list"))
    assert len(response.context["feeds"]) == feeds
