from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from apps.communities import selectors
from apps.communities.models import Community
from apps.core.pagination import encode_cursor
from conftest import make_member

from .conftest import add_member, make_community

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(owner):
    now = timezone.now()
    communities = []
    for index in range(7):
        community = make_community(owner, f"club-{index}", name=f"Club {chr(ord('G') - index)}")
        Community.objects.filter(pk=community.pk).update(
            member_count=10 + index, created=now - timedelta(days=index)
        )
        communities.append(community)
    return communities


def walk(**kwargs):
    cursor, seen = None, []
    while True:
        page = selectors.directory_page(page_size=3, cursor=cursor, **kwargs)
        seen.extend(community.slug for community in page)
        cursor = page.next_cursor
        if not cursor:
            return seen


def test_directory_sorts_walk_every_community_once(many, owner):
    viewer = AnonymousUser()
    by_members = walk(viewer=viewer, sort="members")
    assert by_members == [f"club-{i}" for i in range(6, -1, -1)]
    assert walk(viewer=viewer, sort="new") == [f"club-{i}" for i in range(7)]
    by_name = walk(viewer=viewer, sort="name")
    assert by_name == [f"club-{i}" for i in range(6, -1, -1)]  # "Club A" … "Club G"


def test_directory_filters_by_name_or_slug(many, owner):
    make_community(owner, "herbs", name="Kitchen herbs")
    viewer = AnonymousUser()
    assert [c.slug for c in selectors.directory_page(viewer=viewer, query="kitchen")] == ["herbs"]
    assert [c.slug for c in selectors.directory_page(viewer=viewer, query="HERB")] == ["herbs"]


def test_private_communities_hidden_from_outsiders(community, private_community, outsider, owner):
    def slugs(viewer):
        return {c.slug for c in selectors.directory_page(viewer=viewer)}

    assert "secret-garden" not in slugs(AnonymousUser())
    assert "secret-garden" not in slugs(outsider)
    assert "secret-garden" in slugs(owner)
    add_member(private_community, outsider)
    assert "secret-garden" in slugs(outsider)


def test_directory_marks_the_viewers_communities(community, private_community, owner, member):
    add_member(community, member)
    rows = {c.slug: c.is_member for c in selectors.directory_page(viewer=member)}
    assert rows == {"gardening": True}


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "!!!",
        encode_cursor("not-a-number", 5),
        encode_cursor(10**40, 5),
        encode_cursor(5, 10**40),
        encode_cursor(5, -1),
        "x" * 500,
    ],
)
def test_tampered_cursor_gives_first_page(many, cursor):
    page = selectors.directory_page(viewer=AnonymousUser(), sort="members", cursor=cursor)
    assert len(page) == 7


def test_unknown_sort_falls_back(many):
    page = selectors.directory_page(viewer=AnonymousUser(), sort="'; DROP TABLE")
    assert page.items[0].slug == "club-6"


def test_community_for_viewer_is_404_for_private_to_outsiders(private_community, outsider):
    with pytest.raises(Http404):
        selectors.community_for_viewer("secret-garden", outsider)
    with pytest.raises(Http404):
        selectors.community_for_viewer("secret-garden", AnonymousUser())
    with pytest.raises(Http404):
        selectors.community_for_viewer("nowhere", AnonymousUser())


def test_standing_personas(community, owner, moderator, banned_member, member):
    assert selectors.community_standing(owner, community).is_moderator
    assert not selectors.community_standing(owner, community).can_leave
    assert selectors.community_standing(moderator, community).is_moderator
    banned = selectors.community_standing(banned_member, community)
    assert banned.is_banned and not banned.can_contribute
    fresh = selectors.community_standing(member, community)
    assert fresh.can_join and fresh.can_contribute and not fresh.is_member
    visitor = selectors.community_standing(AnonymousUser(), community)
    assert not (visitor.can_join or visitor.can_contribute)


def test_moderators_list_owner_first(community, owner, moderator):
    later = make_member("zed")
    add_member(community, later, is_moderator=True)
    assert [m.user for m in selectors.moderators_of(community)] == [owner, moderator, later]
