from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.communities import services
from apps.communities.models import Ban, Community, Membership, Visibility
from conftest import make_member

from .conftest import add_member

pytestmark = pytest.mark.django_db


def member_count(community) -> int:
    community.refresh_from_db(fields=["member_count"])
    return community.member_count


# --- create -------------------------------------------------------------------------


def test_create_makes_owner_a_moderator_member(member):
    community = services.community_create(
        owner=member, slug="Birdwatching", name="  Birdwatching  ", description="Birds."
    )
    assert community.slug == "birdwatching"
    assert community.name == "Birdwatching"
    membership = Membership.objects.get(community=community, user=member)
    assert membership.is_moderator and membership.is_approved
    assert member_count(community) == 1


@pytest.mark.parametrize(
    "slug", ["ab", "-birds", "birds-", "bird--watch", "birds!", "b" * 41, "vögel", "bird watch"]
)
def test_create_refuses_bad_slugs(member, slug):
    with pytest.raises(ValidationError) as error:
        services.community_create(owner=member, slug=slug, name="Birds")
    assert "slug" in error.value.message_dict
    assert not Community.objects.exists()


def test_slug_is_unique_ignoring_case(member, other_member):
    services.community_create(owner=member, slug="birds", name="Birds")
    with pytest.raises(ValidationError) as error:
        services.community_create(owner=other_member, slug="BIRDS", name="More birds")
    assert "slug" in error.value.message_dict
    assert Community.objects.count() == 1


def test_case_insensitive_constraint_holds_in_the_database(member):
    services.community_create(owner=member, slug="birds", name="Birds")
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Community.objects.create(owner=member, slug="Birds", name="Sneaky")


def test_blank_name_is_refused(member):
    with pytest.raises(ValidationError) as error:
        services.community_create(owner=member, slug="birds", name="   ")
    assert "name" in error.value.message_dict


def test_unverified_member_cannot_create(db):
    newbie = make_member("newbie", verified=False)
    with pytest.raises(PermissionDenied):
        services.community_create(owner=newbie, slug="birds", name="Birds")


def test_creation_is_rate_limited_per_member(
    member, other_member, django_capture_on_commit_callbacks
):
    for index in range(services.COMMUNITY_CREATE_LIMIT):
        with django_capture_on_commit_callbacks(execute=True):
            services.community_create(owner=member, slug=f"club-{index}", name=f"Club {index}")
    with pytest.raises(ValidationError) as error:
        services.community_create(owner=member, slug="one-too-many", name="Too many")
    assert error.value.code == "rate_limited"
    # Someone else is not affected.
    services.community_create(owner=other_member, slug="other-club", name="Other")


def test_failed_creation_does_not_count(member, django_capture_on_commit_callbacks):
    for _index in range(services.COMMUNITY_CREATE_LIMIT + 2):
        with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
            services.community_create(owner=member, slug="x", name="Bad slug")
    assert services.community_creations_left(member) == services.COMMUNITY_CREATE_LIMIT


# --- join and leave -------------------------------------------------------------------


def test_join_and_leave_keep_member_count_exact(community, member):
    assert services.community_join(user=member, community=community) is True
    assert member_count(community) == 2
    assert services.community_join(user=member, community=community) is False
    assert member_count(community) == 2
    assert Membership.objects.filter(community=community, user=member).count() == 1
    assert services.community_leave(user=member, community=community) is True
    assert services.community_leave(user=member, community=community) is False
    assert member_count(community) == 1


def test_owner_cannot_leave(community, owner):
    with pytest.raises(ValidationError):
        services.community_leave(user=owner, community=community)
    assert member_count(community) == 1


def test_private_community_cannot_be_joined_by_oneself(private_community, outsider):
    with pytest.raises(PermissionDenied):
        services.community_join(user=outsider, community=private_community)
    assert member_count(private_community) == 1


