"""Every endpoint with the personas: what it answers, and that writes go
through the services (counters, sanitizing, the author is the requester)."""

import pytest

from apps.comments.models import Comment, CommentVote
from apps.communities.models import Membership, Visibility
from apps.posts.models import Post, PostVote
from apps.profiles.models import Follow, Profile

from .conftest import bearer, error_of, make_comment, make_post, make_token

pytestmark = pytest.mark.django_db

FORBIDDEN_USER_FIELDS = {"email", "password", "is_staff", "is_superuser", "last_login"}


def walk_keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from walk_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk_keys(item)


# --- communities --------------------------------------------------------------------


def test_directory_lists_visible_communities_with_membership(
    api, member, community, private_community, restricted_community
):
    api.credentials(**bearer(make_token(member)))
    response = api.get("/api/v1/communities/", {"sort": "name"})
    assert response.status_code == 200
    body = response.json()
    assert [row["slug"] for row in body["results"]] == ["announcements", "gardening"]
    assert body["next_cursor"] is None and body["next"] is None
    assert all(row["is_member"] is False for row in body["results"])


def test_directory_filters_by_text_and_paginates(api, owner):
    from apps.communities.tests.conftest import make_community

    for index in range(5):
        make_community(owner, f"garden-{index}")
    make_community(owner, "cooking")
    first = api.get("/api/v1/communities/", {"q": "garden", "sort": "new", "page_size": 3})
    assert first.status_code == 200
    page = first.json()
    assert len(page["results"]) == 3 and page["next_cursor"]
    assert "cursor=" in page["next"]
    second = api.get(page["next"]).json()
    slugs = [row["slug"] for row in page["results"] + second["results"]]
    assert sorted(slugs) == [f"garden-{i}" for i in range(5)]
    assert second["next_cursor"] is None


def test_unknown_sort_is_a_400_in_the_envelope(api, community):
    response = api.get("/api/v1/communities/", {"sort": "members; DROP TABLE"})
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert error["details"]["sort"][0]["code"] == "invalid_choice"


def test_community_detail_shows_standing_rules_and_moderators(api, member, community, moderator):
    community.rules = "Be kind\n\nNo spam"
    community.save()
    api.credentials(**bearer(make_token(member)))
    body = api.get("/api/v1/communities/gardening/").json()
    assert body["rules"] == ["Be kind", "No spam"]
    assert body["owner"]["username"] == "olivia"
    assert [m["username"] for m in body["moderators"]] == ["olivia", "mia"]
    assert body["standing"] == {
        "is_member": False,
        "is_moderator": False,
        "is_banned": False,
        "can_contribute": True,
        "can_join": True,
        "can_leave": False,
    }


def test_private_community_is_a_404_to_outsiders(api, outsider, private_community):
    api.credentials(**bearer(make_token(outsider)))
    response = api.get("/api/v1/communities/secret-garden/")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_join_and_leave(member_api, member, community):
    response = member_api.post("/api/v1/communities/gardening/join/")
    assert response.status_code == 200
    assert response.json() == {
        "is_member": True,
        "changed": True,
        "member_count": 2,
        "can_contribute": True,
    }
    assert member_api.post("/api/v1/communities/gardening/join/").json()["changed"] is False
    response = member_api.post("/api/v1/communities/gardening/leave/")
    assert response.json()["is_member"] is False
    assert response.json()["member_count"] == 1
    assert not Membership.objects.filter(user=member).exists()


def test_owner_cannot_leave(api, owner, community):
    api.credentials(**bearer(make_token(owner)))
    response = api.post("/api/v1/communities/gardening/leave/")
    assert response.status_code == 400
    error = error_of(response)
    assert error["details"]["non_field_errors"][0]["code"] == "owner_cannot_leave"
    assert error["message"] == "You own this community: you cannot leave it."


# --- posts ------------------------------------------------------------------------


