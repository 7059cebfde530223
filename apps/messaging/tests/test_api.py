import pytest
from rest_framework.test import APIClient

from apps.api.services import token_create
from apps.messaging.models import Message
from apps.profiles.services import block_create
from conftest import make_member

from .factories import send


@pytest.fixture(autouse=True)
def _api_rates(settings):
    rates = {"anon": "10000/min", "member": "10000/min", "member_write": "10000/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


def api_for(user, scopes=("read", "write")) -> APIClient:
    _token, raw = token_create(user=user, name="tests", scopes=scopes)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_send_lists_and_reads_a_conversation(member, other_member):
    response = api_for(member).post(
        "/api/v1/messages/", {"to": "omar", "body": "Hi <script>x</script>"}, format="json"
    )
    assert response.status_code == 201, response.json()
    sent = response.json()
    assert sent["is_own"] is True and "script" not in sent["body_html"]
    them = api_for(other_member)
    listing = them.get("/api/v1/conversations/").json()
    assert listing["results"][0]["member"]["username"] == "marta"
    assert listing["results"][0]["unread_count"] == 1
    assert listing["results"][0]["last_message"]["text"] == "Hi"
    conversation_id = sent["conversation_id"]
    page = them.get(f"/api/v1/conversations/{conversation_id}/messages/").json()
    assert [m["body_text"] for m in page["results"]] == ["Hi"]
    assert them.get("/api/v1/conversations/").json()["results"][0]["unread_count"] == 0
    reply = them.post(
        f"/api/v1/conversations/{conversation_id}/messages/", {"body": "Hello"}, format="json"
    )
    assert reply.status_code == 201 and reply.json()["sender"] == "omar"


def test_messages_are_cursor_paginated(member, other_member):
    for index in range(5):
        send(member, other_member, f"m{index}")
    client = api_for(member)
    conversation_id = Message.objects.first().conversation_id
    url = f"/api/v1/conversations/{conversation_id}/messages/"
    first = client.get(url, {"page_size": 3}).json()
    assert [m["body_text"] for m in first["results"]] == ["m2", "m3", "m4"]
    older = client.get(url, {"page_size": 3, "cursor": first["next_cursor"]}).json()
    assert [m["body_text"] for m in older["results"]] == ["m0", "m1"]
    assert older["next_cursor"] is None


@pytest.mark.parametrize(
    ("to", "body", "status", "code"),
    [
        ("marta", "Hi", 400, "validation_error"),
        ("nobody", "Hi", 400, "validation_error"),
        ("omar", "", 400, "validation_error"),
        ("omar", "x" * 5001, 400, "validation_error"),
    ],
)
def test_send_refusals_use_the_error_envelope(member, other_member, to, body, status, code):
    response = api_for(member).post("/api/v1/messages/", {"to": to, "body": body}, format="json")
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert not Message.objects.exists()


def test_send_to_a_member_who_blocked_you_is_403_with_the_one_sentence(member, other_member):
    block_create(blocker=other_member, blocked=member)
    response = api_for(member).post(
        "/api/v1/messages/", {"to": "omar", "body": "Hi"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "You can't message this member."
    assert not Message.objects.exists()


def test_a_conversation_is_404_for_anyone_else_staff_included(member, other_member):
    conversation_id = send(member, other_member).conversation_id
    for user in (make_member("root", is_staff=True, is_superuser=True),):
        client = api_for(user)
        url = f"/api/v1/conversations/{conversation_id}/messages/"
        assert client.get(url).status_code == 404
        assert client.post(url, {"body": "x"}, format="json").status_code == 404
        assert client.get("/api/v1/conversations/").json()["results"] == []


def test_messages_need_a_member_and_write_scope(client, member, other_member):
    assert APIClient().get("/api/v1/conversations/").status_code == 401
    read_only = api_for(member, scopes=("read",))
    response = read_only.post("/api/v1/messages/", {"to": "omar", "body": "Hi"}, format="json")
    assert response.status_code == 403
    assert not Message.objects.exists()


def test_messaging_endpoints_are_in_the_schema(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    for operation in ("conversations_list", "conversations_messages", "messages_send"):
        assert operation in schema
    for operation in ("profiles_block", "profiles_unblock", "me_blocks"):
        assert operation in schema
