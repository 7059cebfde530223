"""Posts know their language (issue 16): the default and the member's
choice, the refusal of an unknown code, `lang`/`dir` on the text, the feeds
filtered by the member's reading languages at a constant query count, the
API's field and filter, and the backfill of older rows."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from apps.posts import selectors, services
from apps.posts.forms import PostForm
from apps.posts.models import Post
from apps.profiles.models import Profile
from apps.tags.models import Tag

from .conftest import add_member, make_post, quick_posts

pytestmark = pytest.mark.django_db


def read_in(user, *codes: str) -> None:
    Profile.objects.filter(user=user).update(reading_languages=list(codes))
    user.profile.refresh_from_db()


# --- writing ------------------------------------------------------------------------


def test_a_new_post_is_in_its_authors_language(author, community):
    Profile.objects.filter(user=author).update(language="de")
    author.profile.refresh_from_db()
    with translation.override("fr"):
        post = make_post(author, community)
    assert post.language == "de"


def test_without_a_profile_language_a_post_takes_the_request_language(author, community):
    with translation.override("pl"):
        assert make_post(author, community).language == "pl"


def test_the_members_choice_beats_the_default(author, community):
    Profile.objects.filter(user=author).update(language="de")
    author.profile.refresh_from_db()
    post = make_post(author, community, language="he")
    assert Post.objects.get(pk=post.pk).language == "he"


def test_an_unknown_language_is_refused_with_nothing_saved(author, community):
    with pytest.raises(ValidationError) as raised:
        make_post(author, community, title="", language="xx")
    # Every wrong field at once, the language among them.
    assert set(raised.value.error_dict) == {"title", "language"}
    assert raised.value.error_dict["language"][0].code == "unknown_language"
    assert not Post.objects.exists()


def test_an_edit_keeps_the_language_unless_changed(author, post):
    assert post.language == "en"
    services.post_update(actor=author, post=post, title="New title", body="<p>Light!</p>")
    post.refresh_from_db()
    assert post.language == "en"
    services.post_update(
        actor=author, post=post, title="New title", body="<p>Light!</p>", language="es"
    )
    post.refresh_from_db()
    assert post.language == "es"


def test_correcting_the_language_alone_is_not_an_edit(author, post):
    services.post_update(
        actor=author,
        post=post,
        title=post.title,
        body=post.body_html,
        tags=["tomatoes", "winter"],
        language="fr",
    )
    post.refresh_from_db()
    assert (post.language, post.edited_at) == ("fr", None)


def test_an_edit_refuses_an_unknown_language(author, post):
    with pytest.raises(ValidationError):
        services.post_update(actor=author, post=post, title="Changed", language="zz")
    post.refresh_from_db()
    assert (post.title, post.language) == ("Tomatoes in winter", "en")


# --- the forms ------------------------------------------------------------------------


def test_the_submit_form_offers_the_languages_with_the_members_own_chosen(
    client, author, community
):
    Profile.objects.filter(user=author).update(language="pl")
    client.force_login(author)
    content = client.get(reverse("posts:submit", args=["gardening"])).content.decode()
    assert '<select name="language"' in content
    select = content.split('<select name="language"')[1].split("</select>")[0]
    assert '<option value="pl" selected>' in select
    assert select.count("<option value=") == 8


def test_submitting_with_a_language_stores_it(client, author, community):
    client.force_login(author)
    response = client.post(
        reverse("posts:submit", args=["gardening"]),
        {"title": "שלום", "body": "<p>טקסט</p>", "language": "he"},
    )
    assert response.status_code == 302
    assert Post.objects.get().language == "he"


def test_submitting_an_unknown_language_shows_the_reason(client, author, community):
    client.force_login(author)
    response = client.post(
        reverse("posts:submit", args=["gardening"]),
        {"title": "Hello", "language": "xx"},
        format="json",
    )
    assert response.status_code == 200
    assert "“xx” is not a language of this site" in response.content.decode()
    assert not Post.objects.exists()


def test_the_edit_form_shows_the_posts_language(client, author, post):
    Post.objects.filter(pk=post.pk).update(language="ar")
    client.force_login(author)
    content = client.get(post.get_edit_url()).content.decode()
    assert '<option value="ar" selected>' in content
    response = client.post(post.get_edit_url(), {"title": post.title, "language": "fr"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.language == "fr"


def test_the_form_refuses_an_unknown_language_in_the_page_language():
    with translation.override("en"):
        form = PostForm({"title": "Hi", "language": "tlh"})
        assert not form.is_valid()
        assert form.errors["language"] == [
            "“tlh” is not a language of this site. Choose one from the list."
        ]


# --- rendering ------------------------------------------------------------------------


def test_the_post_page_marks_title_and_body_with_their_language(client, author, community):
    post = make_post(author, community, title="مرحبا", body="<p>نص</p>", language="ar")
    content = client.get(post.get_absolute_url()).content.decode()
    assert '<h1 id="post-title" lang="ar" dir="rtl">مرحبا</h1>' in content
    assert 'class="post-body user-content" lang="ar" dir="rtl">' in content


def test_feed_rows_mark_the_title_with_its_language(client, author, community):
    make_post(author, community, title="Bonjour", language="fr")
    content = client.get(reverse("posts:all")).content.decode()
    assert 'lang="fr">Bonjour</a>' in content


# --- feeds --------------------------------------------------------------------------


@pytest.fixture
def mixed(owner, community, member):
    """Posts in English, Polish and Hebrew, a tag on all of them, the member joined."""
    add_member(community, member)
    tag = Tag.objects.create(slug="mixed", name="mixed")
    posts = {}
    for code in ("en", "pl", "he"):
        posts[code] = make_post(owner, community, title=f"Post in {code}", language=code)
        posts[code].tags.add(tag)
    return posts


FEED_URLS = {
    "front": lambda: reverse("home"),
    "all": lambda: reverse("posts:all"),
    "community": lambda: reverse("communities:detail", args=["gardening"]),
    "tag": lambda: reverse("tags:detail", args=["mixed"]),
}


@pytest.mark.parametrize("feed", list(FEED_URLS))
def test_feeds_show_only_the_languages_the_member_reads(client, member, mixed, feed):
    read_in(member, "pl", "he")
    client.force_login(member)
    titles = {post.title for post in client.get(FEED_URLS[feed]()).context["page"]}
    assert titles == {"Post in pl", "Post in he"}


@pytest.mark.parametrize("feed", list(FEED_URLS))
def test_visitors_and_members_who_chose_none_see_every_language(client, member, mixed, feed):
    expected = {"Post in en", "Post in pl", "Post in he"}
    assert {post.title for post in client.get(FEED_URLS[feed]()).context["page"]} == expected
    client.force_login(member)
    assert {post.title for post in client.get(FEED_URLS[feed]()).context["page"]} == expected


def test_posts_older_than_the_field_stay_in_every_feed(member, owner, community):
    (old,) = quick_posts(owner, community, 1)
    assert old.language == ""
    read_in(member, "pl")
    page = selectors.all_page(member, selectors.FeedParams())
    assert [post.pk for post in page] == [old.pk]


def test_pinned_posts_show_whatever_their_language(client, member, owner, community):
    pinned = make_post(owner, community, title="Regeln", language="de")
    Post.objects.filter(pk=pinned.pk).update(is_pinned=True)
    read_in(member, "en")
    client.force_login(member)
    response = client.get(reverse("communities:detail", args=["gardening"]))
    assert [post.pk for post in response.context["pinned"]] == [pinned.pk]


# Feed: (url, bound for a member who reads every language); a member who
# chose reading languages costs the same (the filter is a condition in the
# feed's query, the languages come with the profile).
QUERY_BOUNDS = {"front": 4, "all": 3, "community": 9, "tag": 4}


@pytest.mark.parametrize("count", [5, 40])
@pytest.mark.parametrize("feed", list(QUERY_BOUNDS))
def test_filtered_feed_queries_are_constant(
    client, member, owner, community, feed, count, django_assert_max_num_queries
):
    add_member(community, member)
    tag = Tag.objects.create(slug="mixed", name="mixed")
    posts = quick_posts(owner, community, count)
    for index, post in enumerate(posts):
        post.language = ("en", "pl", "he")[index % 3]
        post.tags.add(tag)
    Post.objects.bulk_update(posts, ["language"])
    read_in(member, "pl", "he")
    client.force_login(member)
    with django_assert_max_num_queries(QUERY_BOUNDS[feed]):
        response = client.get(FEED_URLS[feed](), {"sort": "new"})
    shown = list(response.context["page"])
    assert shown and all(post.language in ("pl", "he") for post in shown)
    assert len(shown) == min(count - count // 3 - (1 if count % 3 > 0 else 0), 25)


# --- the API --------------------------------------------------------------------------


@pytest.fixture
def api(author):
    client = APIClient()
    client.force_authenticate(author)
    return client


def test_the_api_shows_the_language(api, post):
    assert api.get(f"/api/v1/posts/{post.pk}/").json()["language"] == "en"


def test_the_api_filters_posts_by_language(api, mixed):
    body = api.get("/api/v1/posts/", {"language": "pl"}).json()
    assert [row["title"] for row in body["results"]] == ["Post in pl"]
    body = api.get("/api/v1/posts/", {"language": "pt-br"}).json()
    assert body["results"] == []


def test_the_api_refuses_an_unknown_language_filter(api, mixed):
    response = api.get("/api/v1/posts/", {"language": "xx"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["details"]["language"]
    (detail,) = error["details"]["language"]
    assert detail["code"] == "unknown_language"
    assert detail["message"] == "“xx” is not a language of this site. Choose one from the list."


def test_the_api_writes_the_language(api, author, community):
    add_member(community, author)
    response = api.post(
        "/api/v1/posts/",
        {"community": "gardening", "title": "Cześć", "language": "pl"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["language"] == "pl"
    post_id = response.json()["id"]
    response = api.patch(f"/api/v1/posts/{post_id}/", {"language": "he"}, format="json")
    assert response.status_code == 200
    assert response.json()["language"] == "he"
    assert Post.objects.get(pk=post_id).language == "he"


def test_the_api_defaults_to_the_authors_language(api, author, community):
    Profile.objects.filter(user=author).update(language="es")
    author.profile.refresh_from_db()
    response = api.post(
        "/api/v1/posts/", {"community": "gardening", "title": "Hola"}, format="json"
    )
    assert response.json()["language"] == "es"


def test_the_api_refuses_an_unknown_language_with_nothing_saved(api, community):
    response = api.post(
        "/api/v1/posts/",
        {"community": "gardening", "title": "Hi", "language": "xx"},
        format="json",
    )
    assert response.status_code == 400
    details = response.json()["error"]["details"]
    assert "language" in details
    assert not Post.objects.exists()


# --- the data migration ---------------------------------------------------------------


def test_older_posts_get_their_authors_language_or_english(owner, author, community):
    Profile.objects.filter(user=author).update(language="pt-br")
    Profile.objects.filter(user=owner).update(language="")
    by_author = make_post(author, community, title="A", raw=True, language="")
    by_owner = make_post(owner, community, title="B", raw=True, language="")
    orphan = make_post(None, community, title="C", raw=True, language="")
    chosen = make_post(author, community, title="D", raw=True, language="he")
    backfill = importlib.import_module("apps.posts.migrations.0004_post_language_backfill")
    backfill.backfill(django_apps, None)
    languages = dict(Post.objects.values_list("pk", "language"))
    assert languages == {by_author.pk: "pt-br", by_owner.pk: "en", orphan.pk: "en", chosen.pk: "he"}
