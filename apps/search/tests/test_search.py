"""Search: ranking, filters, highlighting, visibility, hostile input, cursors.

Tests marked postgres_only exercise PostgreSQL's full-text search and
pg_trgm; the rest run on both databases (SQLite uses the icontains
fallback)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from apps.comments.services import comment_create, comment_delete
from apps.posts import services as post_services
from apps.posts.models import Post
from apps.posts.tests.factories import make_post
from apps.search import selectors
from apps.search.selectors import marked, search
from conftest import make_member

from .conftest import add_member, make_community, postgres_only

pytestmark = pytest.mark.django_db

ANON = AnonymousUser()


def titles(page) -> list[str]:
    return [hit.obj.title for hit in page]


# --- hostile input ---------------------------------------------------------------------

HOSTILE = [
    "foo & | !! (bar",
    '"unbalanced quote',
    "\\",
    "\\\\ \\' \\\"",
    "'; DROP TABLE posts_post; --",
    "x" * 10_000,
    "word " * 2_000,
    "the of and a",
    "!!!",
    ":* & :*",
    "<script>alert(1)</script>",
    "nul\x00byte",
    "\ue000marker\ue001",
    "日本語 العربية émoji 🎉",
    "-",
    '""',
    "% _ %%",
    "(((((((((( tomato",
]


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("kind", list(selectors.TYPES))
def test_any_query_gives_a_page_never_an_error(client, owner, community, query, kind):
    make_post(owner, community, "Tomato harvest", "<p>the best tomato</p>")
    response = client.get(reverse("search:results"), {"q": query, "type": kind})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.parametrize(
    "params",
    [
        {"q": "tomato", "type": "nonsense", "t": "century", "cursor": "!!junk!!"},
        {"q": "tomato", "community": "x" * 5000, "tag": "'", "author": "\\"},
        {"q": ["tomato", "again"], "type": ["posts", "users"]},
        {"q": "tomato", "cursor": "W1siZHQiXSwxLDJd"},  # a cursor of the wrong shape
        {"q": "tomato", "cursor": "WzEsIDIsIDNd" * 30},  # too long
    ],
)
def test_odd_parameters_fall_back_to_defaults(client, owner, community, params):
    make_post(owner, community, "Tomato harvest")
    response = client.get(reverse("search:results"), params)
    assert response.status_code == 200


def test_blank_query_is_an_empty_page_without_a_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        page = search(query="   \n\t ", type="posts", viewer=ANON)
    assert page.items == [] and page.next_cursor is None


def test_stop_words_only_is_an_empty_page(owner, community):
    make_post(owner, community, "The end of it")
    assert search(query="the of", type="posts", viewer=ANON).items == [] or not _is_postgres()


def _is_postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


# --- matching, filters and ranking ----------------------------------------------------------


def test_finds_posts_by_title_and_body(owner, community):
    make_post(owner, community, "Winter tomatoes", "<p>Keep them warm</p>")
    make_post(owner, community, "Cucumbers", "<p>Unlike tomatoes they like heat</p>")
    make_post(owner, community, "Peppers", "<p>Nothing to see</p>")
    found = titles(search(query="tomatoes", type="posts", viewer=ANON))
    assert sorted(found) == ["Cucumbers", "Winter tomatoes"]


@postgres_only
def test_title_matches_rank_above_body_matches_and_newer_wins_ties(owner, community):
    now = timezone.now()
    body_only = make_post(owner, community, "Cucumbers", "<p>tomatoes mentioned once</p>")
    old_title = make_post(owner, community, "Tomatoes, old post")
    new_title = make_post(owner, community, "Tomatoes, new post")
    Post.objects.filter(pk=old_title.pk).update(created=now - timedelta(days=3))
    Post.objects.filter(pk=new_title.pk).update(created=now - timedelta(days=1))
    Post.objects.filter(pk=body_only.pk).update(created=now)
    page = search(query="tomatoes", type="posts", viewer=ANON)
    assert titles(page) == ["Tomatoes, new post", "Tomatoes, old post", "Cucumbers"]
    ranks = [hit.rank for hit in page]
    assert ranks[0] == ranks[1] > ranks[2]


@postgres_only
def test_only_the_newest_matches_are_ranked(owner, community, monkeypatch):
    monkeypatch.setattr(selectors, "CANDIDATE_LIMIT", 3)
    now = timezone.now()
    for days in (0, 1, 40, 50):
        post = make_post(owner, community, f"Tomato {days} days", "<p>one</p>")
        Post.objects.filter(pk=post.pk).update(created=now - timedelta(days=days))
    # Outside the newest three: never a candidate, though it would rank first.
    best = make_post(owner, community, "Tomato tomato tomato", "<p>tomato tomato</p>")
    Post.objects.filter(pk=best.pk).update(created=now - timedelta(days=60))
    page = search(query="tomato", type="posts", viewer=ANON)
    assert sorted(titles(page)) == ["Tomato 0 days", "Tomato 1 days", "Tomato 40 days"]


@postgres_only
def test_websearch_syntax_phrases_or_and_not(owner, community):
    make_post(owner, community, "Green tomatoes fried")
    make_post(owner, community, "Tomatoes are green")
    make_post(owner, community, "Red peppers")
    assert titles(search(query='"green tomatoes"', type="posts", viewer=ANON)) == [
        "Green tomatoes fried"
    ]
    assert sorted(titles(search(query="tomatoes -fried", type="posts", viewer=ANON))) == [
        "Tomatoes are green"
    ]
    assert len(search(query="peppers or fried", type="posts", viewer=ANON)) == 2
    # Stemming: "tomato" finds "tomatoes".
    assert len(search(query="tomato", type="posts", viewer=ANON)) == 2


@postgres_only
def test_the_vector_follows_edits(owner, community):
    post = make_post(owner, community, "Tomatoes", "<p>about tomatoes</p>")
    post_services.post_update(
        actor=owner, post=post, title="Aubergines", body="<p>about aubergines</p>"
    )
    assert search(query="tomatoes", type="posts", viewer=ANON).items == []
    assert titles(search(query="aubergines", type="posts", viewer=ANON)) == ["Aubergines"]


def test_filters_community_tag_author_and_period(owner, community):
    other = make_community(owner, "kitchen")
    writer = make_member("wanda")
    make_post(owner, community, "Tomato one", tags="veg")
    make_post(owner, other, "Tomato two")
    make_post(writer, community, "Tomato three")
    old = make_post(owner, community, "Tomato four")
    Post.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=40))

    def find(**filters):
        return sorted(titles(search(query="tomato", type="posts", viewer=ANON, **filters)))

    assert find() == ["Tomato four", "Tomato one", "Tomato three", "Tomato two"]
    assert find(community="kitchen") == ["Tomato two"]
    assert find(community="KITCHEN") == ["Tomato two"]
    assert find(tag="veg") == ["Tomato one"]
    assert find(author="WANDA") == ["Tomato three"]
    assert find(period="month") == ["Tomato one", "Tomato three", "Tomato two"]
    assert find(community="nowhere") == []


def test_filters_reach_the_view(client, owner, community):
    make_community(owner, "kitchen")
    make_post(owner, community, "Tomato one")
    response = client.get(
        reverse("search:results"), {"q": "tomato", "community": "kitchen", "t": "week"}
    )
    assert response.status_code == 200
    assert b"Tomato one" not in response.content
    assert b"Nothing matches your search" in response.content


# --- highlighting ---------------------------------------------------------------------------


def test_highlights_escape_user_html(client, owner, community):
    make_post(
        owner,
        community,
        '<img src=x onerror="alert(1)"> tomato & co',
        "tomato <b>bold</b> &lt;script&gt;alert(2)&lt;/script&gt;",
    )
    response = client.get(reverse("search:results"), {"q": "tomato"})
    content = response.content.decode()
    assert "<mark>tomato</mark>" in content
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in content
    assert "<img src=x" not in content
    assert "<script>alert(2)" not in content
    assert "<b>bold</b>" not in content


def test_marked_escapes_everything_and_balances_marks():
    start, stop = selectors._START, selectors._STOP
    assert marked(f"a <b>{start}x{stop}</b>") == "a &lt;b&gt;<mark>x</mark>&lt;/b&gt;"
    assert marked(f"{stop}{start}{start}y") == "<mark>y</mark>"
    assert marked(None) == ""


# --- visibility -------------------------------------------------------------------------------


def test_private_removed_and_deleted_posts_never_show(
    owner, community, private_community, outsider
):
    member = make_member("mona")
    add_member(private_community, member)
    make_post(owner, community, "Tomato public")
    make_post(owner, private_community, "Tomato secret")
    removed = make_post(owner, community, "Tomato removed")
    Post.objects.filter(pk=removed.pk).update(is_removed=True)
    deleted = make_post(owner, community, "Tomato deleted")
    post_services.post_delete(actor=owner, post=deleted)
    for viewer in (ANON, outsider):
        assert titles(search(query="tomato", type="posts", viewer=viewer)) == ["Tomato public"]
    assert sorted(titles(search(query="tomato", type="posts", viewer=member))) == [
        "Tomato public",
        "Tomato secret",
    ]


def test_comments_search_respects_visibility(owner, community, private_community, outsider):
    public_post = make_post(owner, community, "Public")
    secret_post = make_post(owner, private_community, "Secret")
    removed_post = make_post(owner, community, "Removed")
    shown = comment_create(author=owner, post=public_post, body="tomato talk")
    comment_create(author=owner, post=secret_post, body="tomato secrets")
    comment_create(author=owner, post=removed_post, body="tomato under a removed post")
    Post.objects.filter(pk=removed_post.pk).update(is_removed=True)
    gone = comment_create(author=owner, post=public_post, body="tomato deleted later")
    comment_delete(actor=owner, comment=gone)
    for viewer in (ANON, outsider):
        page = search(query="tomato", type="comments", viewer=viewer)
        assert [hit.obj.pk for hit in page] == [shown.pk]
    assert len(search(query="tomato", type="comments", viewer=owner)) == 2


def test_comment_results_link_to_the_permalink(client, owner, community):
    post = make_post(owner, community, "Sauce <i>ideas</i>")
    comment = comment_create(author=owner, post=post, body="basil and tomato")
    response = client.get(reverse("search:results"), {"q": "tomato", "type": "comments"})
    content = response.content.decode()
    assert f"/comment/{comment.pk}/#comment-{comment.pk}" in content
    assert "Sauce &lt;i&gt;ideas&lt;/i&gt;" in content


def test_private_communities_hidden_from_outsiders(owner, community, private_community, outsider):
    for viewer in (ANON, outsider):
        found = [hit.obj.slug for hit in search(query="garden", type="communities", viewer=viewer)]
        assert found == ["gardening"]
    found = {hit.obj.slug for hit in search(query="garden", type="communities", viewer=owner)}
    assert found == {"gardening", "secret-garden"}


@postgres_only
def test_trigram_finds_communities_and_members_despite_typos(owner, community):
    make_community(owner, "astronomy", name="Astronomy at night")
    make_member("bartholomew")
    found = [hit.obj.slug for hit in search(query="astronmy", type="communities", viewer=ANON)]
    assert found[0] == "astronomy"
    found = [hit.obj.slug for hit in search(query="gardenign", type="communities", viewer=ANON)]
    assert found == ["gardening"]
    users = [hit.obj.username for hit in search(query="bartolomew", type="users", viewer=ANON)]
    assert users[0] == "bartholomew"


def test_members_found_by_username_or_display_name(owner):
    from apps.profiles.models import Profile

    user = make_member("zed")
    Profile.objects.filter(user=user).update(display_name="Zebulon Tomatofield")
    inactive = make_member("quintessa")
    inactive.is_active = False
    inactive.save()
    found = [hit.obj.username for hit in search(query="tomatofield", type="users", viewer=ANON)]
    assert found == ["zed"]
    assert search(query="quintessa", type="users", viewer=ANON).items == []


# --- pages -----------------------------------------------------------------------------------


def test_cursor_pages_cover_every_match_once(client, owner, community):
    for index in range(30):
        make_post(owner, community, f"Tomato note {index}")
    first = search(query="tomato", type="posts", viewer=ANON, page_size=20)
    assert len(first) == 20 and first.next_cursor
    second = search(query="tomato", type="posts", viewer=ANON, cursor=first.next_cursor)
    assert second.next_cursor is None
    seen = [hit.obj.pk for hit in first] + [hit.obj.pk for hit in second]
    assert len(seen) == len(set(seen)) == 30
    response = client.get(reverse("search:results"), {"q": "tomato"})
    assert f"cursor={first.next_cursor}".encode() in response.content


def test_search_page_is_one_query(client, owner, community, django_assert_max_num_queries):
    for index in range(5):
        make_post(owner, community, f"Tomato note {index}", tags="veg")
    for kind in selectors.TYPES:
        with django_assert_max_num_queries(1):
            assert (
                client.get(reverse("search:results"), {"q": "tomato", "type": kind}).status_code
                == 200
            )


def test_header_has_a_labelled_search_box(client, db):
    content = client.get(reverse("home")).content.decode()
    assert 'action="/search/"' in content
    assert '<label for="site-search-q"' in content
    assert 'name="q"' in content


def test_search_page_shows_tabs_and_keeps_the_query(client, owner, community):
    response = client.get(reverse("search:results"), {"q": "tom & jerry", "type": "users"})
    content = response.content.decode()
    assert 'value="tom &amp; jerry"' in content
    for kind in selectors.TYPES:
        assert f"type={kind}" in content
