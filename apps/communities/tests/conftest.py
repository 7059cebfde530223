"""Community personas: owner, moderator, member, banned member, outsider of
a private community. Other apps' tests import these helpers and fixtures."""

import pytest

from apps.communities.models import Ban, Community, Membership, Visibility
from conftest import make_member


def make_community(
    owner, slug: str = "gardening", *, visibility: str = Visibility.PUBLIC, **extra
) -> Community:
    """A community as community_create leaves it (owner = moderator member,
    member_count exact), without the service's rate limit."""
    community = Community.objects.create(
        owner=owner,
        slug=slug,
        name=extra.pop("name", slug.replace("-", " ").title()),
        visibility=visibility,
        member_count=1,
        **extra,
    )
    Membership.objects.create(community=community, user=owner, is_moderator=True)
    return community


def add_member(community: Community, user, **extra) -> Membership:
    membership = Membership.objects.create(community=community, user=user, **extra)
    Community.objects.filter(pk=community.pk).update(member_count=community.member_count + 1)
    community.refresh_from_db(fields=["member_count"])
    return membership


@pytest.fixture
def owner(db):
    return make_member("olivia")


@pytest.fixture
def community(owner):
    return make_community(owner, "gardening")


@pytest.fixture
def moderator(community):
    user = make_member("mia")
    add_member(community, user, is_moderator=True)
    return user


@pytest.fixture
def banned_member(community, owner):
    user = make_member("boris")
    add_member(community, user)
    Ban.objects.create(community=community, user=user, banned_by=owner, reason="spam")
    return user


@pytest.fixture
def private_community(owner):
    return make_community(owner, "secret-garden", visibility=Visibility.PRIVATE)


@pytest.fixture
def restricted_community(owner):
    return make_community(owner, "announcements", visibility=Visibility.RESTRICTED)


@pytest.fixture
def outsider(db):
    return make_member("oscar")
