from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.communities import events, services
from apps.communities.models import Ban, Community, Membership, Visibility
from apps.core.cache import feed_version
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


def test_staff_create_for_another_member_with_translations(
    staff_member, db, django_capture_on_commit_callbacks
):
    newbie = make_member("newbie", verified=False)
    received = []
    events.community_created.connect(record := lambda sender, **kw: received.append(kw))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            community = services.community_create(
                actor=staff_member,
                owner=newbie,
                slug="birds",
                name="Birds",
                translations={"name_fr": "Oiseaux"},
            )
    finally:
        events.community_created.disconnect(record)
    assert community.owner == newbie and community.name_fr == "Oiseaux"
    assert Membership.objects.get(community=community, user=newbie).is_moderator
    assert member_count(community) == 1
    assert received[0]["community_id"] == community.pk and received[0]["actor"] == staff_member


def test_only_staff_create_for_someone_else(member, other_member):
    with pytest.raises(PermissionDenied):
        services.community_create(actor=member, owner=other_member, slug="birds", name="Birds")
    assert not Community.objects.exists()


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


def test_join_and_leave_refresh_the_community_pages(
    community, member, django_capture_on_commit_callbacks
):
    # The page shows the member count: each change bumps the community's version.
    versions = [feed_version(community.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        services.community_join(user=member, community=community)
    versions.append(feed_version(community.pk))
    with django_capture_on_commit_callbacks(execute=True):
        services.community_leave(user=member, community=community)
    versions.append(feed_version(community.pk))
    assert len(set(versions)) == 3


def test_join_and_leave_send_their_events(community, member, django_capture_on_commit_callbacks):
    received = []

    def record(sender, **kwargs):
        received.append((sender, kwargs))

    events.member_joined.connect(record)
    events.member_left.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.community_join(user=member, community=community)
            services.community_leave(user=member, community=community)
    finally:
        events.member_joined.disconnect(record)
        events.member_left.disconnect(record)
    (_, joined), (_, left) = received
    assert joined["membership"].user == member and joined["actor"] == member
    assert joined["community_id"] == left["community_id"] == community.pk
    assert left["user"] == member and left["actor"] == member


def test_a_refused_join_sends_nothing(community, banned_member, django_capture_on_commit_callbacks):
    Membership.objects.filter(user=banned_member).delete()
    before = feed_version(community.pk)
    with pytest.raises(PermissionDenied), django_capture_on_commit_callbacks(execute=True):
        services.community_join(user=banned_member, community=community)
    assert feed_version(community.pk) == before


def test_owner_cannot_leave(community, owner):
    with pytest.raises(ValidationError) as error:
        services.community_leave(user=owner, community=community)
    assert error.value.code == "owner_cannot_leave"
    assert member_count(community) == 1


def test_private_community_cannot_be_joined_by_oneself(private_community, outsider):
    with pytest.raises(PermissionDenied):
        services.community_join(user=outsider, community=private_community)
    assert member_count(private_community) == 1


def test_moderator_adds_member_to_private_community(private_community, owner, outsider):
    assert services.member_add(actor=owner, community=private_community, user=outsider)
    assert member_count(private_community) == 2
    assert services.member_add(actor=owner, community=private_community, user=outsider) is None
    assert member_count(private_community) == 2
    with pytest.raises(PermissionDenied):
        services.member_add(actor=outsider, community=private_community, user=make_member("x1"))


def test_inactive_accounts_cannot_be_added(private_community, owner):
    with pytest.raises(ValidationError):
        services.member_add(
            actor=owner, community=private_community, user=make_member("gone", is_active=False)
        )
    assert member_count(private_community) == 1


def test_moderator_removes_a_member_but_not_the_owner(community, owner, moderator, member):
    add_member(community, member)
    with pytest.raises(PermissionDenied):
        services.member_remove(actor=member, community=community, user=moderator)
    assert services.member_remove(actor=moderator, community=community, user=member) is True
    assert member_count(community) == 2
    with pytest.raises(ValidationError):
        services.member_remove(actor=moderator, community=community, user=owner)
    assert member_count(community) == 2


def test_banned_member_cannot_join(community, owner, member):
    Ban.objects.create(community=community, user=member)
    with pytest.raises(PermissionDenied):
        services.community_join(user=member, community=community)


def test_restricted_join_waits_for_approval(restricted_community, owner, member, outsider):
    services.community_join(user=member, community=restricted_community)
    membership = Membership.objects.get(community=restricted_community, user=member)
    assert membership.is_approved is False
    with pytest.raises(PermissionDenied):
        services.membership_approve(actor=outsider, community=restricted_community, user=member)
    assert services.membership_approve(actor=owner, community=restricted_community, user=member)
    membership.refresh_from_db()
    assert membership.is_approved is True
    # Approving again changes nothing.
    assert not services.membership_approve(actor=owner, community=restricted_community, user=member)


# --- update ----------------------------------------------------------------------------


def test_update_writes_texts_in_each_language_and_never_the_counters(
    community, owner, member, django_capture_on_commit_callbacks
):
    stale = Community.objects.get(pk=community.pk)
    services.community_join(user=member, community=community)  # member_count is now 2
    before = feed_version(community.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.community_update(
            actor=owner,
            community=stale,
            changes={"name_en": " Gardens ", "name_fr": "Jardins", "visibility": "restricted"},
        )
    fresh = Community.objects.get(pk=community.pk)
    assert (fresh.name_en, fresh.name_fr, fresh.visibility) == ("Gardens", "Jardins", "restricted")
    assert fresh.member_count == 2  # the stale object's 1 was not written back
    assert Community.objects.filter(pk=community.pk, name="Gardens").exists()  # English column
    assert feed_version(community.pk) != before


def test_only_the_owner_and_staff_update(community, moderator, staff_member):
    with pytest.raises(PermissionDenied):
        services.community_update(actor=moderator, community=community, changes={"name_en": "X"})
    services.community_update(actor=staff_member, community=community, changes={"name_en": "Y"})
    assert Community.objects.get(pk=community.pk).name_en == "Y"


def test_update_refuses_blank_names_and_fields_it_does_not_own(community, owner):
    with pytest.raises(ValidationError):
        services.community_update(actor=owner, community=community, changes={"name_en": " "})
    with pytest.raises(ValueError):
        services.community_update(actor=owner, community=community, changes={"member_count": 9})
    assert Community.objects.get(pk=community.pk).member_count == 1


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
