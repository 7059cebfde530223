from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from apps.communities import policies
from apps.communities.models import Ban

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
    from conftest import make_member

    assert not policies.can_create_community(make_member("newbie", verified=False))
    assert policies.can_create_community(make_member("veteran"))
    assert not policies.can_create_community(anonymous)
