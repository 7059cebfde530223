"""bruno replies to alice's comment and mentions her → alice sees the unread
badge appear on the page she has open, without reloading it → opens the
inbox → the entry lands on bruno's comment (its permalink) → she messages
bruno from his profile → bruno blocks her from her message → alice tries
to message him again and is told she can't message this member."""

import re

import pytest
from playwright.sync_api import expect

from apps.comments.links import permalink_url
from apps.comments.models import Comment
from apps.comments.services import comment_create
from apps.communities.tests.conftest import add_member, make_community
from apps.messaging.models import Message
from apps.notifications.models import Kind, Notification
from apps.posts import services as post_services
from apps.profiles.models import Block
from conftest import make_member
from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)

REPLY = "@alice copper tape around the pots worked for me, no more slugs."


def test_reply_badge_inbox_permalink_message_block(page, other_page, live_server, request):
    owner, alice, bruno = make_member("olivia"), make_member("alice"), make_member("bruno")
    community = make_community(owner, "gardening")
    for person in (alice, bruno):
        add_member(community, person)
    post = post_services.post_create(
        author=owner, community=community, title="Slugs ate my lettuce", body="<p>Help!</p>"
    )
    comment = comment_create(author=alice, post=post, body="Beer traps, but they fill up fast.")

    # alice reads the thread; nothing is unread yet.
    log_in(page, "alice")
    page.goto(post.get_absolute_url())
    expect(page.get_by_text("Beer traps, but they fill up fast.")).to_be_visible()
    badge = page.locator("#inbox-link .badge")
    expect(badge).to_have_count(0)
    page.evaluate("window.__samePage = true")

    # bruno replies to her comment, naming her (htmx, on his own page).
    bruno_page = other_page()
    log_in(bruno_page, "bruno")
    bruno_page.goto(post.get_absolute_url())
    bruno_page.locator(f"#comment-{comment.pk}").get_by_role("link", name="Reply").first.click()
    slot = bruno_page.locator(f"#reply-slot-{comment.pk}")
    slot.locator("textarea").fill(REPLY)
    slot.get_by_role("button").first.click()
    expect(bruno_page.get_by_text("copper tape around the pots")).to_be_visible()
    reply = Comment.objects.get(author=bruno, parent=comment)
    # One notification: a reply that also names its parent's author is the reply.
    assert list(Notification.objects.filter(recipient=alice).values_list("kind", flat=True)) == [
        Kind.COMMENT_REPLY
    ]

    # alice comes back to her tab: the badge refreshes itself (htmx listens
    # for visibilitychange; a person switching tabs fires it), no reload.
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(badge).to_have_text("1")
    assert page.evaluate("window.__samePage") is True
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-badge.png"))

    # The inbox lists bruno's reply; following it lands on his comment.
    page.locator("#inbox-link").click()
    expect(page).to_have_url(re.compile(r"/inbox/$"))
    entry = page.locator(".notification").first
    expect(entry).to_contain_text("replied to your comment on “Slugs ate my lettuce”")
    expect(entry).to_contain_text("copper tape around the pots")
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-inbox.png"), full_page=True)
    entry.get_by_role("link", name=re.compile("replied to your comment")).click()
    expect(page).to_have_url(f"{live_server.url}{permalink_url(post, reply.pk)}")
    expect(page.locator(f"#comment-{reply.pk}")).to_contain_text("copper tape around the pots")
    expect(badge).to_have_count(0)  # opening the entry read it
    assert Notification.objects.get(recipient=alice).read_at is not None

    # alice messages bruno from his profile.
    page.goto("/u/bruno/")
    page.get_by_role("link", name="Message", exact=True).click()
    page.locator("textarea").fill("Thanks! Where do you buy the copper tape?")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Your message was sent.")).to_be_visible()
    expect(page.get_by_test_id("messages")).to_contain_text("Where do you buy the copper tape?")
    message = Message.objects.get()
    assert message.sender == alice

    # bruno opens it from his inbox and blocks alice from her message.
    bruno_page.goto("/inbox/")
    bruno_page.get_by_role("link", name=re.compile("sent you a message")).click()
    expect(bruno_page).to_have_url(f"{live_server.url}{message.conversation.get_absolute_url()}")
    bruno_page.locator(f"#message-{message.pk}").get_by_role(
        "button", name=re.compile("^Block ")
    ).click()
    expect(
        bruno_page.get_by_text("You blocked alice. You can undo this in your settings.")
    ).to_be_visible()
    expect(
        bruno_page.get_by_text("You blocked this member. Unblock them to send a message.")
    ).to_be_visible()
    assert Block.objects.filter(blocker=bruno, blocked=alice).exists()

    # alice tries again from his profile: she is told she can't message him,
    # and nothing more (who blocked whom is not said).
    page.goto("/u/bruno/")
    page.get_by_role("link", name="Message", exact=True).click()
    expect(page.get_by_text("You can't message this member.")).to_be_visible()
    expect(page.get_by_role("button", name="Send")).to_have_count(0)
    expect(page.get_by_text(re.compile("blocked", re.I))).to_have_count(0)
    assert Message.objects.count() == 1
