"""Richer posting and reading (issue 15), as a member does it in the browser:
an image pasted into the post editor, described and published (thumbnail in
the feeds); the post edited and its history read as a diff; a poll created
and voted on; a reply branch folded with and without JavaScript; a custom
feed of two communities."""

import base64
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import PngImagePlugin
from playwright.sync_api import Page, expect

from apps.comments.services import comment_create
from apps.communities.tests.conftest import add_member, make_community
from apps.media.models import Image
from apps.polls.models import Poll
from apps.polls.services import poll_vote
from apps.posts.models import Post
from apps.posts.tests.factories import make_post
from conftest import make_member
from tests.browser.helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)

EDITOR = "iframe.tox-edit-area__iframe, .tox-edit-area iframe"
# Planted in the PNG's metadata: the re-encoded file must not carry it.
SECRET = "ines-home-address"


def png_bytes(width: int = 900, height: int = 450) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SECRET)
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), "teal").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def serve_media(page: Page) -> None:
    """The live server does not serve MEDIA (nginx does in production): the
    browser context answers from MEDIA_ROOT, and 404s what is not there."""

    def fulfill(route):
        name = route.request.url.split(settings.MEDIA_URL, 1)[1].split("?", 1)[0]
        path = Path(settings.MEDIA_ROOT) / name
        if path.is_file():
            route.fulfill(path=str(path), content_type="image/webp")
        else:
            route.fulfill(status=404, body="")

    page.context.route(f"**{settings.MEDIA_URL}**", fulfill)


def wait_for_editor(page: Page) -> None:
    page.wait_for_function(
        # A function, not an expression: the page's CSP forbids eval.
        "() => window.tinymce && tinymce.activeEditor && tinymce.activeEditor.initialized"
    )


def paste_png(page: Page, data: bytes) -> None:
    """A paste as the system clipboard makes it: a ClipboardEvent whose
    DataTransfer holds a PNG file, dispatched on the editor's body."""
    page.evaluate(
        """(b64) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const file = new File([bytes], 'clipboard.png', {type: 'image/png'});
            const data = new DataTransfer();
            data.items.add(file);
            const event = new ClipboardEvent('paste', {
                clipboardData: data, bubbles: true, cancelable: true,
            });
            tinymce.activeEditor.getBody().dispatchEvent(event);
        }""",
        base64.b64encode(data).decode(),
    )


def image_loaded(locator) -> bool:
    return locator.evaluate("(img) => img.complete && img.naturalWidth > 0")


