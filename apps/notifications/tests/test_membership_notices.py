"""What a member is told when moderators decide about their membership:
a request approved or refused, added or removed by hand, approved to post."""

import pytest
from django.urls import reverse

from apps.communities import services as communities
from apps.communities.models import Visibility
from apps.communities.tests.conftest import add_member, make_community
from apps.moderation import services as moderation
from apps.notifications.models import Kind, Notification
from apps.profiles.models import Block
from conftest import make_member

pytestmark = pytest.mark.django_db


def told(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user, kind=Kind.MEMBERSHIP)
        .order_by("id")
        .values_list("verb", flat=True)
    )


def inbox(client, user, filter_name: str = "all") -> str:
    client.force_login(user)
    return client.get(reverse("notifications:inbox"), {"filter": filter_name}).content.decode()


@pytest.fixture
def private(owner):
    return make_community(owner, "secret-garden", visibility=Visibility.PRIVATE, name="Secret")


@pytest.fixture
def ada(db):
    return make_member("ada")


def test_an_approved_request_is_told_and_leads_to_the_community(
    client, private, owner, ada, committed
):
    communities.membership_request(user=ada, community=private)
    assert told(ada) == []
    with committed():
        moderation.membership_approve(actor=owner, community=private, member=ada)
    assert told(ada) == ["approved"]
    page = inbox(client, ada, "moderation")
    assert "Your request to join Secret was approved: welcome!" in page
    notification = Notification.objects.get(recipient=ada)
    assert notification.target_url() == private.get_absolute_url()
    ada.profile.refresh_from_db()
    assert ada.profile.unread_notifications == 1


def test_a_refused_request_is_told_and_leads_to_the_request_page(
    client, private, owner, ada, committed
):
    communities.membership_request(user=ada, community=private)
    with committed():
        moderation.membership_refuse(actor=owner, community=private, member=ada, reason="Full")
    assert told(ada) == ["refused"]
    assert "A moderator turned down your request in Secret" in inbox(client, ada)
    notification = Notification.objects.get(recipient=ada)
    assert notification.target_url() == reverse("communities:request", args=["secret-garden"])


def test_added_and_removed_by_a_moderator_are_told(client, community, owner, ada, committed):
    with committed():
        moderation.member_add(actor=owner, community=community, member=ada)
    with committed():
        moderation.member_remove(actor=owner, community=community, member=ada)
    assert told(ada) == ["added", "removed"]
    page = inbox(client, ada)
    assert "A moderator added you to Gardening" in page
    assert "A moderator removed you from Gardening" in page


def test_approval_to_post_in_a_restricted_community_is_told(client, owner, ada, committed):
    restricted = make_community(owner, "news", visibility=Visibility.RESTRICTED, name="News")
    with committed():
        communities.community_join(user=ada, community=restricted)
    assert told(ada) == []
    with committed():
        moderation.membership_approve(actor=owner, community=restricted, member=ada)
    assert told(ada) == ["approved_to_post"]
    assert "A moderator approved you: you can now post in News" in inbox(client, ada)


def test_joining_and_leaving_oneself_is_no_news(community, ada, committed):
    with committed():
        communities.community_join(user=ada, community=community)
        communities.community_leave(user=ada, community=community)
    assert not Notification.objects.exists()


def test_a_decision_reaches_a_member_who_blocked_the_moderator(private, owner, ada, committed):
    Block.objects.create(blocker=ada, blocked=owner)
    communities.membership_request(user=ada, community=private)
    with committed():
        moderation.membership_approve(actor=owner, community=private, member=ada)
    assert told(ada) == ["approved"]


def test_the_new_kind_has_its_setting(client, ada):
    client.force_login(ada)
    page = client.get(reverse("notifications:settings")).content.decode()
    assert "Your membership of a community" in page


def test_a_refused_request_writes_nothing_when_nothing_waits(community, owner, ada, committed):
    add_member(community, ada)
    with committed(), pytest.raises(Exception, match="not waiting"):
        moderation.membership_refuse(actor=owner, community=community, member=ada)
    assert not Notification.objects.exists()


# --- the moderators are told who waits ------------------------------------------------------


def test_moderators_are_told_of_requests_grouped_per_community(
    client, private, owner, ada, committed
):
    moderator = make_member("mia")
    add_member(private, moderator, is_moderator=True)
    with committed():
        communities.membership_request(user=ada, community=private)
    with committed():
        communities.membership_request(user=make_member("ben"), community=private)
    for member in (owner, moderator):
        notice = Notification.objects.get(recipient=member, kind=Kind.MEMBERSHIP_REQUEST)
        assert notice.count == 2 and notice.actor.username == "ben"
        assert notice.target_url() == reverse("moderation:members", args=["secret-garden"])
    assert "2 members are waiting for your approval in Secret" in inbox(client, owner, "moderation")
    assert not Notification.objects.filter(recipient=ada).exists()


def test_a_member_waiting_to_post_in_a_restricted_community_is_announced(owner, ada, committed):
    restricted = make_community(owner, "news", visibility=Visibility.RESTRICTED, name="News")
    with committed():
        communities.community_join(user=ada, community=restricted)
    notice = Notification.objects.get(recipient=owner)
    assert (notice.kind, notice.actor) == (Kind.MEMBERSHIP_REQUEST, ada)


def test_joining_a_public_community_announces_nothing(community, owner, ada, committed):
    with committed():
        communities.community_join(user=ada, community=community)
    assert not Notification.objects.exists()
