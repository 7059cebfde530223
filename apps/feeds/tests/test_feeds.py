"""RSS and Atom feeds: valid documents, what they list (never anything a
visitor may not read), 404s, sort, caching, conditional GET, query counts."""

from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from apps.posts.models import Post
from apps.tags.models import Tag
from conftest import make_member

from .conftest import (
    ATOM,
    DC,
    atom_feed,
    atom_titles,
    make_community,
    make_post,
    quick_posts,
    rss_channel,
    rss_titles,
)

pytestmark = pytest.mark.django_db


def front(feed_format=None):
    return reverse("feeds:front", args=[feed_format] if feed_format else [])


@pytest.fixture
def listing(owner, poster, community, private_community):
    """Public posts, one removed, one deleted, and a private community's post,
    all carrying the tag "tomatoes"."""
    make_post(poster, community, title="Tomatoes in winter", tags="tomatoes")
    make_post(poster, community, title="Seed swap", tags="tomatoes")
    make_post(poster, community, title="Removed rant", raw=True, is_removed=True)
    make_post(poster, community, title="Deleted draft", raw=True, is_deleted=True)
    make_post(owner, private_community, title="Secret plans", tags="tomatoes")
    tomatoes = Tag.objects.get(slug="tomatoes")
    for hidden in Post.objects.filter(title__in=["Removed rant", "Deleted draft"]):
        hidden.tags.add(tomatoes)


HIDDEN = {"Removed rant", "Deleted draft", "Secret plans"}


# --- valid documents, the posts a visitor may read --------------------------------


def test_front_page_rss_lists_public_posts_and_nothing_private_or_removed(client, listing):
    titles = rss_titles(client.get(front("rss")))
    assert set(titles) == {"Tomatoes in winter", "Seed swap"}


def test_front_page_atom_lists_public_posts_and_nothing_private_or_removed(client, listing):
    titles = atom_titles(client.get(front("atom")))
    assert set(titles) == {"Tomatoes in winter", "Seed swap"}


def test_feeds_root_answers_the_front_page_rss(client, listing):
    assert rss_titles(client.get("/feeds/")) == rss_titles(client.get(front("rss")))


@pytest.mark.parametrize("feed_format", ["rss", "atom"])
def test_a_signed_in_member_gets_the_visitors_feed(
    client, owner, listing, private_community, feed_format
):
    # The feed is cached for everybody: membership of a private community shows nothing more.
    client.force_login(owner)
    response = client.get(reverse("feeds:tag", args=["tomatoes", feed_format]))
    titles = rss_titles(response) if feed_format == "rss" else atom_titles(response)
    assert HIDDEN.isdisjoint(titles)
    assert set(titles) == {"Tomatoes in winter", "Seed swap"}


def test_rss_item_has_link_guid_author_date_categories_and_sanitized_html(
    client, poster, community
):
    post = make_post(
        poster,
        community,
        title="Frost <cover> & fleece",
        body="<p>Use <strong>fleece</strong>.</p><script>alert(1)</script>",
        tags="frost, winter",
    )
    poster.profile.display_name = "Pablo P."
    poster.profile.save()
    (item,) = rss_channel(client.get(front("rss"))).iter("item")

    assert item.findtext("title") == "Frost <cover> & fleece"
    assert item.findtext("link") == f"http://testserver{post.get_absolute_url()}"
    guid = item.find("guid")
    assert guid.get("isPermaLink") == "false"
    assert guid.text == f"tag:testserver,{post.created:%Y-%m-%d}:post/{post.pk}"
    assert item.findtext(f"{DC}creator") == "Pablo P."
    assert parsedate_to_datetime(item.findtext("pubDate")) == post.created.replace(microsecond=0)
    assert sorted(c.text for c in item.iter("category")) == ["frost", "winter"]
    description = item.findtext("description")
    assert description == post.body_html
    assert "<strong>fleece</strong>" in description and "<script" not in description


def test_atom_entry_carries_the_post_html_as_html_content(client, poster, community):
    post = make_post(poster, community, body="<p>Use <em>fleece</em>.</p>", tags="frost")
    (entry,) = atom_feed(client.get(front("atom"))).iter(f"{ATOM}entry")

    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert content.text == post.body_html
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{post.get_absolute_url()}"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "pablo"
    assert entry.findtext(f"{ATOM}published")
    assert [c.get("term") for c in entry.iter(f"{ATOM}category")] == ["frost"]


