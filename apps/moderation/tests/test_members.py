"""The Members page of a community's moderator tools: requests approved or
refused, members added and removed, each logged; who may, and bad input."""

import pytest
from django.urls import reverse

from apps.communities import services as community_services
from apps.communities.models import Community, JoinRequest, Membership, Visibility
from apps.moderation import services
from apps.moderation.models import Action, ModerationAction
from conftest import make_member

from .conftest import add_member, client_as, make_community

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def text(response) -> str:
    return response.content.decode()


def page_url(slug: str) -> str:
    return reverse("moderation:members", args=[slug])


def action_url(slug: str, action: str) -> str:
    return reverse("moderation:member_action", args=[slug, action])


@pytest.fixture
def private(owner, moderator):
    """A private community (secret-garden) olivia owns and mia moderates."""
    community = make_community(owner, "secret-garden", visibility=Visibility.PRIVATE)
    add_member(community, moderator, is_moderator=True)
    return community


@pytest.fixture
def restricted(owner, moderator):
    community = make_community(owner, "announcements", visibility=Visibility.RESTRICTED)
    add_member(community, moderator, is_moderator=True)
    return community


@pytest.fixture
def asker(private):
    user = make_member("ada")
    community_services.membership_request(user=user, community=private)
    return user


def nothing_written(community: Community, user) -> bool:
    return (
        not Membership.objects.filter(community=community, user=user).exists()
        and not ModerationAction.objects.exists()
    )


def exact_count(community: Community) -> int:
    community.refresh_from_db(fields=["member_count"])
    assert community.member_count == Membership.objects.filter(community=community).count()
    return community.member_count


# --- who may ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, status",
    [
        ("owner", 200),
        ("moderator", 200),
        ("staff_moderator", 200),
        ("member", 403),
        ("outsider", 403),
        ("plain_staff", 403),
        ("other_moderator", 403),
    ],
)
def test_members_page_role_matrix(client, actor, restricted, member, role, status):
    add_member(restricted, member)
    client_as(client, actor(role))
    assert client.get(page_url("announcements")).status_code == status


def test_visitors_are_sent_to_log_in(client, restricted):
    assert client.get(page_url("announcements")).status_code == 302


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("owner", True),
        ("moderator", True),
        ("staff_moderator", True),
        ("member", False),
        ("outsider", False),
        ("plain_staff", False),
        ("other_moderator", False),
    ],
)
def test_approving_role_matrix(client, actor, restricted, member, role, allowed):
    waiting = make_member("wendy")
    community_services.community_join(user=waiting, community=restricted)
    add_member(restricted, member)
    client_as(client, actor(role))
    response = client.post(action_url("announcements", "approve"), {"member": "wendy"})
    approved = Membership.objects.get(community=restricted, user=waiting).is_approved
    if allowed:
        assert response.status_code == 302 and approved
        entry = ModerationAction.objects.get()
        assert (entry.action, entry.member, entry.community) == (
            Action.MEMBER_APPROVED,
            waiting,
            restricted,
        )
    else:
        assert response.status_code == 403 and not approved
        assert not ModerationAction.objects.exists()


def test_a_private_community_is_a_404_to_moderators_of_another(
    client, other_moderator, private, asker
):
    client.force_login(other_moderator)
    assert client.get(page_url("secret-garden")).status_code == 404
    response = client.post(action_url("secret-garden", "approve"), {"member": "ada"})
    assert response.status_code == 404
    assert nothing_written(private, asker) and JoinRequest.objects.count() == 1


def test_approving_a_member_of_another_community_is_refused(
    client, other_moderator, restricted, private, asker
):
    """Otto moderates cycling: neither announcements' URL (403) nor his own
    community's (not waiting there) approves anyone elsewhere."""
    waiting = make_member("wendy")
    community_services.community_join(user=waiting, community=restricted)
    client.force_login(other_moderator)
    response = client.post(action_url("announcements", "approve"), {"member": "wendy"})
    assert response.status_code == 403
    assert not Membership.objects.get(user=waiting, community=restricted).is_approved
    response = client.post(action_url("cycling", "approve"), {"member": "ada"})
    assert response.status_code == 400
    assert "ada is not waiting for approval here." in text(response)
    assert nothing_written(private, asker) and JoinRequest.objects.count() == 1
    assert not Membership.objects.filter(user=asker).exists()


# --- the page and its actions -------------------------------------------------------------


def test_owner_approves_a_request_from_the_members_page(client, owner, private, asker):
    client.force_login(owner)
    page = text(client.get(page_url("secret-garden")))
    assert "Waiting for approval" in page and "@ada" in page
    assert "/c/secret-garden/request/" in page
    response = client.post(action_url("secret-garden", "approve"), {"member": "ada"})
    assert response.status_code == 302 and response.url == page_url("secret-garden")
    assert Membership.objects.filter(community=private, user=asker, is_approved=True).exists()
    assert not JoinRequest.objects.exists()
    assert exact_count(private) == 3
    page = text(client.get(page_url("secret-garden")))
    assert "Nobody is waiting." in page and "@ada" in page