def test_moderator_adds_member_to_private_community(private_community, owner, outsider):
    assert services.member_add(actor=owner, community=private_community, user=outsider)
    assert member_count(private_community) == 2
    with pytest.raises(PermissionDenied):
        services.member_add(actor=outsider, community=private_community, user=make_member("x1"))


def test_banned_member_cannot_join(community, owner, member):
    Ban.objects.create(community=community, user=member)
    with pytest.raises(PermissionDenied):
        services.community_join(user=member, community=community)


def test_restricted_join_waits_for_approval(restricted_community, owner, member):
    services.community_join(user=member, community=restricted_community)
    membership = Membership.objects.get(community=restricted_community, user=member)
    assert membership.is_approved is False
    services.membership_approve(actor=owner, community=restricted_community, user=member)
    membership.refresh_from_db()
    assert membership.is_approved is True


# --- moderators -------------------------------------------------------------------------


def test_owner_appoints_and_removes_moderators(community, owner, member):
    add_member(community, member)
    services.moderator_appoint(actor=owner, community=community, user=member)
    assert Membership.objects.get(community=community, user=member).is_moderator
    assert services.moderator_remove(actor=owner, community=community, user=member) is True
    assert not Membership.objects.get(community=community, user=member).is_moderator


def test_only_the_owner_appoints(community, moderator, member):
    add_member(community, member)
    with pytest.raises(PermissionDenied):
        services.moderator_appoint(actor=moderator, community=community, user=member)
    with pytest.raises(PermissionDenied):
        services.moderator_remove(actor=moderator, community=community, user=moderator)


def test_non_member_cannot_be_appointed(community, owner, outsider):
    with pytest.raises(ValidationError):
        services.moderator_appoint(actor=owner, community=community, user=outsider)


def test_owner_stays_moderator(community, owner):
    with pytest.raises(ValidationError):
        services.moderator_remove(actor=owner, community=community, user=owner)


# --- bans -------------------------------------------------------------------------------


def test_moderator_bans_and_unbans(community, moderator, member):
    ban = services.ban_create(actor=moderator, community=community, user=member, reason=" spam ")
    assert ban.reason == "spam" and ban.banned_by == moderator and ban.expires_at is None
    assert services.ban_delete(actor=moderator, community=community, user=member) is True
    assert services.ban_delete(actor=moderator, community=community, user=member) is False


def test_ban_with_expiry_and_rebanning_replaces(community, owner, member):
    later = timezone.now() + timedelta(days=3)
    services.ban_create(actor=owner, community=community, user=member, expires_at=later)
    services.ban_create(actor=owner, community=community, user=member, reason="again")
    ban = Ban.objects.get(community=community, user=member)
    assert ban.reason == "again" and ban.expires_at is None


def test_ban_expiry_must_be_in_the_future(community, owner, member):
    with pytest.raises(ValidationError):
        services.ban_create(
            actor=owner,
            community=community,
            user=member,
            expires_at=timezone.now() - timedelta(hours=1),
        )


def test_banning_the_owner_is_refused(community, moderator, owner, staff_member):
    for actor in (moderator, staff_member):
        with pytest.raises(ValidationError):
            services.ban_create(actor=actor, community=community, user=owner)
    assert not Ban.objects.exists()


def test_members_cannot_ban(community, member, other_member):
    with pytest.raises(PermissionDenied):
        services.ban_create(actor=member, community=community, user=other_member)


def test_only_owner_bans_a_moderator_and_it_ends_their_role(community, owner, moderator):
    other_moderator = make_member("max")
    add_member(community, other_moderator, is_moderator=True)
    with pytest.raises(PermissionDenied):
        services.ban_create(actor=moderator, community=community, user=other_moderator)
    services.ban_create(actor=owner, community=community, user=other_moderator)
    assert not Membership.objects.get(community=community, user=other_moderator).is_moderator


def test_visibility_choices_are_validated(member):
    with pytest.raises(ValidationError):
        services.community_create(owner=member, slug="birds", name="Birds", visibility="secret")
    assert Visibility.PRIVATE in dict(Visibility.choices)