def test_a_link_post_leads_with_its_link(client, poster, community):
    make_post(poster, community, title="A good read", link="https://example.org/a?b=1&c=2")
    (item,) = rss_channel(client.get(front("rss"))).iter("item")
    description = item.findtext("description")
    assert description.startswith(
        '<p><a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a></p>'
    )


def test_feed_title_names_the_listing_and_sort_and_links_to_its_page(client, community, listing):
    channel = rss_channel(client.get(reverse("feeds:community", args=["gardening", "rss"])))
    assert channel.findtext("title") == "Gardening · New · Quorum"
    assert channel.findtext("link") == "http://testserver/c/gardening/"


def test_feed_title_is_in_the_readers_language(client, listing):
    french = rss_channel(client.get(front("rss"), headers={"accept-language": "fr"}))
    english = rss_channel(client.get(front("rss"), headers={"accept-language": "en"}))
    assert french.findtext("title") == "Toutes les publications · Nouveau · Quorum"
    assert english.findtext("title") == "All posts · New · Quorum"


def test_feed_holds_the_25_newest_posts(client, poster, community):
    quick_posts(poster, community, 30)
    titles = rss_titles(client.get(front("rss")))
    assert titles == [f"Post {index}" for index in range(25)]


# --- each listing -----------------------------------------------------------------


def test_community_feed_lists_its_posts_pinned_ones_included(client, owner, poster, community):
    make_post(poster, community, title="Pinned rules", raw=True, is_pinned=True)
    make_post(poster, community, title="Weekly thread")
    other = make_community(owner, "cooking")
    make_post(owner, other, title="Soup")
    url = reverse("feeds:community", args=["gardening", "atom"])
    assert set(atom_titles(client.get(url))) == {"Pinned rules", "Weekly thread"}


def test_tag_feed_lists_the_tags_public_posts(client, listing, owner, community):
    make_post(owner, community, title="Untagged")
    titles = rss_titles(client.get(reverse("feeds:tag", args=["tomatoes"])))
    assert set(titles) == {"Tomatoes in winter", "Seed swap"}


def test_member_feed_lists_their_public_posts_only(client, owner, poster, community, listing):
    make_post(owner, community, title="By the owner")
    titles = rss_titles(client.get(reverse("feeds:member", args=["olivia", "rss"])))
    assert titles == ["By the owner"]  # not "Secret plans", in a private community
    channel = rss_channel(client.get(reverse("feeds:member", args=["Pablo"])))
    assert channel.findtext("title").startswith("Posts by pablo")


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/c/secret-garden/",
        "/feeds/c/secret-garden/atom/",
        "/feeds/c/nowhere/rss/",
        "/feeds/t/no-such-tag/",
        "/feeds/t/no-such-tag/atom/",
        "/feeds/u/nobody/rss/",
        "/feeds/u/gone/",
        "/feeds/c/gardening/json/",
    ],
)
def test_private_or_unknown_feed_is_404(client, community, private_community, url):
    make_member("gone", is_active=False)
    assert client.get(url).status_code == 404


# --- sort -----------------------------------------------------------------------------


@pytest.fixture
def ranked(poster, community):
    """ "Old favourite" is older but hotter than "Fresh"."""
    now = timezone.now()
    make_post(poster, community, title="Old favourite", raw=True, created=now - timedelta(hours=3))
    make_post(poster, community, title="Fresh", raw=True, created=now)
    Post.objects.filter(title="Old favourite").update(hot=100.0)
    Post.objects.filter(title="Fresh").update(hot=1.0)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Fresh", "Old favourite"]),
        ("?sort=new", ["Fresh", "Old favourite"]),
        ("?sort=hot", ["Old favourite", "Fresh"]),
        ("?sort=top", ["Fresh", "Old favourite"]),
        ("?sort=%3Cscript%3E", ["Fresh", "Old favourite"]),
    ],
)
def test_sort_parameter_picks_hot_or_falls_back_to_new(client, ranked, query, expected):
    assert rss_titles(client.get(front("rss") + query)) == expected


