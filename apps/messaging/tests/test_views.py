import pytest
from django.urls import reverse

from apps.messaging.models import Message, Participant
from apps.profiles.models import Block
from apps.profiles.services import block_create
from conftest import make_member

from .conftest import login
from .factories import send


@pytest.fixture
def conversation(member, other_member):
    return send(member, other_member, "First words").conversation


def test_messages_pages_need_a_login(client, conversation):
    for url in (reverse("messaging:list"), conversation.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_list_shows_conversations_newest_first_with_unread_marked(client, member, other_member):
    third = make_member("carla")
    send(other_member, member, "from omar")
    send(third, member, "from carla")
    response = login(client, member).get(reverse("messaging:list"))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("from carla") < content.index("from omar")
    assert "1 unread" in content


def test_only_the_two_members_see_a_conversation(client, conversation, member, other_member):
    from apps.communities.tests.conftest import make_community

    outsider = make_member("oscar")
    community_moderator = make_member("olivia")
    make_community(community_moderator, "gardening")
    staff = make_member("root", is_staff=True, is_superuser=True)
    for user in (outsider, community_moderator, staff):
        client.logout()
        response = login(client, user).get(conversation.get_absolute_url())
        assert response.status_code == 404
        assert b"First words" not in response.content
        response = client.post(conversation.get_absolute_url(), {"body": "intruding"})
        assert response.status_code == 404
    assert Message.objects.count() == 1
    client.logout()
    response = login(client, other_member).get(conversation.get_absolute_url())
    assert response.status_code == 200 and b"First words" in response.content


def test_opening_a_conversation_marks_it_read(client, conversation, other_member):
    assert Participant.objects.get(user=other_member).unread_count == 1
    login(client, other_member).get(conversation.get_absolute_url())
    participant = Participant.objects.get(user=other_member)
    assert participant.unread_count == 0 and participant.last_read_at is not None
    response = client.get(reverse("messaging:list"))
    assert b"unread" not in response.content


def test_reply_from_the_thread(client, conversation, member, other_member):
    response = login(client, other_member).post(
        conversation.get_absolute_url(), {"body": "Answer <script>x()</script>"}
    )
    assert response.status_code == 302
    message = Message.objects.latest("created")
    assert message.sender == other_member and "script" not in message.body_html
    assert Participant.objects.get(user=member).unread_count == 1


def test_empty_reply_shows_the_form_again_with_the_reason(client, conversation, other_member):
    response = login(client, other_member).post(conversation.get_absolute_url(), {"body": " "})
    assert response.status_code == 200
    assert b"Your message is empty" in response.content
    assert Message.objects.count() == 1


def test_reply_to_a_member_who_blocked_you_is_refused_with_403(
    client, conversation, member, other_member
):
    block_create(blocker=member, blocked=other_member)
    response = login(client, other_member).post(conversation.get_absolute_url(), {"body": "hey"})
    assert response.status_code == 403
    assert "You can&#x27;t message this member." in response.content.decode()
    assert Message.objects.count() == 1


def test_new_message_from_a_profile_goes_to_the_existing_conversation(
    client, conversation, member, other_member
):
    response = login(client, member).get(reverse("messaging:new_to", args=[other_member.username]))
    assert response.status_code == 302
    assert response["Location"] == conversation.get_absolute_url()


def test_new_message_starts_a_conversation(client, member, other_member):
    login(client, member)
    page = client.get(reverse("messaging:new_to", args=[other_member.username]))
    assert page.status_code == 200
    assert b'name="to"' in page.content and b"<label" in page.content
    response = client.post(reverse("messaging:new"), {"to": "Omar", "body": "Hello Omar"})
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.conversation.get_absolute_url() in response["Location"]


@pytest.mark.parametrize(
    ("to", "body", "reason"),
    [
        ("marta", "Hi", "You cannot send a message to yourself."),
        ("nobody-here", "Hi", "There is no active member with this name."),
        ("omar", "", "Your message is empty"),
        ("omar", "x" * 5001, "A message can be at most 5,000 characters long"),
    ],
)
def test_new_message_refusals_are_shown_and_nothing_stored(
    client, member, other_member, to, body, reason
):
    response = login(client, member).post(reverse("messaging:new"), {"to": to, "body": body})
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not Message.objects.exists()


def test_new_message_page_to_a_member_who_blocked_you_says_you_cant(client, member, other_member):
    block_create(blocker=other_member, blocked=member)
    response = login(client, member).get(reverse("messaging:new_to", args=["omar"]))
    content = response.content.decode()
    assert "You can&#x27;t message this member." in content
    assert "block" not in content.lower().replace("blockquote", "")
    response = client.post(reverse("messaging:new"), {"to": "omar", "body": "Hi"})
    assert response.status_code == 403
    assert not Message.objects.exists()


def test_delete_for_yourself_hides_messages_up_to_now_for_you_only(
    client, conversation, member, other_member
):
    login(client, member)
    response = client.post(reverse("messaging:delete", args=[conversation.pk]))
    assert response.status_code == 302
    assert b"First words" not in client.get(reverse("messaging:list")).content
    assert b"First words" not in client.get(conversation.get_absolute_url()).content
    send(other_member, member, "Are you there?")
    content = client.get(conversation.get_absolute_url()).content
    assert b"Are you there?" in content and b"First words" not in content
    client.logout()
    login(client, other_member)
    content = client.get(conversation.get_absolute_url()).content
    assert b"First words" in content and b"Are you there?" in content


def test_get_on_state_changing_urls_is_405(client, conversation, member, other_member):
    login(client, member)
    for url in (
        reverse("messaging:delete", args=[conversation.pk]),
        reverse("profiles:block", args=[other_member.username]),
        reverse("profiles:unblock", args=[other_member.username]),
    ):
        assert client.get(url).status_code == 405
    assert not Block.objects.exists()
    assert Participant.objects.get(user=member).hidden_before is None


def test_block_from_a_message_comes_back_to_the_conversation(
    client, conversation, member, other_member
):
    login(client, other_member)
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert reverse("profiles:block", args=["marta"]) in page
    assert reverse("moderation:report_message", args=[conversation.last_message_id]) in page
    response = client.post(
        reverse("profiles:block", args=["marta"]), {"next": conversation.get_absolute_url()}
    )
    assert response.status_code == 302
    assert response["Location"] == conversation.get_absolute_url()
    assert Block.objects.filter(blocker=other_member, blocked=member).exists()


def test_own_messages_offer_neither_report_nor_block(client, conversation, member):
    page = login(client, member).get(conversation.get_absolute_url()).content.decode()
    assert "/report/message/" not in page
    assert reverse("profiles:block", args=["omar"]) not in page


def _many_conversations(member, count):
    for index in range(count):
        send(make_member(f"friend{index}"), member, f"hello {index}")


@pytest.mark.parametrize("count", [3, 20])
def test_list_page_queries_do_not_grow_with_conversations(
    client, member, count, django_assert_max_num_queries
):
    _many_conversations(member, count)
    login(client, member)
    # Session and member (with profile), then one query for the whole page.
    with django_assert_max_num_queries(4):
        response = client.get(reverse("messaging:list"))
    assert response.content.count(b'class="conversation-row') == count


@pytest.mark.parametrize("count", [3, 40])
def test_conversation_page_queries_do_not_grow_with_messages(
    client, member, other_member, count, django_assert_max_num_queries
):
    for index in range(count):
        send(member if index % 2 else other_member, member if index % 2 == 0 else other_member)
    conversation = Message.objects.first().conversation
    login(client, member)
    # Session, member, the viewer's side, marking read, the block rule, the messages.
    with django_assert_max_num_queries(7):
        response = client.get(conversation.get_absolute_url())
    assert response.content.count(b'<li class="message') == count


def test_older_messages_come_by_cursor_in_reading_order(client, member, other_member):
    from apps.messaging import selectors

    for index in range(5):
        send(member, other_member, f"message {index}")
    participant = Participant.objects.get(user=member)
    first = selectors.messages_page(participant, viewer=member, page_size=3)
    assert [m.body_text for m in first] == ["message 2", "message 3", "message 4"]
    older = selectors.messages_page(
        participant, viewer=member, page_size=3, cursor=first.next_cursor
    )
    assert [m.body_text for m in older] == ["message 0", "message 1"]
    assert older.next_cursor is None


def test_a_conversation_id_past_the_database_range_is_404(client, db):
    from conftest import make_member

    client.force_login(make_member("overflow_olga"))
    assert client.get(f"/messages/{2**70}/").status_code == 404
