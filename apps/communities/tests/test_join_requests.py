"""Asking to join a private community, and moderators deciding: the
services, the rules, the Members page's lists and the requester's page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.communities import events, policies, selectors, services
from apps.communities.models import Ban, Community, JoinRequest, Membership, Visibility
from conftest import make_member

from .conftest import add_member

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def count_of(community: Community) -> int:
    community.refresh_from_db(fields=["member_count"])
    return community.member_count


def real_count(community: Community) -> int:
    return Membership.objects.filter(community=community).count()


@pytest.fixture
def sent():
    """The communities events sent once the test's writes commit: (name, arguments)."""
    received = []

    def listener(signal_name):
        def receive(sender, **kwargs):
            received.append((signal_name, kwargs))

        return receive

    receivers = {
        name: listener(name)
        for name in ("member_joined", "member_left", "member_approved", "member_refused")
    }
    for name, receiver in receivers.items():
        getattr(events, name).connect(receiver, dispatch_uid=f"test-{name}")
    yield received
    for name in receivers:
        getattr(events, name).disconnect(dispatch_uid=f"test-{name}")


# --- services --------------------------------------------------------------------------


def test_a_member_asks_to_join_a_private_community_once(private_community, outsider):
    assert services.membership_request(user=outsider, community=private_community) is True
    assert services.membership_request(user=outsider, community=private_community) is False
    assert JoinRequest.objects.filter(community=private_community, user=outsider).count() == 1
    # A request gives no right to read, and changes no counter.
    assert not policies.can_read(outsider, private_community)
    assert count_of(private_community) == 1


def test_a_member_does_not_ask_to_join_what_they_belong_to(private_community, owner):
    assert services.membership_request(user=owner, community=private_community) is False
    assert not JoinRequest.objects.exists()


@pytest.mark.parametrize("visibility", [Visibility.PUBLIC, Visibility.RESTRICTED])
def test_open_communities_take_no_requests(owner, outsider, visibility):
    from .conftest import make_community

    community = make_community(owner, "open-one", visibility=visibility)
    with pytest.raises(ValidationError) as error:
        services.membership_request(user=outsider, community=community)
    assert error.value.code == "not_private"
    assert not JoinRequest.objects.exists()


def test_a_banned_member_cannot_ask(private_community, owner, outsider):
    Ban.objects.create(community=private_community, user=outsider, banned_by=owner)
    with pytest.raises(PermissionDenied, match="You are banned from this community"):
        services.membership_request(user=outsider, community=private_community)
    assert not JoinRequest.objects.exists()


def test_a_visitor_cannot_ask(private_community):
    assert policies.request_refusal(AnonymousUser(), private_community)[0] == "login"


def test_approving_a_request_makes_a_member_and_counts_them(
    private_community, owner, outsider, sent, django_capture_on_commit_callbacks
):
    services.membership_request(user=outsider, community=private_community)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.membership_approve(actor=owner, community=private_community, user=outsider)
    membership = Membership.objects.get(community=private_community, user=outsider)
    assert membership.is_approved and not membership.is_moderator
    assert not JoinRequest.objects.exists()
    assert count_of(private_community) == real_count(private_community) == 2
    assert policies.can_read(outsider, private_community)
    assert [(name, kwargs["by_request"]) for name, kwargs in sent] == [("member_joined", True)]
    # Nothing left to approve.
    assert not services.membership_approve(actor=owner, community=private_community, user=outsider)


def test_approving_in_a_restricted_community_lets_the_member_post(
    restricted_community, owner, outsider, sent, django_capture_on_commit_callbacks
):
    services.community_join(user=outsider, community=restricted_community)
    assert not policies.can_contribute(outsider, restricted_community)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.membership_approve(
            actor=owner, community=restricted_community, user=outsider
        )
    assert policies.can_contribute(outsider, restricted_community)
    assert [name for name, _kwargs in sent] == ["member_approved"]
    assert count_of(restricted_community) == real_count(restricted_community) == 2


