"""Saved posts, muted communities and keyword filters (issue 14): the
services' rules, the feeds they shape (with their query counts), the views."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.posts import selectors, services
from apps.posts.models import (
    KEYWORD_FILTER_MAX_LENGTH,
    KEYWORD_FILTERS_MAX,
    CommunityMute,
    KeywordFilter,
    Post,
    SavedPost,
)
from apps.posts.selectors import FeedParams
from conftest import make_member

from .conftest import add_member, make_community, make_post, quick_posts

pytestmark = pytest.mark.django_db

NEW = FeedParams(sort="new")


# --- saving -----------------------------------------------------------------------------


def test_saving_twice_keeps_one_row_and_unsaving_removes_it(member, post):
    assert services.saved_post_create(user=member, post=post) is True
    assert services.saved_post_create(user=member, post=post) is False
    assert SavedPost.objects.filter(user=member, post=post).count() == 1
    assert services.saved_post_delete(user=member, post=post) is True
    assert services.saved_post_delete(user=member, post=post) is False
    assert not SavedPost.objects.exists()


def test_deleted_or_removed_post_cannot_be_saved(member, post):
    Post.objects.filter(pk=post.pk).update(is_removed=True)
    post.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.saved_post_create(user=member, post=post)
    assert error.value.code == "gone"
    assert not SavedPost.objects.exists()


def test_feed_rows_carry_the_viewers_saved_state(member, other_member, community, owner):
    saved, unsaved = make_post(owner, community, "Saved one"), make_post(owner, community, "Other")
    services.saved_post_create(user=member, post=saved)
    rows = {post.pk: post.user_saved for post in selectors.all_page(member, NEW)}
    assert rows == {saved.pk: True, unsaved.pk: False}
    assert not any(post.user_saved for post in selectors.all_page(other_member, NEW))


def test_save_button_toggles_with_htmx(client, member, post):
    client.force_login(member)
    url = reverse("posts:save", args=[post.community.slug, post.pk])
    response = client.post(url, {"saved": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'data-testid="post-unsave"' in response.content.decode()
    assert SavedPost.objects.filter(user=member, post=post).exists()
    response = client.post(url, {"saved": "0"}, headers={"HX-Request": "true"})
    assert 'data-testid="post-save"' in response.content.decode()
    assert not SavedPost.objects.exists()


def test_save_plain_post_goes_back_to_next(client, member, post):
    client.force_login(member)
    url = reverse("posts:save", args=[post.community.slug, post.pk])
    response = client.post(url, {"saved": "1", "next": "/all/"})
    assert response.status_code == 302
    assert response["Location"] == "/all/"
    page = client.get(post.get_absolute_url())
    assert 'data-testid="post-unsave"' in page.content.decode()


def test_save_refusals_are_shown_and_write_nothing(client, member, post, private_community):
    client.force_login(member)
    url = reverse("posts:save", args=[post.community.slug, post.pk])
    response = client.post(url, {"saved": "maybe"})
    assert response.status_code == 400
    assert "Say whether to save" in response.content.decode()
    Post.objects.filter(pk=post.pk).update(is_deleted=True)
    response = client.post(url, {"saved": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200  # htmx: the partial with the reason in place
    assert "cannot be saved" in response.content.decode()
    response = client.post(url, {"saved": "1"})
    assert response.status_code == 400  # a plain POST: the refusal page
    assert "cannot be saved" in response.content.decode()
    secret = make_post(private_community.owner, private_community, "Hidden", raw=True)
    response = client.post(reverse("posts:save", args=["secret-garden", secret.pk]), {"saved": "1"})
    assert response.status_code == 404
    assert not SavedPost.objects.exists()


def test_visitors_are_sent_to_log_in_to_save(client, post):
    url = reverse("posts:save", args=[post.community.slug, post.pk])
    response = client.post(url, {"saved": "1"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert 'data-testid="post-save"' not in client.get(post.get_absolute_url()).content.decode()


# --- muting -------------------------------------------------------------------------------


@pytest.fixture
def two_communities(owner, community):
    loud = make_community(owner, "loud")
    make_post(owner, community, "Quiet tomatoes")
    make_post(owner, loud, "Loud news")
    return community, loud


def titles(page) -> set[str]:
    return {post.title for post in page}


def test_muted_community_leaves_home_and_all_but_not_its_own_page(member, two_communities):
    community, loud = two_communities
    add_member(community, member)
    add_member(loud, member)
    assert services.community_mute_create(user=member, community=loud) is True
    assert services.community_mute_create(user=member, community=loud) is False
    assert titles(selectors.front_page(member, NEW)) == {"Quiet tomatoes"}
    assert titles(selectors.all_page(member, NEW)) == {"Quiet tomatoes"}
    assert titles(selectors.community_page(member, loud, NEW)) == {"Loud news"}
    services.community_mute_delete(user=member, community=loud)
    assert titles(selectors.all_page(member, NEW)) == {"Quiet tomatoes", "Loud news"}


def test_a_mute_is_private_to_the_member(member, other_member, two_communities):
    _community, loud = two_communities
    services.community_mute_create(user=member, community=loud)
    assert "Loud news" in titles(selectors.all_page(other_member, NEW))


def test_mute_and_unmute_from_the_community_page(client, member, two_communities):
    _community, loud = two_communities
    client.force_login(member)
    page = client.get(reverse("communities:detail", args=["loud"])).content.decode()
    assert 'data-testid="community-mute"' in page
    response = client.post(reverse("posts:mute", args=["loud"]))
    assert response.status_code == 302
    assert CommunityMute.objects.filter(user=member, community=loud).exists()
    page = client.get(reverse("communities:detail", args=["loud"])).content.decode()
    assert 'data-testid="community-unmute"' in page
    assert "Loud news" in page  # the community's own page still lists it
    assert "Loud news" not in client.get(reverse("posts:all")).content.decode()
    response = client.post(reverse("posts:unmute", args=["loud"]), headers={"HX-Request": "true"})
    assert 'data-testid="community-mute"' in response.content.decode()
    assert not CommunityMute.objects.exists()


def test_outsider_cannot_mute_a_private_community_it_cannot_see(
    client, outsider, private_community
):
    client.force_login(outsider)
    assert client.post(reverse("posts:mute", args=["secret-garden"])).status_code == 404
    assert not CommunityMute.objects.exists()


# --- keyword filters ----------------------------------------------------------------------


def test_filters_match_titles_in_any_case_and_literally(member, community, owner):
    for title in ("Election results", "ELECTIONS soon", "100% organic", "1000 organic", "a_b c"):
        make_post(owner, community, title)
    services.keyword_filter_create(user=member, phrase="election")
    services.keyword_filter_create(user=member, phrase="100%")
    services.keyword_filter_create(user=member, phrase="a_b")
    page = selectors.all_page(member, NEW)
    # "%" and "_" are plain characters: "100%" does not match "1000", nor "a_b" "axb".
    assert titles(page) == {"1000 organic"}
    assert page.hidden == 4


def test_filters_with_regex_metacharacters_are_plain_text(member, community, owner):
    make_post(owner, community, "What (is) [this]? .*")
    make_post(owner, community, "Something else")
    services.keyword_filter_create(user=member, phrase="(is) [this]? .*")
    assert titles(selectors.all_page(member, NEW)) == {"Something else"}


def test_filter_phrase_is_trimmed_and_duplicates_in_any_case_are_one(member):
    first, created = services.keyword_filter_create(user=member, phrase="  big   news ")
    assert (first.phrase, created) == ("big news", True)
    again, created = services.keyword_filter_create(user=member, phrase="BIG NEWS")
    assert (again.pk, created) == (first.pk, False)
    assert KeywordFilter.objects.count() == 1


@pytest.mark.parametrize(
    ("phrase", "code"),
    [("   ", "blank"), ("\x00\x01", "blank"), ("x" * (KEYWORD_FILTER_MAX_LENGTH + 1), "too_long")],
)
def test_bad_filters_are_refused(member, phrase, code):
    with pytest.raises(ValidationError) as error:
        services.keyword_filter_create(user=member, phrase=phrase)
    assert error.value.code == code
    assert not KeywordFilter.objects.exists()


def test_filters_are_capped(member):
    KeywordFilter.objects.bulk_create(
        KeywordFilter(user=member, phrase=f"word {index}") for index in range(KEYWORD_FILTERS_MAX)
    )
    with pytest.raises(ValidationError) as error:
        services.keyword_filter_create(user=member, phrase="one more")
    assert error.value.code == "too_many"
    assert KeywordFilter.objects.count() == KEYWORD_FILTERS_MAX


def test_a_member_removes_only_their_own_filters(member, other_member):
    mine, _created = services.keyword_filter_create(user=member, phrase="mine")
    assert services.keyword_filter_delete(user=other_member, filter_id=mine.pk) is False
    assert services.keyword_filter_delete(user=member, filter_id=mine.pk) is True
    assert not KeywordFilter.objects.exists()


def test_feed_says_how_many_posts_the_filters_hid(client, member, community, owner):
    make_post(owner, community, "Election night")
    make_post(owner, community, "Election morning")
    make_post(owner, community, "Gardening")
    services.keyword_filter_create(user=member, phrase="election")
    client.force_login(member)
    content = client.get(reverse("posts:all")).content.decode()
    assert "2 posts hidden by your filters." in content
    assert "Election night" not in content
    assert "Gardening" in content
    # Visitors and other members see everything, and no note.
    client.logout()
    content = client.get(reverse("posts:all")).content.decode()
    assert "Election night" in content
    assert "hidden by your filters" not in content


def test_feed_settings_page_adds_lists_and_removes(client, member, community, owner):
    loud = make_community(owner, "loud")
    services.community_mute_create(user=member, community=loud)
    client.force_login(member)
    url = reverse("posts:feed_settings")
    assert (
        reverse("posts:feed_settings") in client.get(reverse("profiles:settings")).content.decode()
    )
    page = client.get(url).content.decode()
    assert "c/loud" in page
    response = client.post(url, {"phrase": "election"})
    assert response.status_code == 302
    keyword_filter = KeywordFilter.objects.get(user=member)
    assert "election" in client.get(url).content.decode()
    response = client.post(url, {"phrase": "x" * (KEYWORD_FILTER_MAX_LENGTH + 1)})
    assert response.status_code == 200
    assert f"at most {KEYWORD_FILTER_MAX_LENGTH} characters" in response.content.decode()
    response = client.post(reverse("posts:filter_delete", args=[keyword_filter.pk]))
    assert response.status_code == 302
    assert not KeywordFilter.objects.exists()
    response = client.post(reverse("posts:unmute", args=["loud"]), {"next": url})
    assert response["Location"] == url
    assert not CommunityMute.objects.exists()


def test_filter_cap_refusal_is_shown_on_the_page(client, member):
    KeywordFilter.objects.bulk_create(
        KeywordFilter(user=member, phrase=f"word {index}") for index in range(KEYWORD_FILTERS_MAX)
    )
    client.force_login(member)
    response = client.post(reverse("posts:feed_settings"), {"phrase": "one more"})
    assert response.status_code == 200
    assert "remove one first" in response.content.decode()


def test_feed_settings_need_a_login(client, db):
    response = client.get(reverse("posts:feed_settings"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


# --- query counts: mutes and filters cost no query ------------------------------------------


@pytest.fixture
def shaped_feeds(owner, member, community):
    def build(count: int):
        loud = make_community(owner, f"loud-{count}")
        quick_posts(owner, community, count)
        quick_posts(owner, loud, count)
        add_member(community, member)
        add_member(loud, member)
        services.community_mute_create(user=member, community=loud)
        for phrase in ("Post 1", "tomato", "50%"):
            services.keyword_filter_create(user=member, phrase=phrase)
        for post in Post.objects.filter(community=community)[:3]:
            services.saved_post_create(user=member, post=post)

    return build


@pytest.mark.parametrize("count", [5, 40])
@pytest.mark.parametrize(("feed", "bound"), [("home", 4), ("posts:all", 3)])
def test_feeds_with_mutes_and_filters_keep_their_query_count(
    client, member, shaped_feeds, count, feed, bound, django_assert_max_num_queries
):
    shaped_feeds(count)
    client.force_login(member)
    with django_assert_max_num_queries(bound), CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(feed), {"sort": "new"})
    assert response.status_code == 200
    page = response.context["page"]
    shown = {post.community.slug for post in page}
    assert shown == {"gardening"}
    # "Post 1" hides Post 1 and Post 10..19 when they are on the page.
    assert page.hidden == (1 if count == 5 else 11)
    assert len(page) + page.hidden == min(count, 25)
    sql = " ".join(query["sql"].upper() for query in queries.captured_queries)
    assert "COUNT(" not in sql


def test_hidden_rows_do_not_stop_the_cursor(member, community, owner):
    quick_posts(owner, community, 30)
    services.keyword_filter_create(user=member, phrase="Post")
    first = selectors.all_page(member, NEW)
    assert (len(first), first.hidden) == (0, 25)
    assert first.next_cursor
    second = selectors.all_page(member, FeedParams(sort="new", cursor=first.next_cursor))
    assert (len(second), second.hidden, second.next_cursor) == (0, 5, None)


def test_another_members_filters_do_not_apply(member, community, owner):
    other = make_member("nina")
    make_post(owner, community, "Election night")
    services.keyword_filter_create(user=other, phrase="election")
    assert titles(selectors.all_page(member, NEW)) == {"Election night"}