def test_paste_an_image_describe_it_publish_edit_and_read_the_history(page, live_server):
    ines = make_member("ines")
    make_community(ines, "night-trains")
    serve_media(page)
    log_in(page, "ines")

    # Write a line, then paste an image from the clipboard.
    page.goto("/c/night-trains/submit/")
    wait_for_editor(page)
    page.locator("#id_title").fill("The sleeper at dawn")
    editor = page.frame_locator(EDITOR)
    editor.locator("body").click()
    page.keyboard.type("Morning light over the Alps.")
    page.keyboard.press("Enter")
    sent = png_bytes()
    paste_png(page, sent)

    # The editor uploads it at once; its src becomes our media URL.
    page.wait_for_function(
        "(prefix) => { const img = tinymce.activeEditor.dom.select('img')[0];"
        " return img && img.getAttribute('src').startsWith(prefix); }",
        arg=settings.MEDIA_URL + "images/",
    )
    image = Image.objects.get()
    assert image.uploader == ines

    # Describe it in the image dialog (its description is the alt text).
    editor.locator("img").click()
    page.get_by_role("button", name="Insert/edit image").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Alternative description").fill("A teal sunrise over the Alps")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_have_count(0)
    page.get_by_role("button", name="Publish", exact=True).click()

    # The stored body shows our re-encoded file, with the alt text typed.
    expect(page.locator("h1")).to_contain_text("The sleeper at dawn")
    post = Post.objects.get(title="The sleeper at dawn")
    tags = re.findall(r"<img\b[^>]*>", post.body_html)
    assert len(tags) == 1, post.body_html
    assert f'src="{image.url}"' in tags[0], tags[0]
    assert image.url.startswith(settings.MEDIA_URL + "images/")
    assert 'alt="A teal sunrise over the Alps"' in tags[0], tags[0]
    assert post.thumbnail == image
    with default_storage.open(image.file.name) as stored_file:
        stored = stored_file.read()
    assert stored != sent
    assert SECRET.encode() not in stored
    assert PILImage.open(io.BytesIO(stored)).format == "WEBP"
    assert (image.width, image.height) == (900, 450)
    shown = page.locator(f'article img[src="{image.url}"]')
    expect(shown).to_have_attribute("alt", "A teal sunrise over the Alps")
    assert image_loaded(shown)

    # Its thumbnail is in the feed rows, on the community page and at home.
    for address in ("/c/night-trains/", "/"):
        page.goto(address)
        row = page.get_by_test_id("post-row").filter(has_text="The sleeper at dawn")
        thumb = row.locator(".post-row-thumb img")
        expect(thumb).to_have_attribute("src", image.small["url"])
        assert image_loaded(thumb)

    # Edit the title and the text.
    row.get_by_role("link", name="The sleeper at dawn").click()
    page.get_by_role("link", name="Edit", exact=True).click()
    wait_for_editor(page)
    page.locator("#id_title").fill("The sleeper at sunrise")
    editor.locator("p", has_text="Morning light").click()
    page.keyboard.press("End")
    page.keyboard.type(" Coffee arrives at Salzburg.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("h1")).to_contain_text("The sleeper at sunrise")
    post.refresh_from_db()
    assert "Coffee arrives at Salzburg." in post.body_text
    assert post.thumbnail == image

    # "edited" opens the history: the change shows as a diff.
    page.locator("a.post-edited").click()
    expect(page).to_have_url(re.compile(r"/history/$"))
    expect(page.get_by_role("heading", name="History of the post")).to_be_visible()
    latest = page.locator(".revision").first
    expect(latest.locator("del.diff-del", has_text="dawn")).to_be_visible()
    expect(latest.locator("ins.diff-ins", has_text="sunrise")).to_be_visible()
    expect(latest.locator("ins.diff-ins", has_text="Coffee arrives at Salzburg.")).to_be_visible()
    expect(page.locator(".revision", has_text="Original")).to_contain_text("The sleeper at dawn")


def test_create_a_poll_and_vote_then_see_the_counts(page, live_server):
    olga = make_member("olga")
    rafa = make_member("rafa")
    trains = make_community(olga, "night-trains")
    add_member(trains, rafa)
    log_in(page, "olga")

    # From the submit page, "Add a poll".
    page.goto("/c/night-trains/submit/")
    page.get_by_role("link", name="Add a poll").click()
    expect(page).to_have_url(re.compile(r"/c/night-trains/submit/poll/$"))
    wait_for_editor(page)
    page.locator("#id_title").fill("Which berth do you book?")
    page.get_by_label("Option 1", exact=True).fill("Couchette")
    page.get_by_label("Option 2", exact=True).fill("Sleeper")
    page.get_by_label("Option 3", exact=True).fill("Seat")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("Your poll is published.")).to_be_visible()
    poll = Poll.objects.select_related("post__community").get(
        post__title="Which berth do you book?"
    )
    assert [o.text for o in poll.options.order_by("position")] == ["Couchette", "Sleeper", "Seat"]

    # Another member has already voted.
    sleeper = poll.options.get(text="Sleeper")
    poll_vote(user=rafa, poll=poll, option_ids=[sleeper.pk])

    # The feed row says the post holds a poll.
    page.goto("/c/night-trains/")
    row = page.get_by_test_id("post-row").filter(has_text="Which berth do you book?")
    expect(row.locator(".badge", has_text="Poll")).to_be_visible()
    row.get_by_role("link", name="Which berth do you book?").click()

    # Vote without a page load: the block turns into the results.
    page.evaluate("window.__samePage = true")
    block = page.get_by_test_id("poll")
    block.get_by_label("Couchette").check()
    block.get_by_role("button", name="Vote").click()
    results = page.locator(".poll-result")
    expect(results).to_have_count(3)
    expect(results.filter(has_text="Couchette")).to_contain_text("1 vote (50")
    expect(results.filter(has_text="Couchette")).to_contain_text("your choice")
    expect(results.filter(has_text="Sleeper")).to_contain_text("1 vote (50")
    expect(results.filter(has_text="Seat")).to_contain_text("0 votes (0")
    expect(page.locator(".poll-total")).to_have_text("2 members voted.")
    assert page.evaluate("window.__samePage") is True
    assert list(poll.options.values_list("votes", flat=True)) == [1, 1, 0]


