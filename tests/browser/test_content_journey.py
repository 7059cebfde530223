import re

import pytest
from playwright.sync_api import expect

from apps.comments.models import Comment
from apps.posts.models import Post
from conftest import make_member
from tests.browser.helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_community_post_comment_reply_vote_sort_edit_delete(page, live_server):
    make_member("ines")
    log_in(page, "ines")

    # Create a community.
    page.goto("/communities/new/")
    page.locator("#id_name").fill("Night Trains")
    page.locator("#id_slug").fill("night-trains")
    page.locator("#id_description").fill("Sleeper services across Europe.")
    page.get_by_role("button", name=re.compile("Create", re.I)).click()
    expect(page).to_have_url(re.compile(r"/c/night-trains/$"))

    # Submit a post through TinyMCE: bold text and a link typed in the editor.
    page.goto("/c/night-trains/submit/")
    page.locator("#id_title").fill("Vienna to Rome by sleeper")
    editor = page.frame_locator("iframe.tox-edit-area__iframe, .tox-edit-area iframe").locator(
        "body"
    )
    editor.click()
    page.keyboard.type("The ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Nightjet")
    page.keyboard.press("Control+b")
    page.keyboard.type(" is great, timetable at https://www.nightjet.com ")
    page.locator("#id_tags").fill("trains, sleeper")
    page.get_by_role("button", name=re.compile("^(Post|Submit|Publish)", re.I)).click()

    post = Post.objects.get(title="Vienna to Rome by sleeper")
    assert "<strong>Nightjet</strong>" in post.body_html
    assert 'href="https://www.nightjet.com"' in post.body_html
    assert sorted(post.tags.values_list("slug", flat=True)) == ["sleeper", "trains"]
    expect(page.locator("article strong", has_text="Nightjet").first).to_be_visible()

    # It is on the community page.
    page.goto("/c/night-trains/")
    expect(page.get_by_role("link", name="Vienna to Rome by sleeper")).to_be_visible()
    page.get_by_role("link", name="Vienna to Rome by sleeper").click()

    # Comment, then reply to that comment, without page loads (htmx).
    page.evaluate("window.__samePage = true")
    page.locator("form textarea").first.fill("Is the couchette worth it?")
    page.get_by_role("button", name="Comment", exact=True).click()
    expect(page.get_by_text("Is the couchette worth it?")).to_be_visible()
    comment = Comment.objects.get(body_text="Is the couchette worth it?")
    thread = page.locator(f"#comment-{comment.pk}")
    thread.get_by_role("link", name="Reply").first.click()
    slot = page.locator(f"#reply-slot-{comment.pk}")
    slot.locator("textarea").fill("Yes, book the 4-berth one.")
    slot.get_by_role("button").first.click()
    expect(page.get_by_text("Yes, book the 4-berth one.")).to_be_visible()
    reply = Comment.objects.get(body_text="Yes, book the 4-berth one.")
    assert reply.parent_id == comment.pk

    # Upvote the post: the score changes without a reload.
    score = page.get_by_test_id("post-score")
    expect(score).to_have_text(re.compile(r"^0\b"))
    page.locator(f"#vote-post-{post.pk}").get_by_role("button", name="Upvote").click()
    expect(score).to_have_text(re.compile(r"^1\b"))
    assert page.evaluate("window.__samePage") is True
    post.refresh_from_db()
    assert post.score == 1

    # Sort comments by new and by top.
    page.get_by_role("link", name="New", exact=True).click()
    expect(page).to_have_url(re.compile(r"sort=new"))
    expect(page.get_by_text("Yes, book the 4-berth one.")).to_be_visible()
    page.get_by_role("link", name="Top", exact=True).click()
    expect(page).to_have_url(re.compile(r"sort=top"))

    # Edit the comment, then delete it: the reply stays in the thread.
    thread = page.locator(f"#comment-{comment.pk}")
    thread.get_by_role("link", name="Edit").first.click()
    page.locator(f"#comment-{comment.pk} textarea").fill("Is the couchette worth the price?")
    page.locator(f"#comment-{comment.pk}").get_by_role(
        "button", name=re.compile("Save", re.I)
    ).click()
    expect(page.get_by_text("Is the couchette worth the price?")).to_be_visible()
    comment.refresh_from_db()
    assert comment.edited_at is not None

    page.once("dialog", lambda dialog: dialog.accept())
    thread = page.locator(f"#comment-{comment.pk}")
    thread.get_by_role("link", name="Delete").first.click()
    expect(page.get_by_text("[deleted]").first).to_be_visible()
    expect(page.get_by_text("Yes, book the 4-berth one.")).to_be_visible()
    comment.refresh_from_db()
    assert comment.is_deleted