def test_posts_list_sorts_and_filters(api, author, community, owner):
    from apps.communities.tests.conftest import make_community

    other = make_community(owner, "cooking")
    make_post(author, community, title="Old", tags="tomatoes")
    make_post(author, other, title="Soup", tags="soup")
    newest = make_post(author, community, title="New", tags="tomatoes, winter")
    Post.objects.filter(pk=newest.pk).update(score=5, upvotes=5)

    body = api.get("/api/v1/posts/", {"sort": "new"}).json()
    assert [p["title"] for p in body["results"]] == ["New", "Soup", "Old"]
    body = api.get("/api/v1/posts/", {"community": "gardening", "sort": "top", "t": "all"}).json()
    assert [p["title"] for p in body["results"]] == ["New", "Old"]
    body = api.get("/api/v1/posts/", {"tag": "winter"}).json()
    assert [p["title"] for p in body["results"]] == ["New"]
    body = api.get("/api/v1/posts/", {"author": "ALBA", "sort": "new", "page_size": 1}).json()
    assert len(body["results"]) == 1 and body["next_cursor"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"sort": "best"}, "sort"),
        ({"t": "decade"}, "t"),
        ({"community": "nowhere"}, "community"),
        ({"tag": "nothing"}, "tag"),
        ({"author": "nobody"}, "author"),
        ({"page_size": 1000}, "page_size"),
        ({"page_size": "ten"}, "page_size"),
        ({"cursor": "not-a-cursor!"}, "cursor"),
    ],
)
def test_posts_list_refuses_unknown_values(api, community, params, field):
    response = api.get("/api/v1/posts/", params)
    assert response.status_code == 400
    assert field in error_of(response)["details"]


def test_private_posts_are_listed_to_members_only(api, owner, outsider, private_community):
    make_post(owner, private_community, title="Secret")
    assert api.get("/api/v1/posts/").json()["results"] == []
    api.credentials(**bearer(make_token(owner)))
    assert [p["title"] for p in api.get("/api/v1/posts/").json()["results"]] == ["Secret"]
    api.credentials(**bearer(make_token(outsider)))
    response = api.get("/api/v1/posts/", {"community": "secret-garden"})
    assert response.status_code == 400


def test_post_detail_output_is_explicit(api, post):
    body = api.get(f"/api/v1/posts/{post.pk}/").json()
    assert body["title"] == "Tomatoes in winter"
    assert body["author"] == {"username": "alba", "display_name": "alba", "avatar_url": None}
    assert [tag["slug"] for tag in body["tags"]] == ["tomatoes", "winter"]
    assert body["community"] == {"slug": "gardening", "name": "Gardening"}
    assert body["url"].endswith(f"/c/gardening/p/{post.pk}/tomatoes-in-winter/")
    assert body["user_vote"] is None
    assert not FORBIDDEN_USER_FIELDS & set(walk_keys(body))