def test_refusing_a_request_drops_it(
    private_community, owner, outsider, sent, django_capture_on_commit_callbacks
):
    services.membership_request(user=outsider, community=private_community)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.membership_refuse(actor=owner, community=private_community, user=outsider)
    assert not JoinRequest.objects.exists()
    assert not Membership.objects.filter(user=outsider).exists()
    assert count_of(private_community) == 1
    assert [name for name, _kwargs in sent] == ["member_refused"]
    # They may ask again.
    assert services.membership_request(user=outsider, community=private_community)


def test_refusing_in_a_restricted_community_ends_the_waiting_membership(
    restricted_community, owner, outsider
):
    services.community_join(user=outsider, community=restricted_community)
    assert count_of(restricted_community) == 2
    assert services.membership_refuse(actor=owner, community=restricted_community, user=outsider)
    assert not Membership.objects.filter(user=outsider).exists()
    assert count_of(restricted_community) == real_count(restricted_community) == 1


def test_refusing_never_touches_an_approved_member(restricted_community, owner, outsider):
    add_member(restricted_community, outsider, is_approved=True)
    assert not services.membership_refuse(
        actor=owner, community=restricted_community, user=outsider
    )
    assert Membership.objects.filter(user=outsider).exists()
    assert count_of(restricted_community) == 2


@pytest.mark.parametrize("decide", ["membership_approve", "membership_refuse"])
def test_only_moderators_decide_requests(private_community, outsider, decide):
    services.membership_request(user=outsider, community=private_community)
    stranger = make_member("stranger")
    with pytest.raises(PermissionDenied):
        getattr(services, decide)(actor=stranger, community=private_community, user=outsider)
    assert JoinRequest.objects.count() == 1
    assert not Membership.objects.filter(user=outsider).exists()


def test_approving_a_member_banned_meanwhile_is_refused(private_community, owner, outsider):
    services.membership_request(user=outsider, community=private_community)
    Ban.objects.create(community=private_community, user=outsider, banned_by=owner)
    with pytest.raises(ValidationError) as error:
        services.membership_approve(actor=owner, community=private_community, user=outsider)
    assert error.value.code == "banned_member"
    assert not Membership.objects.filter(user=outsider).exists()
    assert count_of(private_community) == 1


def test_adding_a_member_by_hand_settles_their_request(private_community, owner, outsider):
    services.membership_request(user=outsider, community=private_community)
    services.member_add(actor=owner, community=private_community, user=outsider)
    assert not JoinRequest.objects.exists()
    assert count_of(private_community) == real_count(private_community) == 2


def test_a_banned_member_cannot_be_added(community, owner, outsider):
    Ban.objects.create(community=community, user=outsider, banned_by=owner)
    with pytest.raises(ValidationError) as error:
        services.member_add(actor=owner, community=community, user=outsider)
    assert error.value.code == "banned_member"
    assert not Membership.objects.filter(user=outsider).exists()


def test_opening_a_private_community_drops_its_requests(private_community, owner, outsider):
    services.membership_request(user=outsider, community=private_community)
    services.community_update(
        actor=owner, community=private_community, changes={"visibility": Visibility.PUBLIC}
    )
    assert not JoinRequest.objects.exists()


def test_withdrawing_a_request(private_community, outsider):
    services.membership_request(user=outsider, community=private_community)
    assert services.membership_request_cancel(user=outsider, community=private_community)
    assert not services.membership_request_cancel(user=outsider, community=private_community)
    assert not JoinRequest.objects.exists()


# --- selectors -------------------------------------------------------------------------


