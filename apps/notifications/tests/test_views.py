"""/inbox/, its entries, read state, the header badge, query counts, and the API."""

import pytest
from django.contrib import admin
from django.urls import reverse

from apps.notifications.models import Kind, Notification
from apps.posts.tests.factories import make_post
from conftest import make_member

from .conftest import reply, unread

pytestmark = pytest.mark.django_db

INBOX = "/inbox/"


def make_notifications(recipient, post, count: int, kind=Kind.POST_REPLY):
    """`count` separate unread notifications (each about its own comment)."""
    from apps.comments.models import Comment

    actor = make_member(f"actor{count}")
    items = []
    for index in range(count):
        comment = Comment.objects.create(post=post, author=actor, body_html=f"<p>{index}</p>")
        items.append(
            Notification(recipient=recipient, kind=kind, actor=actor, post=post, comment=comment)
        )
    Notification.objects.bulk_create(items)
    recipient.profile.__class__.objects.filter(user=recipient).update(unread_notifications=count)
    return items


@pytest.fixture
def author_client(client, author):
    client.force_login(author)
    return client


def test_inbox_requires_login(client):
    response = client.get(INBOX)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_inbox_lists_entries_newest_first_with_unread_marked_in_words(
    author_client, post, replier, mentioned, committed
):
    reply(committed, replier, post, body="First")
    first = Notification.objects.get()
    Notification.objects.filter(pk=first.pk).update(read_at=first.created)
    with committed():
        make_post(mentioned, post.community, "Second post", "<p>@alba look</p>")
    response = author_client.get(INBOX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("mentioned you") < html.index("replied to your post")
    assert html.count('class="badge badge-accent">New<') == 1
    assert '<ol class="notification-list">' in html


def test_filters_show_only_their_kinds(author_client, post, replier, mentioned, committed):
    reply(committed, replier, post)
    with committed():
        make_post(mentioned, post.community, "Hi", "<p>@alba</p>")
    replies = author_client.get(INBOX, {"filter": "replies"}).content.decode()
    mentions = author_client.get(INBOX, {"filter": "mentions"}).content.decode()
    junk = author_client.get(INBOX, {"filter": "<script>"})
    assert "replied to your post" in replies and "mentioned you" not in replies
    assert "mentioned you" in mentions and "replied to your post" not in mentions
    assert junk.status_code == 200  # an unknown filter shows everything


def test_inbox_pages_with_a_cursor(author_client, author, post):
    make_notifications(author, post, 30)
    first = author_client.get(INBOX)
    page = first.context["page"]
    assert len(page.items) == 25 and page.next_cursor
    second = author_client.get(INBOX, {"cursor": page.next_cursor})
    ids = {n.pk for n in page.items} | {n.pk for n in second.context["page"].items}
    assert len(ids) == 30
    assert second.context["page"].next_cursor is None


def test_opening_an_entry_marks_it_read_and_lands_on_the_comment(
    author_client, author, post, replier, committed
):
    comment = reply(committed, replier, post)
    notification = Notification.objects.get(recipient=author)
    response = author_client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/comment/{comment.pk}/")
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert unread(author) == 0


def test_another_members_notification_is_404_and_stays_unread(
    client, author, post, replier, committed
):
    reply(committed, replier, post)
    notification = Notification.objects.get(recipient=author)
    client.force_login(replier)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    assert (
        client.post(reverse("notifications:mark_read", args=[notification.pk])).status_code == 404
    )
    notification.refresh_from_db()
    assert notification.read_at is None
    assert unread(author) == 1


def test_state_changing_urls_refuse_get(author_client, author, post, replier, committed):
    reply(committed, replier, post)
    notification = Notification.objects.get(recipient=author)
    assert author_client.get(reverse("notifications:mark_all_read")).status_code == 405
    assert (
        author_client.get(reverse("notifications:mark_read", args=[notification.pk])).status_code
        == 405
    )
    assert unread(author) == 1


def test_mark_all_read_without_javascript(author_client, author, post):
    make_notifications(author, post, 3)
    response = author_client.post(reverse("notifications:mark_all_read"), {"next": INBOX})
    assert response.status_code == 302 and response["Location"] == INBOX
    assert unread(author) == 0
    assert not Notification.objects.filter(recipient=author, read_at__isnull=True).exists()


def test_header_badge_has_an_accessible_label(author_client, author, post):
    make_notifications(author, post, 3)
    html = author_client.get("/").content.decode()
    assert "3 unread notifications" in html
    assert 'hx-trigger="every 60s, visibilitychange from:document"' in html


def test_count_endpoint_answers_304_while_the_count_is_unchanged(author_client, author, post):
    make_notifications(author, post, 2)
    first = author_client.get(reverse("notifications:count"))
    assert first.status_code == 200 and "2 unread notifications" in first.content.decode()
    again = author_client.get(reverse("notifications:count"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    Notification.objects.update(read_at=None)
    author_client.post(reverse("notifications:mark_all_read"))
    fresh = author_client.get(reverse("notifications:count"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200 and "unread notification" not in fresh.content.decode()


def test_visitors_get_no_badge(client):
    assert client.get(reverse("notifications:count")).status_code == 204


@pytest.mark.parametrize("size", [5, 40])
def test_inbox_query_count_does_not_grow(
    author_client, author, post, size, django_assert_max_num_queries
):
    make_notifications(author, post, size)
    # session, member with profile, the page; + the savepoint pair of tests.
    with django_assert_max_num_queries(4):
        response = author_client.get(INBOX)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [0, 40])
def test_count_endpoint_costs_only_authentication(
    author_client, author, post, size, django_assert_num_queries
):
    make_notifications(author, post, size)
    # The member with their profile (the session comes from the cache).
    with django_assert_num_queries(1):
        response = author_client.get(reverse("notifications:count"))
    assert response.status_code == 200


def test_header_badge_adds_no_query_to_a_page(author_client, author, post):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_of_front_page() -> int:
        with CaptureQueriesContext(connection) as context:
            assert author_client.get("/").status_code == 200
        return len(context.captured_queries)

    queries_of_front_page()  # warm whatever the page caches
    without = queries_of_front_page()
    make_notifications(author, post, 40)
    assert queries_of_front_page() == without
    assert "40 unread notifications" in author_client.get("/").content.decode()


def test_notifications_are_not_in_the_admin():
    assert Notification not in admin.site._registry


# --- API ------------------------------------------------------------------------------


API = "/api/v1/notifications/"


def test_api_lists_your_notifications_with_a_cursor(author_client, author, post):
    make_notifications(author, post, 3)
    data = author_client.get(API, {"page_size": 2}).json()
    assert len(data["results"]) == 2 and data["next_cursor"]
    rest = author_client.get(API, {"page_size": 2, "cursor": data["next_cursor"]}).json()
    assert len(rest["results"]) == 1 and rest["next_cursor"] is None
    assert data["results"][0]["kind"] == "post_reply"
    assert "/comment/" in data["results"][0]["url"]


def test_api_refuses_visitors(client):
    response = client.get(API)
    assert response.status_code in (401, 403) and "error" in response.json()


def test_api_refuses_unknown_filters(author_client):
    bad = author_client.get(API, {"filter": "nope"})
    assert bad.status_code == 400 and "error" in bad.json()


def test_api_unread_count_and_mark_read(author_client, author, post, client, replier):
    items = make_notifications(author, post, 2)
    assert author_client.get(API + "unread-count/").json() == {"unread": 2}
    marked = author_client.post(f"{API}{items[0].pk}/read/").json()
    assert marked == {"changed": 1, "unread": 1}
    assert author_client.post(API + "read-all/").json() == {"changed": 1, "unread": 0}


def test_api_mark_read_of_another_members_id_is_404(client, author, post, replier):
    [item] = make_notifications(author, post, 1)
    client.force_login(replier)
    response = client.post(f"{API}{item.pk}/read/")
    assert response.status_code == 404
    assert unread(author) == 1


def test_three_new_followers_read_as_one_name_and_two_others(author_client, author, committed):
    from apps.profiles.services import follow_create

    for name in ("fanny", "gus", "hector"):
        with committed():
            follow_create(follower=make_member(name), followee=author)
    html = author_client.get(INBOX).content.decode()
    assert "hector and 2 other members followed you" in html