def test_create_post_author_is_the_requester_and_body_is_sanitized(
    member_api, member, other_member, community
):
    response = member_api.post(
        "/api/v1/posts/",
        {
            "community": "gardening",
            "title": "  Hello   world ",
            "body": '<p onclick="x()">Hi<script>alert(1)</script></p>',
            "link": "https://example.org/a",
            "tags": ["Machine Learning", "python"],
            # Read-only fields are ignored:
            "author": "omar",
            "score": 1000,
            "comment_count": 50,
            "created": "2001-01-01T00:00:00Z",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    post = Post.objects.get(pk=body["id"])
    assert post.author == member
    assert (post.score, post.comment_count) == (0, 0)
    assert post.created.year > 2001
    assert post.title == "Hello world"
    assert post.body_html == "<p>Hi</p>"
    assert [tag["slug"] for tag in body["tags"]] == ["machine-learning", "python"]
    assert body["author"]["username"] == "marta"


def test_create_post_validation_errors_name_the_fields(member_api, community):
    response = member_api.post(
        "/api/v1/posts/",
        {"community": "gardening", "title": " ", "link": "javascript:alert(1)", "tags": ["c++"]},
        format="json",
    )
    assert response.status_code == 400
    details = error_of(response)["details"]
    assert details["title"][0]["code"] == "title_blank"
    assert {"link", "tags"} <= set(details)
    assert not Post.objects.exists()


def test_create_post_idempotency_key_makes_one_post(member_api, community):
    payload = {"community": "gardening", "title": "Once", "body": "text"}
    headers = {"HTTP_IDEMPOTENCY_KEY": "k" * 20}
    first = member_api.post("/api/v1/posts/", payload, format="json", **headers)
    second = member_api.post(
        "/api/v1/posts/", {**payload, "body": "other text"}, format="json", **headers
    )
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert Post.objects.count() == 1


def test_edit_post_keeps_fields_left_out(author_api, post):
    response = author_api.patch(
        f"/api/v1/posts/{post.pk}/", {"title": "Tomatoes in spring"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Tomatoes in spring"
    assert body["edited_at"] is not None
    assert body["body_html"] == "<p>Light!</p>"
    assert [tag["slug"] for tag in body["tags"]] == ["tomatoes", "winter"]
    response = author_api.patch(f"/api/v1/posts/{post.pk}/", {"tags": []}, format="json")
    assert response.json()["tags"] == []


def test_delete_post_is_soft(author_api, api, post, member):
    make_comment(member, post)
    assert author_api.delete(f"/api/v1/posts/{post.pk}/").status_code == 204
    body = api.get(f"/api/v1/posts/{post.pk}/").json()
    assert body["is_deleted"] is True
    assert body["title"] is None and body["body_html"] is None and body["author"] is None
    assert body["tags"] == []
    assert author_api.delete(f"/api/v1/posts/{post.pk}/").status_code == 204
    assert api.get(f"/api/v1/posts/{post.pk}/comments/").json()["results"][0]["body_text"]


def test_removed_post_shows_its_content_to_its_author_only(api, author_api, post):
    Post.objects.filter(pk=post.pk).update(is_removed=True, removal_reason="Off topic")
    public = api.get(f"/api/v1/posts/{post.pk}/").json()
    assert public["title"] is None and public["removal_reason"] is None
    own = author_api.get(f"/api/v1/posts/{post.pk}/").json()
    assert own["title"] == "Tomatoes in winter" and own["removal_reason"] == "Off topic"


def test_vote_up_down_clear(member_api, member, post):
    url = f"/api/v1/posts/{post.pk}/vote/"
    assert member_api.post(url, {"value": 1}, format="json").json() == {
        "score": 1,
        "upvotes": 1,
        "downvotes": 0,
        "user_vote": 1,
    }
    assert member_api.post(url, {"value": -1}, format="json").json()["score"] == -1
    assert member_api.get(f"/api/v1/posts/{post.pk}/").json()["user_vote"] == -1
    assert member_api.post(url, {"value": 0}, format="json").json()["user_vote"] is None
    assert not PostVote.objects.exists()
    assert Profile.objects.get(user=post.author).post_karma == 0


@pytest.mark.parametrize("value", [2, "up", True, None, 1.5])
def test_vote_refuses_other_values(member_api, post, value):
    response = member_api.post(f"/api/v1/posts/{post.pk}/vote/", {"value": value}, format="json")
    assert response.status_code == 400
    assert "value" in error_of(response)["details"]


# --- comments --------------------------------------------------------------------------


def test_comment_tree_is_flat_in_tree_order(api, member, other_member, post):
    first = make_comment(member, post, "First")
    second = make_comment(other_member, post, "Second")
    reply = make_comment(other_member, post, "Reply", parent=first)
    make_comment(member, post, "Deep", parent=reply)
    Comment.objects.filter(pk=second.pk).update(score=3, upvotes=3)
    body = api.get(f"/api/v1/posts/{post.pk}/comments/", {"sort": "top"}).json()
    rows = [(c["body_text"], c["parent_id"], c["depth"]) for c in body["results"]]
    assert rows == [
        ("Second", None, 0),
        ("First", None, 0),
        ("Reply", first.pk, 1),
        ("Deep", reply.pk, 2),
    ]
    old = api.get(f"/api/v1/posts/{post.pk}/comments/", {"sort": "old"}).json()["results"]
    assert [c["body_text"] for c in old] == ["First", "Reply", "Deep", "Second"]


def test_comment_tree_pages_by_top_level_comment(api, member, post):
    roots = [make_comment(member, post, f"Root {i}") for i in range(5)]
    make_comment(member, post, "Under root 0", parent=roots[0])
    page = api.get(f"/api/v1/posts/{post.pk}/comments/", {"sort": "old", "page_size": 2}).json()
    assert [c["body_text"] for c in page["results"]] == ["Root 0", "Under root 0", "Root 1"]
    seen = [c["body_text"] for c in page["results"]]
    while page["next"]:
        page = api.get(page["next"]).json()
        seen += [c["body_text"] for c in page["results"]]
    assert seen == ["Root 0", "Under root 0", "Root 1", "Root 2", "Root 3", "Root 4"]


def test_comment_tree_depth_cut_and_root(api, member, post):
    parent = None
    chain = []
    for depth in range(8):
        parent = make_comment(member, post, f"Level {depth}", parent=parent)
        chain.append(parent)
    rows = api.get(f"/api/v1/posts/{post.pk}/comments/").json()["results"]
    assert [c["depth"] for c in rows] == [0, 1, 2, 3, 4, 5]
    assert rows[-1]["has_more_replies"] is True
    more = api.get(f"/api/v1/posts/{post.pk}/comments/", {"root": rows[-1]["id"]}).json()["results"]
    assert [c["depth"] for c in more] == [5, 6, 7]
    response = api.get(f"/api/v1/posts/{post.pk}/comments/", {"root": 999999})
    assert response.status_code == 400


def test_deleted_and_removed_comments_keep_their_place(api, member, other_member, post):
    gone = make_comment(member, post, "Gone")
    make_comment(other_member, post, "Reply", parent=gone)
    removed = make_comment(other_member, post, "Rude")
    Comment.objects.filter(pk=removed.pk).update(is_removed=True)
    api.credentials(**bearer(make_token(member)))
    assert api.delete(f"/api/v1/posts/{post.pk}/comments/{gone.pk}/").status_code == 204
    rows = api.get(f"/api/v1/posts/{post.pk}/comments/", {"sort": "old"}).json()["results"]
    assert [(c["is_deleted"], c["body_text"], c["author"]) for c in rows[:1]] == [
        (True, None, None)
    ]
    assert rows[1]["body_text"] == "Reply" and rows[1]["parent_id"] == gone.pk
    assert rows[2]["is_removed"] and rows[2]["body_html"] is None and rows[2]["author"] is None
    api.credentials(**bearer(make_token(other_member)))
    own = api.get(f"/api/v1/posts/{post.pk}/comments/{removed.pk}/").json()
    assert own["body_text"] == "Rude"


def test_create_reply_edit_and_vote_a_comment(member_api, member, other_member, post):
    url = f"/api/v1/posts/{post.pk}/comments/"
    response = member_api.post(url, {"body": "Plain <b>text</b>\n\nTwo"}, format="json")
    assert response.status_code == 201, response.json()
    top = response.json()
    assert top["author"]["username"] == "marta" and top["depth"] == 0
    assert top["can_edit"] and top["can_delete"]
    response = member_api.post(url, {"body": "Me too", "parent_id": top["id"]}, format="json")
    assert response.json()["parent_id"] == top["id"] and response.json()["depth"] == 1
    response = member_api.patch(f"{url}{top['id']}/", {"body": "Edited"}, format="json")
    assert response.status_code == 200
    assert response.json()["body_text"] == "Edited" and response.json()["edited_at"]

    voter = _client_for(other_member)
    response = voter.post(f"{url}{top['id']}/vote/", {"value": 1}, format="json")
    assert response.json() == {"score": 1, "upvotes": 1, "downvotes": 0, "user_vote": 1}
    assert CommentVote.objects.get().user == other_member
    assert Profile.objects.get(user=member).comment_karma == 1
    assert Post.objects.get(pk=post.pk).comment_count == 2


def test_reply_to_a_comment_of_another_post_is_a_400(member_api, member, post, community):
    other_post = make_post(member, community, title="Other")
    elsewhere = make_comment(member, other_post)
    response = member_api.post(
        f"/api/v1/posts/{post.pk}/comments/",
        {"body": "x", "parent_id": elsewhere.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "parent_id" in error_of(response)["details"]


def test_comment_on_locked_post_is_refused(member_api, post):
    Post.objects.filter(pk=post.pk).update(is_locked=True)
    response = member_api.post(
        f"/api/v1/posts/{post.pk}/comments/", {"body": "Hello"}, format="json"
    )
    assert response.status_code == 400
    error = error_of(response)
    assert error["details"]["non_field_errors"][0]["code"] == "closed"
    assert "locked" in error["message"]


def test_empty_comment_is_refused(member_api, post):
    response = member_api.post(
        f"/api/v1/posts/{post.pk}/comments/", {"body": "<script>x</script>"}, format="json"
    )
    assert response.status_code == 400
    assert error_of(response)["details"]["non_field_errors"][0]["code"] == "empty"


def _client_for(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(**bearer(make_token(user)))
    return client


# --- profiles, me, tags ---------------------------------------------------------------


def test_profile_follow_unfollow_and_lists(member_api, member, other_member):
    assert member_api.get("/api/v1/profiles/omar/").json()["viewer_follows"] is False
    response = member_api.post("/api/v1/profiles/omar/follow/")
    assert response.json() == {"following": True, "changed": True, "follower_count": 1}
    assert Follow.objects.filter(follower=member, followee=other_member).exists()
    profile = member_api.get("/api/v1/profiles/omar/").json()
    assert profile["viewer_follows"] is True and profile["follower_count"] == 1
    assert not FORBIDDEN_USER_FIELDS & set(profile)
    followers = member_api.get("/api/v1/profiles/omar/followers/").json()["results"]
    assert [row["member"]["username"] for row in followers] == ["marta"]
    following = member_api.get("/api/v1/profiles/marta/following/").json()["results"]
    assert following[0]["member"]["username"] == "omar" and following[0]["viewer_follows"]
    response = member_api.post("/api/v1/profiles/omar/unfollow/")
    assert response.json() == {"following": False, "changed": True, "follower_count": 0}


def test_following_yourself_is_a_400(member_api):
    response = member_api.post("/api/v1/profiles/marta/follow/")
    assert response.status_code == 400
    assert error_of(response)["details"]["non_field_errors"][0]["code"] == "follow_self"


def test_member_comments(api, member, post):
    make_comment(member, post, "One")
    make_comment(member, post, "Two")
    rows = api.get("/api/v1/profiles/marta/comments/").json()["results"]
    assert [c["body_text"] for c in rows] == ["Two", "One"]
    assert rows[0]["post"]["title"] == "Tomatoes in winter"
    assert rows[0]["author"]["username"] == "marta"


def test_me_with_token_and_with_session(api, member):
    raw = make_token(member, scopes=["read"])
    api.credentials(**bearer(raw))
    body = api.get("/api/v1/me/").json()
    assert body["username"] == "marta" and body["email"] == "marta@example.org"
    assert body["auth"] == "token" and body["scopes"] == ["read"]
    assert not {"password", "is_staff", "is_superuser", "last_login"} & set(body)
    api.credentials()
    api.force_login(member)
    assert api.get("/api/v1/me/").json()["auth"] == "session"


def test_me_needs_authentication(api):
    response = api.get("/api/v1/me/")
    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_tags_list_and_detail(api, post):
    body = api.get("/api/v1/tags/").json()
    assert [tag["slug"] for tag in body["results"]] == ["tomatoes", "winter"]
    assert "post_count" not in body["results"][0]
    assert [t["slug"] for t in api.get("/api/v1/tags/", {"q": "wi"}).json()["results"]] == [
        "winter"
    ]
    assert api.get("/api/v1/tags/winter/").json()["name"] == "winter"
    assert api.get("/api/v1/tags/nothing/").status_code == 404


def test_restricted_community_visibility_constant(restricted_community):
    assert restricted_community.visibility == Visibility.RESTRICTED