def test_pending_lists_requests_of_a_private_community_newest_first(
    private_community, django_assert_num_queries
):
    askers = [make_member(f"asker{i}") for i in range(5)]
    for asker in askers:
        services.membership_request(user=asker, community=private_community)
    with django_assert_num_queries(1):
        first = selectors.pending_page(private_community, page_size=3)
        names = [row.user.profile.name for row in first]
    assert len(names) == 3 and first.next_cursor
    second = selectors.pending_page(private_community, cursor=first.next_cursor, page_size=3)
    seen = [row.user for row in first] + [row.user for row in second]
    assert seen == list(reversed(askers))


def test_pending_lists_unapproved_members_of_a_restricted_community(
    restricted_community, outsider, member
):
    services.community_join(user=outsider, community=restricted_community)
    add_member(restricted_community, member, is_approved=True)
    assert [row.user for row in selectors.pending_page(restricted_community)] == [outsider]
    members = [row.user for row in selectors.members_page(restricted_community)]
    assert outsider not in members and member in members


def test_a_junk_cursor_gives_the_first_page(community):
    assert len(selectors.members_page(community, cursor="garbage!")) == 1
    assert len(selectors.pending_page(community, cursor="WzEsMl0=")) == 0


# --- the requester's page ----------------------------------------------------------------


def request_url(slug: str = "secret-garden") -> str:
    return reverse("communities:request", args=[slug])


def test_an_outsider_asks_from_the_request_page(client, private_community, outsider):
    private_community.description = "Members only gossip"
    private_community.save()
    client.force_login(outsider)
    page = client.get(request_url()).content.decode()
    assert "c/secret-garden" in page and "Ask to join" in page
    # Only the address: nothing the community holds.
    assert "Secret Garden" not in page and "Members only gossip" not in page
    response = client.post(request_url())
    assert response.status_code == 302 and response.url == request_url()
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Your request is waiting for a moderator."]
    page = client.get(request_url()).content.decode()
    assert "Your request is waiting for a moderator." in page and "Withdraw my request" in page
    # The community itself stays closed.
    assert client.get(private_community.get_absolute_url()).status_code == 404


def test_the_request_box_answers_htmx(client, private_community, outsider):
    client.force_login(outsider)
    response = client.post(request_url(), **HTMX)
    assert response.status_code == 200
    assert 'id="request-box"' in response.content.decode()
    assert "waiting for a moderator" in response.content.decode()
    response = client.post(reverse("communities:request_cancel", args=["secret-garden"]), **HTMX)
    assert "Ask to join" in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_a_banned_member_is_told_why(client, private_community, owner, outsider):
    Ban.objects.create(community=private_community, user=outsider, banned_by=owner)
    client.force_login(outsider)
    assert "You are banned from this community." in client.get(request_url()).content.decode()
    response = client.post(request_url())
    assert response.status_code == 403
    assert not JoinRequest.objects.exists()


def test_who_may_read_or_join_is_sent_to_the_community(client, private_community, owner, community):
    client.force_login(owner)
    assert client.get(request_url()).url == private_community.get_absolute_url()
    client.force_login(make_member("walker"))
    response = client.post(request_url("gardening"))
    assert response.url == community.get_absolute_url()
    assert not JoinRequest.objects.exists()


def test_visitors_log_in_first_and_unknown_addresses_are_404(client, private_community, member):
    assert client.get(request_url()).status_code == 302
    assert client.post(request_url()).status_code == 302
    assert not JoinRequest.objects.exists()
    client.force_login(member)
    assert client.get(request_url("no-such-place")).status_code == 404


def test_a_restricted_community_shows_the_waiting_member_their_state(
    client, restricted_community, outsider
):
    services.community_join(user=outsider, community=restricted_community)
    client.force_login(outsider)
    page = client.get(reverse("communities:about", args=["announcements"])).content.decode()
    assert "Your request is waiting for a moderator" in page
    services.membership_approve(
        actor=restricted_community.owner, community=restricted_community, user=outsider
    )
    page = client.get(reverse("communities:about", args=["announcements"])).content.decode()
    assert "Your request is waiting for a moderator" not in page
