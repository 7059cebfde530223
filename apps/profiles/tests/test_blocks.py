import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from apps.api.services import token_create
from apps.profiles import selectors, services
from apps.profiles.events import member_blocked, member_unblocked
from apps.profiles.models import Block
from conftest import PASSWORD


def login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def test_block_and_unblock_are_idempotent(member, other_member):
    assert services.block_create(blocker=member, blocked=other_member) is True
    assert services.block_create(blocker=member, blocked=other_member) is False
    assert selectors.has_blocked(member, other_member)
    assert not selectors.has_blocked(other_member, member)
    assert selectors.blocked_ids(member) == {other_member.pk}
    assert services.block_delete(blocker=member, blocked=other_member) is True
    assert services.block_delete(blocker=member, blocked=other_member) is False
    assert not Block.objects.exists()


def test_blocking_yourself_is_refused(member):
    with pytest.raises(ValidationError, match="You cannot block yourself"):
        services.block_create(blocker=member, blocked=member)
    assert not Block.objects.exists()


def test_block_events_are_sent_after_commit(
    member, other_member, django_capture_on_commit_callbacks
):
    received = []

    def receiver(signal, sender, **kwargs):
        received.append((signal, kwargs["blocker"], kwargs["blocked"], kwargs["community_id"]))

    member_blocked.connect(receiver, dispatch_uid="t-blocked")
    member_unblocked.connect(receiver, dispatch_uid="t-unblocked")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.block_create(blocker=member, blocked=other_member)
            services.block_create(blocker=member, blocked=other_member)  # no second event
            services.block_delete(blocker=member, blocked=other_member)
    finally:
        member_blocked.disconnect(dispatch_uid="t-blocked")
        member_unblocked.disconnect(dispatch_uid="t-unblocked")
    assert received == [
        (member_blocked, member, other_member, None),
        (member_unblocked, member, other_member, None),
    ]


def test_block_and_unblock_from_a_profile(client, member, other_member):
    login(client, member)
    profile_url = reverse("profiles:detail", args=["omar"])
    page = client.get(profile_url).content.decode()
    assert reverse("profiles:block", args=["omar"]) in page
    assert reverse("messaging:new_to", args=["omar"]) in page
    response = client.post(reverse("profiles:block", args=["omar"]))
    assert response.status_code == 302 and response["Location"] == profile_url
    assert selectors.has_blocked(member, other_member)
    page = client.get(profile_url).content.decode()
    assert reverse("profiles:unblock", args=["omar"]) in page
    client.post(reverse("profiles:unblock", args=["omar"]))
    assert not selectors.has_blocked(member, other_member)


def test_the_blocked_member_sees_no_sign_of_the_block_on_the_profile(client, member, other_member):
    services.block_create(blocker=other_member, blocked=member)
    page = login(client, member).get(reverse("profiles:detail", args=["omar"])).content.decode()
    assert "You blocked" not in page
    assert reverse("profiles:block", args=["omar"]) in page  # same controls as anyone
    assert reverse("messaging:new_to", args=["omar"]) in page


def test_blocking_yourself_by_url_is_refused(client, member):
    response = login(client, member).post(reverse("profiles:block", args=["marta"]))
    assert response.status_code == 400
    assert b"You cannot block yourself." in response.content
    assert not Block.objects.exists()


def test_settings_list_blocks_and_undo_them(client, member, other_member):
    services.block_create(blocker=member, blocked=other_member)
    login(client, member)
    page = client.get(reverse("profiles:settings")).content.decode()
    assert "Blocked members" in page and "@omar" in page
    response = client.post(
        reverse("profiles:unblock", args=["omar"]), {"next": reverse("profiles:settings")}
    )
    assert response["Location"] == reverse("profiles:settings")
    assert not Block.objects.exists()
    assert (
        "You have not blocked anyone." in client.get(reverse("profiles:settings")).content.decode()
    )


def test_a_suspended_member_can_still_be_unblocked(client, member, other_member):
    services.block_create(blocker=member, blocked=other_member)
    other_member.is_active = False
    other_member.save()
    login(client, member).post(reverse("profiles:unblock", args=["omar"]))
    assert not Block.objects.exists()


def _api(user, scopes=("read", "write")) -> APIClient:
    _token, raw = token_create(user=user, name="tests", scopes=scopes)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_block_api(member, other_member, settings):
    rates = {"anon": "10000/min", "member": "10000/min", "member_write": "10000/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    api = _api(member)
    response = api.post("/api/v1/profiles/omar/block/")
    assert response.json() == {"blocked": True, "changed": True}
    assert api.post("/api/v1/profiles/omar/block/").json()["changed"] is False
    listing = api.get("/api/v1/me/blocks/").json()
    assert [entry["member"]["username"] for entry in listing["results"]] == ["omar"]
    assert api.post("/api/v1/profiles/marta/block/").status_code == 400
    assert api.post("/api/v1/profiles/omar/unblock/").json() == {"blocked": False, "changed": True}
    assert APIClient().post("/api/v1/profiles/omar/block/").status_code == 401
    assert not Block.objects.exists()
