"""The admin writes through the services: every save, delete and action
keeps member_count, the moderator flag and the feed cache right."""

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from apps.communities import services
from apps.communities.admin import BanAdmin
from apps.communities.models import Ban, Community, Membership
from apps.core.cache import feed_version
from conftest import make_member

from .conftest import add_member

pytestmark = pytest.mark.django_db

COMMUNITY_ADD = reverse("admin:communities_community_add")
MEMBERSHIP_ADD = reverse("admin:communities_membership_add")
MEMBERSHIPS = reverse("admin:communities_membership_changelist")


def texts(**values) -> dict:
    """Every translated text field of the community form, blank unless given."""
    return {**dict.fromkeys(services.translated_text_fields(), ""), **values}


def counted(community) -> int:
    community.refresh_from_db(fields=["member_count"])
    assert community.member_count == Membership.objects.filter(community=community).count()
    return community.member_count


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (events, cache bumps) of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# --- communities -------------------------------------------------------------------------


def test_admin_creates_a_community_with_its_owner_as_moderator(admin_client, member, commit):
    before = feed_version()
    data = {"slug": "birds", "owner": member.pk, "visibility": "public"}
    with commit():
        response = admin_client.post(
            COMMUNITY_ADD, {**data, **texts(name_en="Birds", name_fr="Oiseaux")}
        )
    assert response.status_code == 302
    community = Community.objects.get(slug="birds")
    assert (community.name, community.name_fr) == ("Birds", "Oiseaux")
    assert counted(community) == 1
    assert Membership.objects.get(community=community, user=member).is_moderator
    assert feed_version() != before


def test_admin_refuses_an_inactive_owner_on_the_form(admin_client):
    gone = make_member("gone", is_active=False)
    response = admin_client.post(
        COMMUNITY_ADD,
        {"slug": "birds", "owner": gone.pk, "visibility": "public", **texts(name_en="Birds")},
    )
    assert response.status_code == 200
    assert b"This account is not active." in response.content
    assert not Community.objects.exists()


def test_admin_edit_writes_texts_never_counters_owner_or_address(
    admin_client, community, owner, member, commit
):
    add_member(community, member)
    before = feed_version(community.pk)
    url = reverse("admin:communities_community_change", args=[community.pk])
    data = {
        **texts(name_en="Gardens", description_en="Green things."),
        "visibility": "restricted",
        # Read-only here: ignored if posted anyway.
        "member_count": 99,
        "post_count": 99,
        "slug": "hijacked",
        "owner": member.pk,
    }
    with commit():
        response = admin_client.post(url, data)
    assert response.status_code == 302
    community.refresh_from_db()
    assert (community.name, community.description) == ("Gardens", "<p>Green things.</p>")
    assert community.visibility == "restricted"
    assert (community.slug, community.owner, community.post_count) == ("gardening", owner, 0)
    assert counted(community) == 2
    assert feed_version(community.pk) != before


def test_admin_cannot_delete_a_community(admin_client, community):
    url = reverse("admin:communities_community_delete", args=[community.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Community.objects.filter(pk=community.pk).exists()


# --- memberships -------------------------------------------------------------------------


def test_admin_adds_a_member_counted_and_never_as_moderator(
    admin_client, private_community, member, commit
):
    before = feed_version(private_community.pk)
    data = {"community": private_community.pk, "user": member.pk, "is_moderator": "on"}
    with commit():
        response = admin_client.post(MEMBERSHIP_ADD, data)
    assert response.status_code == 302
    membership = Membership.objects.get(community=private_community, user=member)
    assert not membership.is_moderator
    assert counted(private_community) == 2
    assert feed_version(private_community.pk) != before


def test_admin_cannot_add_an_inactive_account(admin_client, private_community):
    gone = make_member("gone", is_active=False)
    response = admin_client.post(
        MEMBERSHIP_ADD, {"community": private_community.pk, "user": gone.pk}
    )
    assert response.status_code == 200
    assert b"This account is not active." in response.content
    assert counted(private_community) == 1


def test_admin_membership_page_edits_no_role(admin_client, community, member):
    membership = add_member(community, member, is_approved=False)
    url = reverse("admin:communities_membership_change", args=[membership.pk])
    response = admin_client.post(url, {"is_moderator": "on", "is_approved": "on"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert not membership.is_moderator and not membership.is_approved


def test_admin_deletes_a_membership_through_the_service(admin_client, community, member, commit):
    membership = add_member(community, member)
    before = feed_version(community.pk)
    url = reverse("admin:communities_membership_delete", args=[membership.pk])
    with commit():
        assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert counted(community) == 1
    assert feed_version(community.pk) != before


def test_admin_cannot_delete_the_owners_membership(admin_client, community, owner):
    membership = Membership.objects.get(community=community, user=owner)
    url = reverse("admin:communities_membership_delete", args=[membership.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert counted(community) == 1


def test_admin_bulk_delete_keeps_counts_and_spares_the_owner(
    admin_client, community, owner, member, other_member, commit
):
    ids = [add_member(community, user).pk for user in (member, other_member)]
    action = {"action": "delete_selected", "post": "yes"}
    with commit():
        response = admin_client.post(MEMBERSHIPS, {**action, ACTION_CHECKBOX_NAME: ids})
    assert response.status_code == 302
    assert counted(community) == 1
    # With the owner's membership selected, nothing is deleted.
    third = add_member(community, make_member("third"))
    owners = Membership.objects.get(community=community, user=owner)
    admin_client.post(MEMBERSHIPS, {**action, ACTION_CHECKBOX_NAME: [third.pk, owners.pk]})
    assert counted(community) == 2


def test_admin_approve_action_uses_the_service(
    admin_client, restricted_community, member, other_member
):
    waiting = add_member(restricted_community, member, is_approved=False)
    approved = add_member(restricted_community, other_member, is_approved=True)
    response = admin_client.post(
        MEMBERSHIPS,
        {"action": "approve_to_post", ACTION_CHECKBOX_NAME: [waiting.pk, approved.pk]},
        follow=True,
    )
    waiting.refresh_from_db()
    assert waiting.is_approved and not waiting.is_moderator
    assert b"1 member approved." in response.content  # the one that was waiting
    assert counted(restricted_community) == 3


# --- bans (apps.moderation registers a logging subclass; the base stays right) ---------------


def test_base_ban_admin_bans_and_lifts_through_the_services(
    rf, community, moderator, staff_member, commit
):
    model_admin = BanAdmin(Ban, admin.site)
    request = rf.post("/")
    request.user = staff_member
    ban = Ban(community=community, user=moderator, reason="spam")
    before = feed_version(community.pk)
    with commit():
        model_admin.save_model(request, ban, form=None, change=False)
    stored = Ban.objects.get(pk=ban.pk)
    assert stored.banned_by == staff_member
    assert not Membership.objects.get(community=community, user=moderator).is_moderator
    banned = feed_version(community.pk)
    assert banned != before
    with commit():
        model_admin.delete_queryset(request, Ban.objects.filter(pk=ban.pk))
    assert not Ban.objects.exists()
    assert feed_version(community.pk) != banned  # the unban event was sent