def test_fold_a_reply_branch_with_and_without_javascript(page, browser, live_server):
    olga = make_member("olga")
    post = make_post(olga, make_community(olga, "night-trains"), "Vienna to Rome by sleeper")
    question = comment_create(author=olga, post=post, body="Is the couchette worth it?")
    comment_create(author=olga, post=post, parent=question, body="Yes, book the 4-berth one.")
    address = post.get_absolute_url()

    page.goto(address)
    reply = page.get_by_text("Yes, book the 4-berth one.")
    control = page.locator(f"#node-{question.pk} > details > summary")
    expect(reply).to_be_visible()
    control.click()
    expect(reply).to_be_hidden()
    expect(page.get_by_text("Is the couchette worth it?")).to_be_hidden()
    control.click()
    expect(reply).to_be_visible()

    # Without JavaScript the fold is a plain <details>: it works the same.
    context = browser.new_context(
        base_url=live_server.url, locale="en-US", timezone_id="UTC", java_script_enabled=False
    )
    try:
        plain = context.new_page()
        plain.goto(address)
        reply = plain.get_by_text("Yes, book the 4-berth one.")
        control = plain.locator(f"#node-{question.pk} > details > summary")
        expect(reply).to_be_visible()
        control.click()
        expect(reply).to_be_hidden()
        control.click()
        expect(reply).to_be_visible()
    finally:
        context.close()


def test_build_a_custom_feed_of_two_communities(page, live_server):
    olga = make_member("olga")
    rafa = make_member("rafa")
    communities = [make_community(olga, slug) for slug in ("trains", "ferries", "hot-takes")]
    for community in communities:
        add_member(community, rafa)
    make_post(olga, communities[0], "Vienna to Rome by sleeper")
    make_post(olga, communities[1], "Overnight to Helsinki")
    make_post(olga, communities[2], "Trains are overrated")
    log_in(page, "rafa")

    page.get_by_role("link", name="My feeds").click()
    expect(page).to_have_url(re.compile(r"/f/$"))
    page.locator("#id_name").fill("Slow travel")
    choices = page.get_by_test_id("field-communities")
    choices.get_by_label("Trains (c/trains)").check()
    choices.get_by_label("Ferries (c/ferries)").check()
    page.get_by_role("button", name="Build the feed").click()

    # The feed's page: the posts of both communities, not of the third.
    expect(page.locator("h1")).to_contain_text("Slow travel")
    expect(page.get_by_role("link", name="Vienna to Rome by sleeper")).to_be_visible()
    expect(page.get_by_role("link", name="Overnight to Helsinki")).to_be_visible()
    expect(page.get_by_role("link", name="Trains are overrated")).to_have_count(0)

    # Listed in /f/ with its two communities.
    page.goto("/f/")
    listed = page.get_by_test_id("custom-feed-list")
    expect(listed.get_by_role("link", name="Slow travel", exact=True)).to_be_visible()
    expect(listed).to_contain_text("2 communities")