def test_refusing_by_htmx_answers_the_row(client, moderator, private, asker):
    client.force_login(moderator)
    response = client.post(
        action_url("secret-garden", "refuse"), {"member": "ada", "reason": "Not now"}, **HTMX
    )
    assert response.status_code == 200
    assert "The request of ada is refused." in text(response)
    assert not JoinRequest.objects.exists() and not Membership.objects.filter(user=asker).exists()
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.reason, entry.target_label) == (
        Action.MEMBER_REFUSED,
        "Not now",
        "ada",
    )


def test_add_and_remove_are_logged_and_counted(client, owner, community):
    newcomer = make_member("nina")
    client.force_login(owner)
    client.post(action_url("gardening", "add"), {"member": "nina"})
    assert Membership.objects.filter(community=community, user=newcomer).exists()
    assert exact_count(community) == 2
    client.post(action_url("gardening", "remove"), {"member": "nina", "reason": "Spam"})
    assert not Membership.objects.filter(community=community, user=newcomer).exists()
    assert exact_count(community) == 1
    actions = list(ModerationAction.objects.order_by("id").values_list("action", "member"))
    assert actions == [
        (Action.MEMBER_ADDED, newcomer.pk),
        (Action.MEMBER_REMOVED, newcomer.pk),
    ]
    log = text(client.get(reverse("moderation:community_log", args=["gardening"])))
    assert "added a member" in log and "removed a member" in log


@pytest.mark.parametrize(
    "action, data, message",
    [
        ("approve", {"member": "ghost"}, "There is no member with this username."),
        ("approve", {"member": ""}, "There is no member with this username."),
        ("approve", {"member": "marta"}, "marta is not waiting for approval here."),
        ("refuse", {"member": "marta"}, "marta is not waiting for approval here."),
        ("add", {"member": "marta"}, "marta is already a member."),
        ("add", {"member": "boris"}, "This member is banned from this community"),
        ("remove", {"member": "olivia"}, "The owner cannot be removed."),
        ("remove", {"member": "oscar"}, "oscar is not a member here."),
        ("refuse", {"member": "wendy", "reason": "x" * 501}, "Keep it under 500 characters"),
    ],
)
def test_bad_input_says_why_and_writes_nothing(
    client, moderator, member, banned_member, outsider, community, action, data, message
):
    waiting = make_member("wendy")
    Membership.objects.create(community=community, user=waiting, is_approved=False)
    before = list(Membership.objects.order_by("id").values_list("user", "is_approved"))
    client.force_login(moderator)
    response = client.post(action_url("gardening", action), data)
    assert response.status_code == 400
    assert message in text(response)
    assert list(Membership.objects.order_by("id").values_list("user", "is_approved")) == before
    assert not ModerationAction.objects.exists()


def test_a_moderator_cannot_remove_another_moderator(client, moderator, owner, community):
    second = make_member("max")
    add_member(community, second, is_moderator=True)
    client.force_login(moderator)
    response = client.post(action_url("gardening", "remove"), {"member": "max"})
    assert response.status_code == 403
    assert Membership.objects.filter(user=second, is_moderator=True).exists()
    client.force_login(owner)
    client.post(action_url("gardening", "remove"), {"member": "max"})
    assert not Membership.objects.filter(user=second).exists()


def test_an_unknown_action_is_404(client, owner, community):
    client.force_login(owner)
    assert client.post(action_url("gardening", "promote"), {"member": "olivia"}).status_code == 404


def test_the_page_is_a_get_and_actions_are_posts(client, owner, community):
    client.force_login(owner)
    assert client.post(page_url("gardening")).status_code == 405
    assert client.get(action_url("gardening", "add")).status_code == 405


def test_services_refuse_the_same_way_as_the_page(owner, outsider, community, plain_staff):
    from django.core.exceptions import PermissionDenied

    for service in (services.member_add, services.membership_approve):
        with pytest.raises(PermissionDenied):
            service(actor=plain_staff, community=community, member=outsider)
    assert nothing_written(community, outsider)


# --- query counts -------------------------------------------------------------------------


@pytest.mark.parametrize("size", [5, 40])
def test_members_page_queries_do_not_grow(client, owner, private, size, django_assert_num_queries):
    for index in range(size):
        add_member(private, make_member(f"member{index}"))
        community_services.membership_request(user=make_member(f"asker{index}"), community=private)
    client.force_login(owner)
    url = page_url("secret-garden")
    client.get(url)
    # session + user, community, standing (2), the two lists: 6 at any size.
    with django_assert_num_queries(6):
        response = client.get(url)
    page = text(response)
    assert page.count('id="pending-asker') == min(size, 30)
    assert page.count("joined ") >= min(size, 30)
