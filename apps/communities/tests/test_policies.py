from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from apps.communities import policies
from apps.communities.models import Ban
from conftest import make_member

from .conftest import add_member

pytestmark = pytest.mark.django_db

anonymous = AnonymousUser()


def test_anyone_reads_public_and_restricted(community, restricted_community, outsider):
    for who in (anonymous, outsider):
        assert policies.can_read(who, community)
        assert policies.can_read(who, restricted_community)


def test_only_members_and_staff_read_private(private_community, owner, outsider, staff_member):
    assert policies.can_read(owner, private_community)
    assert policies.can_read(staff_member, private_community)
    assert not policies.can_read(outsider, private_community)
    assert not policies.can_read(anonymous, private_community)


def test_contribute_personas(community, owner, moderator, member, banned_member):
    assert not policies.can_contribute(anonymous, community)
    assert policies.can_contribute(member, community)  # public: no membership needed
    assert policies.can_contribute(owner, community)
    assert policies.can_contribute(moderator, community)
    assert not policies.can_contribute(banned_member, community)


def test_expired_ban_no_longer_counts(community, member, owner):
    Ban.objects.create(
        community=community, user=member, expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert not policies.is_banned(member, community)
    assert policies.can_contribute(member, community)


def test_restricted_needs_approval(restricted_community, member, outsider):
    assert not policies.can_contribute(outsider, restricted_community)
    membership = add_member(restricted_community, member, is_approved=False)
    assert not policies.can_contribute(member, restricted_community)
    membership.is_approved = True
    membership.save()
    assert policies.can_contribute(member, restricted_community)


def test_private_needs_membership(private_community, member, outsider):
    add_member(private_community, member)
    assert policies.can_contribute(member, private_community)
    assert not policies.can_contribute(outsider, private_community)


def test_moderator_rules(community, owner, moderator, member, staff_member):
    assert policies.is_moderator(owner, community)
    assert policies.is_moderator(moderator, community)
    assert not policies.is_moderator(member, community)
    assert not policies.is_moderator(staff_member, community)
    assert policies.can_ban(staff_member, community)
    assert policies.can_ban(moderator, community)
    assert not policies.can_ban(member, community)
    assert policies.can_manage_moderators(owner, community)
    assert not policies.can_manage_moderators(moderator, community)


def test_join_rules(community, private_community, banned_member, member, owner):
    assert policies.can_join(member, community)
    assert not policies.can_join(anonymous, community)
    assert not policies.can_join(member, private_community)
    assert not policies.can_join(banned_member, community)
    assert not policies.can_leave(owner, community)
    assert policies.can_leave(member, community)


def test_unverified_member_cannot_create(db):
    assert not policies.can_create_community(make_member("newbie", verified=False))
    assert policies.can_create_community(make_member("veteran"))
    assert not policies.can_create_community(anonymous)


def test_refusals_say_why(community, private_community, restricted_community, owner, member):
    assert policies.join_refusal(anonymous, community)[0] == "login"
    assert policies.join_refusal(member, private_community)[0] == "private"
    Ban.objects.create(community=community, user=member)
    assert policies.join_refusal(member, community) == (
        "banned",
        "You are banned from this community.",
    )
    assert policies.contribute_refusal(member, community)[0] == "banned"
    assert policies.contribute_refusal(member, restricted_community)[0] == "not_approved"
    assert policies.contribute_refusal(member, private_community)[0] == "members_only"
    assert policies.leave_refusal(owner, community)[0] == "owner_cannot_leave"
    assert policies.leave_refusal(member, community) is None


def test_contribute_refusal_uses_what_the_caller_knows(
    restricted_community, member, django_assert_num_queries
):
    membership = add_member(restricted_community, member, is_approved=True)
    with django_assert_num_queries(0):
        assert (
            policies.contribute_refusal(
                member, restricted_community, membership=membership, banned=False
            )
            is None
        )
        assert (
            policies.contribute_refusal(member, restricted_community, membership=None, banned=False)
            is not None
        )


def test_moderator_refusals(community, owner, moderator, member, staff_member):
    add_member(community, member)
    assert policies.ban_refusal(moderator, community, owner)[0] == "ban_owner"
    assert policies.ban_refusal(moderator, community, moderator)[0] == "ban_self"
    other = make_member("max")
    add_member(community, other, is_moderator=True)
    assert policies.ban_refusal(moderator, community, other)[0] == "moderator_ban"
    assert policies.ban_refusal(owner, community, other) is None
    assert policies.ban_refusal(staff_member, community, other) is None
    assert policies.ban_refusal(member, community, other)[0] == "not_moderator"
    assert policies.member_remove_refusal(moderator, community, owner)[0] == "owner_cannot_leave"
    assert policies.edit_refusal(moderator, community)[0] == "not_owner"
    assert policies.edit_refusal(owner, community) is None
    assert policies.create_refusal(member, owner=owner)[0] == "not_staff"
    assert policies.create_refusal(staff_member, owner=owner) is None
