"""Invites: who may make them, their page, withdrawing them, and the tree of
who invited whom for staff."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.profiles.models import Profile
from apps.registration import policies, selectors, services
from apps.registration.models import Invite, InviteUse
from conftest import make_member

from .conftest import make_invite

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _invite_mode(settings):
    settings.QUORUM_REGISTRATION_MODE = "invite"


def test_member_with_enough_karma_makes_an_unguessable_link(inviter):
    first = services.invite_create(inviter=inviter, max_uses=3, days=5)
    second = services.invite_create(inviter=inviter)
    assert first.max_uses == 3 and first.use_count == 0
    assert len(first.token) >= 32 and first.token != second.token
    assert policies.invite_refusal(first) is None


def test_member_below_the_karma_threshold_is_told_what_it_takes(member, settings):
    settings.QUORUM_INVITE_MIN_KARMA = 50
    Profile.objects.filter(user=member).update(post_karma=20, comment_karma=9)
    with pytest.raises(PermissionDenied) as caught:
        services.invite_create(inviter=member)
    assert "reaches 50 (it is 29)" in str(caught.value)
    assert not Invite.objects.exists()


def test_staff_invite_whatever_their_karma(staff_member):
    assert services.invite_create(inviter=staff_member).inviter == staff_member


def test_no_invites_outside_the_invite_mode(inviter, settings):
    settings.QUORUM_REGISTRATION_MODE = "open"
    with pytest.raises(PermissionDenied):
        services.invite_create(inviter=inviter)


def test_usable_invites_are_capped(inviter, settings):
    settings.QUORUM_INVITES_ACTIVE_MAX = 2
    services.invite_create(inviter=inviter)
    services.invite_create(inviter=inviter)
    with pytest.raises(PermissionDenied) as caught:
        services.invite_create(inviter=inviter)
    assert "withdraw one" in str(caught.value)
    assert Invite.objects.count() == 2


@pytest.mark.parametrize(("uses", "days"), [(0, 7), (11, 7), (1, 0), (1, 31)])
def test_uses_and_days_out_of_range_are_refused(inviter, uses, days):
    with pytest.raises(ValidationError):
        services.invite_create(inviter=inviter, max_uses=uses, days=days)
    assert not Invite.objects.exists()


def test_redeeming_counts_a_use_and_links_the_tree(inviter):
    invite = make_invite(inviter, max_uses=1)
    newcomer = make_member("nina")
    services.invite_redeem(token=invite.token, user=newcomer)
    invite.refresh_from_db()
    assert invite.use_count == 1
    with pytest.raises(ValidationError) as caught:
        services.invite_redeem(token=invite.token, user=make_member("nick"))
    assert "as many times as it allows" in " ".join(caught.value.messages)
    assert InviteUse.objects.count() == 1


def test_invite_past_its_use_limit_cannot_be_redeemed_even_when_forced(inviter):
    from django.db import IntegrityError, transaction

    invite = make_invite(inviter, max_uses=1, use_count=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Invite.objects.filter(pk=invite.pk).update(use_count=2)


# --- the member's page -------------------------------------------------------------------------


def test_invites_page_makes_and_lists_links(client, inviter):
    client.force_login(inviter)
    response = client.post(reverse("registration:invites"), {"max_uses": 2, "days": 3})
    assert response.status_code == 302
    invite = Invite.objects.get(inviter=inviter)
    page = client.get(reverse("registration:invites")).content.decode()
    assert reverse("registration:join", args=[invite.token]) in page
    assert "used 0 of 2 times" in page


def test_invites_page_explains_why_a_member_cannot_invite(client, member):
    client.force_login(member)
    page = client.get(reverse("registration:invites")).content.decode()
    assert "once your karma reaches" in page
    assert 'name="max_uses"' not in page
    response = client.post(reverse("registration:invites"), {"max_uses": 1, "days": 3})
    assert response.status_code == 403
    assert not Invite.objects.exists()


def test_invites_page_shows_bad_numbers_on_the_form(client, inviter):
    client.force_login(inviter)
    response = client.post(reverse("registration:invites"), {"max_uses": 500, "days": "x"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"max_uses", "days"}
    assert not Invite.objects.exists()


def test_member_withdraws_their_link(client, inviter):
    invite = make_invite(inviter)
    client.force_login(inviter)
    client.post(reverse("registration:invite_revoke", args=[invite.pk]))
    invite.refresh_from_db()
    assert invite.revoked_at is not None
    assert policies.invite_refusal(invite)[0] == "revoked"


def test_member_cannot_withdraw_someone_elses_link(client, inviter, member):
    invite = make_invite(inviter)
    client.force_login(member)
    response = client.post(reverse("registration:invite_revoke", args=[invite.pk]))
    assert response.status_code == 403
    invite.refresh_from_db()
    assert invite.revoked_at is None


# --- the tree ----------------------------------------------------------------------------------


def _chain(inviter):
    """ines invited nina and nick; nina invited nora."""
    first = make_invite(inviter, max_uses=2)
    nina, nick, nora = make_member("nina"), make_member("nick"), make_member("nora")
    services.invite_redeem(token=first.token, user=nina)
    services.invite_redeem(token=first.token, user=nick)
    services.invite_redeem(token=make_invite(nina).token, user=nora)


def test_tree_nests_members_under_their_inviter(inviter):
    _chain(inviter)
    roots = selectors.invite_tree()
    assert [node.user.username for node in roots] == ["ines"]
    children = roots[0].children
    assert [node.user.username for node in children] == ["nina", "nick"]
    assert [node.user.username for node in children[0].children] == ["nora"]


def test_tree_page_for_staff_allowed_to_see_invites(client, inviter, decider):
    _chain(inviter)
    client.force_login(decider)
    response = client.get(reverse("registration:tree"))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("ines") < page.index("nina") < page.index("nora")
    assert page.count('class="invite-tree"') == 3


@pytest.mark.parametrize("persona", ["member", "staff_member"])
def test_tree_is_refused_to_others(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("registration:tree")).status_code == 403


@pytest.mark.parametrize("size", [2, 20])
def test_tree_query_count_does_not_grow(
    client, decider, inviter, size, django_assert_max_num_queries
):
    invite = make_invite(inviter, max_uses=size)
    for index in range(size):
        services.invite_redeem(token=invite.token, user=make_member(f"guest{index}"))
    client.force_login(decider)
    client.get(reverse("registration:tree"))
    with django_assert_max_num_queries(5):
        response = client.get(reverse("registration:tree"))
    assert response.content.decode().count("/u/guest") == size


def test_admin_withdraws_invites_through_the_service(client, inviter):
    root = make_member("root", is_staff=True, is_superuser=True)
    invite = make_invite(inviter)
    client.force_login(root)
    response = client.post(
        reverse("admin:registration_invite_changelist"),
        {"action": "withdraw", "_selected_action": [invite.pk]},
        follow=True,
    )
    assert "1 invite link withdrawn." in response.content.decode()
    invite.refresh_from_db()
    assert invite.revoked_at is not None
