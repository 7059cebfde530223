"""A member reports a post → the community's moderator removes it from the
queue with a reason → the moderation log shows it → the author sees
"removed by moderators" → a staff moderator suspends the author in the admin
→ the author's next request is logged out and cannot post."""

import pytest
from playwright.sync_api import expect

from apps.accounts.models import User
from apps.communities.tests.conftest import add_member, make_community
from apps.moderation.models import ModerationAction, Report, ReportStatus
from apps.moderation.tests.conftest import make_staff_moderator
from apps.posts import services as post_services
from apps.posts.models import Post
from conftest import PASSWORD, make_member
from tests.browser.helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_report_remove_log_notice_suspend(page, other_page, live_server):
    owner = make_member("olivia")
    community = make_community(owner, "gardening")
    moderator = make_member("mia")
    add_member(community, moderator, is_moderator=True)
    author = make_member("alba")
    reporter = make_member("rita")
    for person in (author, reporter):
        add_member(community, person)
    make_staff_moderator("sam")
    post = post_services.post_create(
        author=author, community=community, title="Cheap seeds here", body="<p>Buy now</p>"
    )

    # A member reports the post.
    log_in(page, "rita")
    page.goto(post.get_absolute_url())
    page.get_by_test_id("post-mod-tools").get_by_role("link", name="Report").click()
    expect(page.get_by_role("heading", name="Report a post")).to_be_visible()
    page.get_by_label("Spam or advertising").check()
    page.get_by_label("Details for the moderators").fill("Same shop link in every thread.")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("Thank you. The moderators will review your report.")).to_be_visible()
    assert Report.objects.get().reporter == reporter

    # The community's moderator removes it from the queue, with a reason (htmx).
    mod = other_page()
    log_in(mod, "mia")
    mod.goto("/c/gardening/")
    mod.get_by_role("link", name="Mod queue").click()
    group = mod.get_by_test_id("report-group")
    expect(group).to_contain_text("Cheap seeds here")
    expect(group).to_contain_text("Same shop link in every thread.")
    mod.evaluate("window.__samePage = true")
    group.get_by_label("Removal reason (the author sees it)").fill("Spam link, see rule 3")
    group.get_by_role("button", name="Remove").click()
    expect(group).to_contain_text("The post was removed.")
    expect(group).to_contain_text("No open reports left about this.")
    assert mod.evaluate("window.__samePage") is True
    assert Post.objects.get(pk=post.pk).is_removed
    assert Report.objects.get().status == ReportStatus.RESOLVED

    # The moderation log shows it, with the moderator's name and the reason.
    mod.get_by_role("link", name="Mod log").click()
    entry = mod.get_by_test_id("modlog")
    expect(entry).to_contain_text("removed a post")
    expect(entry).to_contain_text("Spam link, see rule 3")
    expect(entry).to_contain_text(moderator.profile.name)

    # The author sees that the moderators removed it, and why.
    alba = other_page()
    log_in(alba, "alba")
    alba.goto(post.get_absolute_url())
    expect(
        alba.get_by_text("This post was removed by moderators. Only you can still see it.")
    ).to_be_visible()
    expect(alba.get_by_text("Reason: Spam link, see rule 3")).to_be_visible()

    # A staff moderator suspends the author in the admin.
    admin = other_page()
    log_in(admin, "sam")
    admin.goto("/admin/accounts/user/")
    admin.locator(f"input[name='_selected_action'][value='{author.pk}']").check()
    admin.locator("select[name='action']").select_option("suspend_members")
    admin.locator("input[name='reason']").fill("Spam ring")
    admin.locator("button[name='index']").click()
    expect(admin.get_by_text("1 member suspended.")).to_be_visible()
    assert User.objects.get(pk=author.pk).is_active is False
    assert ModerationAction.objects.filter(action="member_suspended", member=author).exists()

    # The author's very next request is logged out, and posting needs a login.
    alba.reload()
    expect(alba.get_by_role("link", name="Log in")).to_be_visible()
    expect(alba.get_by_role("button", name="Log out")).to_have_count(0)
    alba.goto("/c/gardening/submit/")
    expect(alba).to_have_url(f"{live_server.url}/accounts/login/?next=/c/gardening/submit/")
    # Logging in again does not work either.
    alba.locator("#id_login").fill("alba")
    alba.locator("#id_password").fill(PASSWORD)
    alba.get_by_role("button", name="Sign In", exact=True).click()
    expect(alba.get_by_role("button", name="Log out")).to_have_count(0)
    assert not Post.objects.filter(author=author).exclude(pk=post.pk).exists()
