"""Languages in a real browser: Arabic mirrors the page (screenshot saved as
a CI artefact), German localizes dates, numbers and plurals, a member's time
zone moves the time shown, and the translators' UI works under our CSP."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation
from playwright.sync_api import expect

from apps.accounts.models import User
from apps.communities.models import Community
from apps.core.translators import TRANSLATORS_GROUP
from apps.posts.models import Post
from tests.browser.conftest import ARTIFACTS
from tests.i18n.site import build_site

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, live_server, user) -> None:
    """Reuse a server-side login in the browser (the login form has its own journey)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def switch_language(page, code: str) -> None:
    page.locator("#language-select").select_option(code)
    page.locator("form.lang-switch button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


@pytest.mark.parametrize("code", ["ar", "he"])
def test_right_to_left_languages_mirror_the_page(page, live_server, code):
    site = build_site()
    name = {"ar": "arabic", "he": "hebrew"}[code]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.post.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    ltr_brand, ltr_menu = box(page, ".brand"), box(page, ".account-menu")
    assert ltr_brand["x"] < ltr_menu["x"]

    switch_language(page, code)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # Navigation: the brand moves to the right, the account menu to the left.
    brand, menu = box(page, ".brand"), box(page, ".account-menu")
    assert brand["x"] > menu["x"]
    assert brand["x"] + brand["width"] > 1280 / 2
    # Vote buttons sit at the inline start: right of the post in Arabic.
    vote, main = box(page, ".post-full .vote"), box(page, ".post-full-main")
    assert vote["x"] > main["x"] + main["width"] - 1
    # A reply is indented from the right, its thread line on its right side.
    parent = box(page, f"#comment-{site.comment.pk}")
    child = box(page, f"#comment-{site.reply.pk}")
    assert child["x"] + child["width"] < parent["x"] + parent["width"] - 8
    border = page.locator(f"#replies-{site.comment.pk}").evaluate(
        "el => getComputedStyle(el).borderRightWidth"
    )
    assert border != "0px"
    # Icons that point somewhere are flipped.
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend',"
        ' \'<span class="icon-directional" id="probe">→</span>\')'
    )
    transform = page.locator("#probe").evaluate("el => getComputedStyle(el).transform")
    assert transform.startswith("matrix(-1")
    page.evaluate("document.getElementById('probe').remove()")
    # Member-written English keeps its own direction; code stays left-to-right.
    assert (
        page.locator(".post-full h1").evaluate("el => getComputedStyle(el).unicodeBidi")
        == "plaintext"
    )
    with translation.override(code):
        count = Post.objects.get(pk=site.post.pk).comment_count
        comments_heading = translation.ngettext(
            "%(count)s comment", "%(count)s comments", count
        ) % {"count": count}
        community_name = Community.objects.get(slug="gardening").name
        heading_2, heading_3 = translation.gettext("Heading 2"), translation.gettext("Heading 3")
    assert "comment" not in comments_heading
    expect(page.get_by_role("heading", level=2).first).to_contain_text(comments_heading)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"i18n-{name}-rtl-post.png"), full_page=True)
    page.goto("/c/gardening/")
    expect(page.get_by_role("heading", level=1)).to_have_text(community_name)
    page.screenshot(path=str(ARTIFACTS / f"i18n-{name}-rtl-community.png"), full_page=True)
    # A member writing a post: the editor's toolbar speaks the language and
    # its text runs right to left.
    sign_in(page, live_server, site.alice)
    page.goto("/c/gardening/submit/")
    expect(page.locator("html")).to_have_attribute("lang", code)  # the switcher's cookie
    editor = page.frame_locator(".tox-edit-area iframe").locator("body")
    expect(editor).to_have_attribute("dir", "rtl")
    page.locator(".tox-tbtn--bespoke").first.click()  # the block formats menu
    expect(page.locator(".tox-collection__item").filter(has_text=heading_2)).to_be_visible()
    expect(page.locator(".tox-collection__item").filter(has_text=heading_3)).to_be_visible()
    page.keyboard.press("Escape")
    page.screenshot(path=str(ARTIFACTS / f"i18n-{name}-rtl-submit.png"), full_page=True)
    # Settings: labels in the language, the form and its sections mirrored.
    page.goto("/settings/")
    with translation.override(code):
        save_label = translation.gettext("Save")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("button", name=save_label, exact=True)).to_be_visible()
    label, field = box(page, "label[for=id_display_name]"), box(page, "#id_display_name")
    # Labels start at the right edge, where the fields start too.
    assert label["x"] + label["width"] > field["x"] + field["width"] / 2
    page.screenshot(path=str(ARTIFACTS / f"i18n-{name}-rtl-settings.png"), full_page=True)


def test_german_dates_numbers_and_plurals(page, live_server):
    site = build_site()
    Community.objects.filter(pk=site.gardening.pk).update(member_count=1234)
    User.objects.filter(pk=site.alice.pk).update(date_joined=datetime(2026, 3, 5, 9, tzinfo=UTC))
    Post.objects.filter(pk=site.post.pk).update(
        created=datetime.now(UTC) - timedelta(hours=3, minutes=2)
    )
    page.goto("/")
    switch_language(page, "de")
    page.goto("/c/gardening/")
    expect(page.get_by_test_id("member-count")).to_have_text("1.234 Mitglieder")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gärtnern")
    rows = page.get_by_test_id("post-row")
    expect(rows.filter(has_text="How do you grow tomatoes")).to_contain_text("vor 3 Stunden")
    comments = Post.objects.get(pk=site.post.pk).comment_count
    assert comments > 1
    expect(rows.filter(has_text="How do you grow tomatoes")).to_contain_text(
        f"{comments} Kommentare"
    )
    expect(rows.filter(has_text="Compost that does not smell")).to_contain_text("1 Kommentar")
    page.goto("/u/alice/")
    expect(page.locator(".profile-header")).to_contain_text("dabei seit 5. März 2026")
    page.goto(site.post.get_absolute_url())
    expect(page.locator("#comment-count")).to_have_text(f"{comments} Kommentare")
    expect(page.locator(f"#comment-{site.comment.pk} .comment-score")).to_have_text("2 Punkte")
    expect(page.get_by_role("link", name="Anmelden", exact=True)).to_be_visible()


def test_a_members_time_zone_changes_the_time_of_a_post(page, live_server):
    site = build_site()
    Post.objects.filter(pk=site.post.pk).update(created=datetime(2026, 1, 10, 15, 30, tzinfo=UTC))
    stamp = page.locator(".post-full .post-meta time").first
    page.goto(site.post.get_absolute_url())
    expect(stamp).to_have_attribute("title", "Jan. 10, 2026, 3:30 p.m.")

    sign_in(page, live_server, site.bruno)
    page.goto("/settings/")
    page.locator("#id_timezone").select_option("Asia/Tokyo")
    page.locator("#id_language").select_option("de")
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")

    page.goto(site.post.get_absolute_url())
    expect(stamp).to_have_attribute("title", "11. Januar 2026 00:30")
    expect(stamp).to_have_attribute("datetime", "2026-01-11T00:30:00+09:00")


def test_translators_work_in_the_web_ui(page, live_server):
    site = build_site()
    group, _created = Group.objects.get_or_create(name=TRANSLATORS_GROUP)
    site.carmen.groups.add(group)
    sign_in(page, live_server, site.carmen)
    page.goto("/translate/")
    expect(page.locator("body")).to_contain_text("django.po")
    page.locator("a[href='/translate/files/project/ar/0/']").first.click()
    expect(page.locator("textarea").first).to_be_visible()
    # The page fixture fails the test on any console or CSP error.