def test_hot_feed_names_its_sort_and_links_to_the_hot_page(client, ranked):
    feed = atom_feed(client.get(front("atom") + "?sort=hot"))
    assert feed.findtext(f"{ATOM}title") == "All posts · Hot · Quorum"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("/feeds/atom/?sort=hot")
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href").endswith("/all/?sort=hot")


# --- caching and conditional requests --------------------------------------------


def test_feed_is_publicly_cacheable_with_validators(client, poster, community):
    post = make_post(poster, community)
    response = client.get(front("rss"))
    assert "public" in response["Cache-Control"] and "max-age=120" in response["Cache-Control"]
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"] == http_date(post.created.timestamp())


def test_matching_if_none_match_answers_304(client, listing):
    etag = client.get(front("rss"))["ETag"]
    response = client.get(front("rss"), headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_stale_if_none_match_answers_the_feed(client, listing):
    response = client.get(front("rss"), headers={"if-none-match": '"not-this-one"'})
    assert response.status_code == 200


def test_if_modified_since_the_newest_post_answers_304(client, listing):
    last_modified = client.get(front("atom"))["Last-Modified"]
    response = client.get(front("atom"), headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_if_modified_since_before_the_newest_post_answers_the_feed(client, listing):
    newest = Post.objects.order_by("-created").first().created
    since = http_date((newest - timedelta(minutes=1)).timestamp())
    response = client.get(front("atom"), headers={"if-modified-since": since})
    assert response.status_code == 200


def test_an_empty_feed_is_valid_and_has_no_last_modified(client, community):
    response = client.get(reverse("feeds:community", args=["gardening"]))
    assert list(rss_channel(response).iter("item")) == []
    assert "Last-Modified" not in response


def test_a_new_post_changes_the_cached_feed_and_its_etag(
    client, poster, community, listing, django_capture_on_commit_callbacks
):
    url = reverse("feeds:community", args=["gardening", "rss"])
    before = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        make_post(poster, community, title="Just in")
    after = client.get(url, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert "Just in" in rss_titles(after)
    assert after["ETag"] != before["ETag"]


def test_a_cached_feed_reads_no_posts(client, listing, django_assert_num_queries):
    url = reverse("feeds:community", args=["gardening", "atom"])
    first = client.get(url)
    with django_assert_num_queries(1):  # the community, for its 404 and version
        again = client.get(url)
    assert again.content == first.content


def test_one_cached_feed_answers_every_spelling_of_its_address(client, poster, listing):
    first = client.get("/feeds/u/Pablo/")
    again = client.get("/feeds/u/pablo/rss/")
    assert again.content == first.content
    self_link = rss_channel(again).find(f"{ATOM}link").get("href")
    assert self_link == "http://testserver/feeds/u/pablo/rss/"


def test_a_cached_feed_is_not_served_in_another_format_or_sort(client, listing):
    rss = client.get(front("rss"))
    assert client.get(front("atom"))["ETag"] != rss["ETag"]
    assert client.get(front("rss") + "?sort=hot")["ETag"] != rss["ETag"]


# --- cost and methods -----------------------------------------------------------------

FEED_URLS = {
    # feed: (url, max queries)
    "front": (lambda: front("atom"), 3),
    "community": (lambda: reverse("feeds:community", args=["gardening", "rss"]), 4),
    "tag": (lambda: reverse("feeds:tag", args=["topic", "atom"]), 4),
    "member": (lambda: reverse("feeds:member", args=["pablo", "rss"]), 4),
}


@pytest.mark.parametrize("count", [3, 40])
@pytest.mark.parametrize("feed", list(FEED_URLS))
def test_feed_queries_are_constant(
    client, poster, community, feed, count, django_assert_max_num_queries
):
    posts = quick_posts(poster, community, count)
    tags = [Tag.objects.create(slug=slug, name=slug) for slug in ("topic", "other")]
    for post in posts:
        post.tags.add(*tags)
    url, bound = FEED_URLS[feed]
    # The site lookup of the syndication framework is cached per process
    # after its first query: bound = that + the feed's own queries.
    with django_assert_max_num_queries(bound):
        response = client.get(url())
    titles = atom_titles(response) if url().endswith("/atom/") else rss_titles(response)
    assert len(titles) == min(count, 25)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_feeds_refuse_writes_with_405(client, community, method):
    for url in (front(), reverse("feeds:community", args=["gardening", "atom"])):
        assert getattr(client, method)(url).status_code == 405
