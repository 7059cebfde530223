"""A big thread in the browser: folded branches open and close by mouse and
keyboard, "Load more comments" brings the next batch in place (htmx, no
history entry), and the reader's folds survive going away and coming back."""

import re

import pytest
from playwright.sync_api import expect

from apps.comments.models import Comment
from apps.comments.services import comment_create
from apps.communities.tests.conftest import make_community
from apps.posts.tests.factories import make_post
from conftest import make_member

pytestmark = pytest.mark.django_db(transaction=True)


def test_fold_load_more_and_back_keep_the_readers_state(page, live_server, settings):
    settings.QUORUM_COMMENTS_PAGE_ROOTS = 2
    owner = make_member("olga")
    post = make_post(owner, make_community(owner, "trains"), "Night trains", raw=True)
    first = comment_create(author=owner, post=post, body="First thoughts")
    buried = comment_create(author=owner, post=post, body="A buried opinion")
    Comment.objects.filter(pk=buried.pk).update(score=-6, downvotes=6)
    last = comment_create(author=owner, post=post, body="The third comment")

    page.goto(post.get_absolute_url() + "?sort=old")
    page.evaluate("window.__samePage = true")
    buried_fold = page.locator(f"#node-{buried.pk} > details")
    # The low-score branch starts folded; its summary says what it hides.
    expect(buried_fold).not_to_have_attribute("open", "")
    summary = buried_fold.locator("> summary")
    expect(summary).to_contain_text("-6 points")
    expect(page.get_by_text("A buried opinion")).to_be_hidden()
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("A buried opinion")).to_be_visible()

    # Fold the first comment with its control (named for screen readers).
    control = page.locator(f"#node-{first.pk} > details > summary")
    expect(control).to_contain_text("Fold the comment by")
    control.click()
    expect(page.get_by_text("First thoughts")).to_be_hidden()

    # Load more: the third comment arrives without a page load or a new address.
    url = page.url
    page.get_by_role("link", name="Load more comments").click()
    expect(page.get_by_text("The third comment")).to_be_visible()
    expect(page.locator(f"#comment-{last.pk}")).to_be_focused()
    expect(page.get_by_role("link", name="Load more comments")).to_have_count(0)
    assert page.evaluate("window.__samePage") is True
    assert page.url == url

    # Away and back: the folds the reader chose are still there.
    page.get_by_role("link", name="c/trains").first.click()
    expect(page).to_have_url(re.compile(r"/c/trains/$"))
    page.go_back()
    expect(page.locator(f"#node-{first.pk} > details")).not_to_have_attribute("open", "")
    expect(page.get_by_text("A buried opinion")).to_be_visible()
