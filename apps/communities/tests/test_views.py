import pytest
from django.urls import reverse

from apps.communities.models import Community, Membership
from conftest import make_member

from .conftest import add_member, make_community

pytestmark = pytest.mark.django_db


# --- directory ------------------------------------------------------------------------


def test_directory_lists_public_and_hides_private(client, community, private_community):
    response = client.get(reverse("communities:directory"))
    assert response.status_code == 200
    assert b"gardening" in response.content
    assert b"secret-garden" not in response.content


@pytest.mark.parametrize("params", [{"sort": "bogus"}, {"cursor": "%%%"}, {"q": "x" * 500}])
def test_directory_tolerates_junk(client, community, params):
    assert client.get(reverse("communities:directory"), params).status_code == 200


def _communities(owner, count):
    for index in range(count):
        make_community(owner, f"club-{index}")


@pytest.mark.parametrize("count", [5, 40])
@pytest.mark.parametrize("sort", ["members", "new", "name"])
def test_directory_queries_do_not_grow(
    client, owner, member, count, sort, django_assert_max_num_queries
):
    _communities(owner, count - 1)  # plus the owner's own below
    make_community(owner, "club-private", visibility="private")
    client.force_login(member)
    # The viewer (session + user) and one query for the page, whatever its length.
    with django_assert_max_num_queries(2):
        response = client.get(reverse("communities:directory"), {"sort": sort, "q": "club"})
    assert response.status_code == 200
    assert len(response.context["page"].items) == min(count - 1, 30)  # private one hidden


def test_directory_pages_with_a_cursor(client, owner):
    _communities(owner, 35)
    first = client.get(reverse("communities:directory"), {"sort": "name"})
    cursor = first.context["page"].next_cursor
    assert cursor
    second = client.get(reverse("communities:directory"), {"sort": "name", "cursor": cursor})
    names = {c.slug for c in first.context["page"]} | {c.slug for c in second.context["page"]}
    assert len(names) == 35


# --- create -----------------------------------------------------------------------------


def test_create_requires_login(client):
    response = client.get(reverse("communities:create"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_create_community_through_the_form(member_client, member):
    response = member_client.post(
        reverse("communities:create"),
        {
            "name": "Sourdough",
            "slug": "Sourdough",
            "description": "Bread.",
            "rules": "Be kind\nNo spam",
            "visibility": "public",
        },
    )
    community = Community.objects.get(slug="sourdough")
    assert response.status_code == 302
    assert response["Location"] == community.get_absolute_url()
    assert community.owner == member and community.member_count == 1


def test_create_form_shows_errors(member_client, community):
    response = member_client.post(
        reverse("communities:create"),
        {"name": " ", "slug": "Gardening", "visibility": "public"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "slug" in form.errors and "name" in form.errors


def test_unverified_member_sees_why(client, db):
    client.force_login(make_member("newbie", verified=False))
    response = client.post(
        reverse("communities:create"), {"name": "X", "slug": "xyz", "visibility": "public"}
    )
    assert response.status_code == 200
    assert not Community.objects.exists()
    assert response.context["allowed"] is False


# --- about --------------------------------------------------------------------------------


def test_about_shows_rules_moderators_and_counts(client, community, moderator):
    Community.objects.filter(pk=community.pk).update(rules="Be kind\n\nNo spam")
    response = client.get(reverse("communities:about", args=["gardening"]))
    assert response.status_code == 200
    assert response.context["rules"] == ["Be kind", "No spam"]
    assert b"mia" in response.content
    assert b"2 members" in response.content


def test_private_about_is_404_to_outsiders(client, private_community, outsider):
    assert client.get(reverse("communities:about", args=["secret-garden"])).status_code == 404
    client.force_login(outsider)
    assert client.get(reverse("communities:about", args=["secret-garden"])).status_code == 404


# --- join and leave ----------------------------------------------------------------------


def test_join_without_js_redirects_back(member_client, community, member):
    response = member_client.post(
        reverse("communities:join", args=["gardening"]), {"next": "/communities/"}
    )
    assert response.status_code == 302 and response["Location"] == "/communities/"
    community.refresh_from_db()
    assert community.member_count == 2


def test_join_ignores_foreign_next(member_client, community):
    response = member_client.post(
        reverse("communities:join", args=["gardening"]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == community.get_absolute_url()


def test_join_and_leave_with_htmx_swap_the_box(member_client, community, member):
    url = reverse("communities:join", args=["gardening"])
    response = member_client.post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b'id="membership-box"' in response.content
    assert b"2 members" in response.content
    assert b'aria-pressed="true"' in response.content
    response = member_client.post(
        reverse("communities:leave", args=["gardening"]), headers={"HX-Request": "true"}
    )
    assert b"1 member" in response.content
    assert not Membership.objects.filter(user=member, community=community).exists()


def test_owner_cannot_leave_through_the_view(client, community, owner):
    client.force_login(owner)
    response = client.post(
        reverse("communities:leave", args=["gardening"]), headers={"HX-Request": "true"}
    )
    assert b'role="alert"' in response.content
    assert b"you cannot leave it" in response.content
    assert Membership.objects.filter(user=owner, community=community).exists()


def test_owner_leaving_by_plain_form_gets_the_reason(client, community, owner):
    client.force_login(owner)
    response = client.post(reverse("communities:leave", args=["gardening"]))
    assert response.status_code == 400
    assert b"you cannot leave it" in response.content
    assert Membership.objects.filter(user=owner, community=community).exists()


def test_banned_member_join_is_refused_with_a_message(client, community, banned_member):
    Membership.objects.filter(user=banned_member).delete()
    client.force_login(banned_member)
    response = client.post(
        reverse("communities:join", args=["gardening"]), {"next": "/communities/"}
    )
    assert response.status_code == 403
    assert b"You are banned from this community." in response.content
    assert b'href="/communities/"' in response.content  # the way back
    assert not Membership.objects.filter(user=banned_member).exists()


def test_banned_member_join_by_htmx_shows_the_reason_in_the_box(client, community, banned_member):
    Membership.objects.filter(user=banned_member).delete()
    client.force_login(banned_member)
    response = client.post(
        reverse("communities:join", args=["gardening"]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 403
    assert b'id="membership-box"' in response.content
    assert b"You are banned from this community." in response.content


def test_join_and_leave_are_post_only(member_client, community):
    assert member_client.get(reverse("communities:join", args=["gardening"])).status_code == 405
    assert member_client.get(reverse("communities:leave", args=["gardening"])).status_code == 405


def test_leaving_a_private_community_goes_to_the_directory(client, private_community, member):
    add_member(private_community, member)
    client.force_login(member)
    response = client.post(reverse("communities:leave", args=["secret-garden"]))
    assert response["Location"] == reverse("communities:directory")


def test_nav_links_to_the_directory(client, db):
    response = client.get(reverse("communities:directory"))
    assert f'href="{reverse("communities:directory")}"'.encode() in response.content
