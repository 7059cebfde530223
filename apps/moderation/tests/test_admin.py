"""The admin for staff moderators: the "Moderators" group, what it cannot
touch, the bulk actions (same services as the site), the report queue, links
to the live site, and lists that do not query per row."""

import importlib
from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from apps.comments.services import comment_create
from apps.communities.models import Ban
from apps.moderation import groups, services
from apps.moderation.models import ModerationAction, Report, ReportStatus, Suspension
from apps.moderation.policies import MODERATORS_GROUP
from apps.posts import services as post_services
from apps.posts.selectors import PINNED_MAX
from conftest import make_member

pytestmark = pytest.mark.django_db

group_migration = importlib.import_module("apps.moderation.migrations.0002_moderators_group")


def text(response) -> str:
    return response.content.decode()


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def fresh(obj):
    obj.refresh_from_db()
    return obj


def act(client, changelist: str, action: str, pks: list[int], **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: pks, "index": 0, **extra}
    return client.post(reverse(changelist), data, follow=True)


@pytest.fixture
def staff_client(client, staff_moderator):
    client.force_login(staff_moderator)
    return client


# --- the group ------------------------------------------------------------------------------


def test_moderators_group_has_exactly_its_permissions():
    group = Group.objects.get(name=MODERATORS_GROUP)
    granted = set(group.permissions.values_list("content_type__app_label", "codename").order_by())
    assert granted == set(group_migration.PERMISSIONS) == set(groups.PERMISSIONS)
    apps_granted = {app for app, _codename in granted}
    assert not apps_granted & {"auth", "sites", "contenttypes", "sessions", "admin"}
    assert ("accounts", "change_user") not in granted


@pytest.mark.parametrize(
    "url",
    [
        "/admin/auth/group/",
        "/admin/sites/site/",
        "/admin/auth/group/add/",
        "/admin/accounts/user/add/",
        "/admin/communities/community/add/",
        "/admin/tags/tag/add/",
    ],
)
def test_staff_moderator_cannot_manage_the_site(staff_client, url):
    assert staff_client.get(url).status_code == 403


def test_staff_moderator_cannot_edit_superusers_or_grant_powers(staff_client, superuser, author):
    for user in (superuser, author):
        url = reverse("admin:accounts_user_change", args=[user.pk])
        page = staff_client.get(url)
        assert page.status_code == 200  # may look
        assert 'name="is_superuser"' not in text(page)
        response = staff_client.post(
            url, {"username": "hacked", "is_superuser": "on", "is_staff": "on"}
        )
        assert response.status_code == 403
        password = reverse("admin:auth_user_password_change", args=[user.pk])
        assert staff_client.get(password).status_code == 403
    assert fresh(superuser).username == "root"
    assert not fresh(author).is_superuser and not fresh(author).is_staff


def test_a_non_superuser_with_change_user_still_cannot_grant_powers(
    client, staff_moderator, author, plain_staff
):
    staff_moderator.user_permissions.add(Permission.objects.get(codename="change_user"))
    client.force_login(staff_moderator)
    url = reverse("admin:accounts_user_change", args=[author.pk])
    page = text(client.get(url))
    for field in ("is_superuser", "is_staff", "groups", "user_permissions", "is_active"):
        assert f'name="{field}"' not in page
    response = client.post(url, {"is_superuser": "on", "is_staff": "on", "is_active": ""})
    assert response.status_code == 302
    author = fresh(author)
    assert (author.is_superuser, author.is_staff, author.is_active) == (False, False, True)
    # Other staff accounts are off limits.
    other = reverse("admin:accounts_user_change", args=[plain_staff.pk])
    assert client.post(other, {"username": "x"}).status_code == 403
    assert (
        client.get(reverse("admin:auth_user_password_change", args=[author.pk])).status_code == 403
    )


def test_moderation_fields_are_read_only_even_for_superusers(client, superuser, post):
    client.force_login(superuser)
    page = text(client.get(reverse("admin:posts_post_change", args=[post.pk])))
    for field in ("is_removed", "removal_reason", "is_locked", "is_pinned"):
        assert f'name="{field}"' not in page
    assert 'name="title"' in page


def test_staff_moderators_see_posts_read_only(staff_client, post):
    page = text(staff_client.get(reverse("admin:posts_post_change", args=[post.pk])))
    assert 'name="title"' not in page and 'name="body_html"' not in page


# --- bulk actions -----------------------------------------------------------------------------


def test_remove_lock_pin_posts_in_bulk(staff_client, post, author, community):
    other = post_services.post_create(author=author, community=community, title="Other")
    response = act(staff_client, "admin:posts_post_changelist", "remove_posts", [post.pk, other.pk],
                   reason="Spam wave")  # fmt: skip
    assert "2 posts removed." in flashed(response)
    assert fresh(post).is_removed and fresh(other).removal_reason == "Spam wave"
    act(staff_client, "admin:posts_post_changelist", "restore_posts", [other.pk])
    act(staff_client, "admin:posts_post_changelist", "lock_posts", [other.pk])
    act(staff_client, "admin:posts_post_changelist", "pin_posts", [other.pk])
    other = fresh(other)
    assert (other.is_removed, other.is_locked, other.is_pinned) == (False, True, True)
    assert list(ModerationAction.objects.values_list("action", "as_staff")) == [
        ("post_removed", True),
        ("post_removed", True),
        ("post_restored", True),
        ("post_locked", True),
        ("post_pinned", True),
    ]


def test_bulk_action_refusals_are_reported_and_write_nothing(staff_client, post, community, author):
    response = act(
        staff_client, "admin:posts_post_changelist", "remove_posts", [post.pk], reason=""
    )
    messages = flashed(response)
    assert any("Give a reason" in message for message in messages)
    assert not fresh(post).is_removed
    posts = [
        post_services.post_create(author=author, community=community, title=f"Pin {i}")
        for i in range(PINNED_MAX + 1)
    ]
    response = act(staff_client, "admin:posts_post_changelist", "pin_posts", [p.pk for p in posts])
    messages = flashed(response)
    assert f"{PINNED_MAX} posts pinned." in messages
    assert any("at most 5 posts" in message for message in messages)
    assert ModerationAction.objects.count() == PINNED_MAX


def test_remove_and_restore_comments_in_bulk(staff_client, comment, post):
    act(staff_client, "admin:comments_comment_changelist", "remove_comments", [comment.pk],
        reason="Slur")  # fmt: skip
    assert fresh(comment).is_removed and fresh(post).comment_count == 0
    act(staff_client, "admin:comments_comment_changelist", "restore_comments", [comment.pk])
    assert not fresh(comment).is_removed and fresh(post).comment_count == 1


def test_suspend_and_unsuspend_members(staff_client, author, member, superuser):
    response = act(staff_client, "admin:accounts_user_changelist", "suspend_members",
                   [author.pk, member.pk, superuser.pk], reason="Spam ring", days="3")  # fmt: skip
    messages = flashed(response)
    assert "2 members suspended." in messages
    assert any("Only a superuser" in message for message in messages)
    assert not fresh(author).is_active and fresh(superuser).is_active
    suspension = Suspension.objects.get(member=author)
    assert suspension.expires_at > timezone.now() + timedelta(days=2)
    act(staff_client, "admin:accounts_user_changelist", "unsuspend_members", [author.pk])
    assert fresh(author).is_active


def test_ban_admin_goes_through_the_services(staff_client, community, member, owner):
    response = staff_client.post(
        reverse("admin:communities_ban_add"),
        {"community": community.pk, "user": member.pk, "reason": "Rude"},
    )
    assert response.status_code == 302
    ban = Ban.objects.get(user=member)
    assert ModerationAction.objects.get().action == "member_banned"
    past = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%d")
    response = staff_client.post(
        reverse("admin:communities_ban_add"),
        {
            "community": community.pk,
            "user": owner.pk,
            "expires_at_0": past,
            "expires_at_1": "10:00",
        },
    )
    assert response.status_code == 200 and "errornote" in text(response)
    act(staff_client, "admin:communities_ban_changelist", "lift_bans", [ban.pk])
    assert not Ban.objects.exists()
    assert ModerationAction.objects.filter(action="member_unbanned").count() == 1


def test_suspension_admin_suspends_through_the_service(staff_client, member, staff_moderator):
    response = staff_client.post(
        reverse("admin:moderation_suspension_add"), {"member": member.pk, "reason": "Spam"}
    )
    assert response.status_code == 302
    assert not fresh(member).is_active
    response = staff_client.post(
        reverse("admin:moderation_suspension_add"), {"member": staff_moderator.pk, "reason": "x"}
    )
    assert response.status_code == 200 and "You cannot suspend yourself." in text(response)
    suspension = Suspension.objects.get()
    act(staff_client, "admin:moderation_suspension_changelist", "lift_suspensions", [suspension.pk])
    assert fresh(member).is_active


# --- reports ------------------------------------------------------------------------------------


@pytest.fixture
def reports(member, other_member, post, comment, author, community):
    from .conftest import add_member

    add_member(community, other_member)
    first = services.report_create(reporter=member, target=comment, reason="spam")
    services.report_create(reporter=member, target=post, reason="spam")
    services.report_create(reporter=other_member, target=post, reason="hate", details="Slurs")
    services.report_create(reporter=other_member, target=author, reason="impersonation")
    return first


def test_report_queue_orders_by_age_and_count(staff_client, reports, post, comment, author):
    url = reverse("admin:moderation_report_queue")
    page = text(staff_client.get(url))
    assert page.index("Visit my shop") < page.index("Cheap seeds here") < page.index("alba")
    by_count = text(staff_client.get(url + "?sort=reports"))
    assert by_count.index("Cheap seeds here") < by_count.index("Visit my shop")
    assert "Slurs" in page
    assert post.get_absolute_url() in page
    assert reverse("admin:moderation_report_queue") in text(
        staff_client.get(reverse("admin:moderation_report_changelist"))
    )


def test_report_queue_decisions(staff_client, reports, post, author):
    url = reverse("admin:moderation_report_queue")
    report = Report.objects.filter(post=post).first()
    staff_client.post(url, {"report": report.pk, "decision": "remove", "reason": "Hate"})
    assert fresh(post).is_removed
    assert set(Report.objects.filter(post=post).values_list("status", flat=True)) == {"resolved"}
    about_member = Report.objects.get(member=author)
    staff_client.post(url, {"report": about_member.pk, "decision": "suspend", "reason": "Fake"})
    assert not fresh(author).is_active
    response = staff_client.post(url, {"report": reports.pk, "decision": "dismiss"}, follow=True)
    assert "Done." in flashed(response)
    assert fresh(reports).status == ReportStatus.DISMISSED
    response = staff_client.post(url, {"report": reports.pk, "decision": "dismiss"}, follow=True)
    assert "This report is already closed." in flashed(response)
    response = staff_client.post(url, {"report": reports.pk, "decision": "explode"}, follow=True)
    assert "Unknown action." in flashed(response)


def test_report_actions_close_one_target_each(staff_client, reports, post):
    pks = list(Report.objects.filter(post=post).values_list("pk", flat=True))
    response = act(staff_client, "admin:moderation_report_changelist", "resolve_reports", pks,
                   reason="Handled")  # fmt: skip
    assert "Reports about 1 target resolved." in flashed(response)
    assert set(Report.objects.filter(post=post).values_list("note", flat=True)) == {"Handled"}


def test_reports_are_records(staff_client, superuser, reports, client):
    client.force_login(superuser)
    assert client.get(reverse("admin:moderation_report_add")).status_code == 403
    page = text(client.get(reverse("admin:moderation_report_change", args=[reports.pk])))
    assert 'name="status"' not in page
    assert client.get(reverse("admin:moderation_moderationaction_add")).status_code == 403


def test_rows_link_to_the_live_site(staff_client, reports, post, comment):
    page = text(staff_client.get(reverse("admin:moderation_report_changelist")))
    assert f'href="{post.get_absolute_url()}"' in page
    assert f"#comment-{comment.pk}" in page
    assert "/u/alba/" in page
    page = text(staff_client.get(reverse("admin:posts_post_changelist")))
    assert f'href="{post.get_absolute_url()}"' in page
    services.post_lock(actor=post.community.owner, post=post)
    page = text(staff_client.get(reverse("admin:moderation_moderationaction_changelist")))
    assert f'href="{post.get_absolute_url()}"' in page


# --- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize(
    "url_name",
    [
        "admin:moderation_report_changelist",
        "admin:moderation_moderationaction_changelist",
        "admin:moderation_report_queue",
        "admin:moderation_suspension_changelist",
    ],
)
def test_admin_lists_do_not_query_per_row(
    staff_client, author, community, moderator, staff_moderator, size, url_name,
    django_assert_max_num_queries,
):  # fmt: skip
    reporters = [make_member(f"reporter{i}") for i in range(2)]
    for index in range(size):
        post = post_services.post_create(author=author, community=community, title=f"P{index}")
        comment = comment_create(author=author, post=post, body=f"c{index}")
        target = make_member(f"target{index}")
        for reporter in reporters:
            services.report_create(reporter=reporter, target=post, reason="spam")
        services.report_create(reporter=reporters[0], target=comment, reason="hate")
        services.report_create(reporter=reporters[0], target=target, reason="impersonation")
        services.post_lock(actor=moderator, post=post)
        services.comment_remove(actor=staff_moderator, comment=comment, reason="r")
        services.member_suspend(actor=staff_moderator, member=target, reason="r")
    url = reverse(url_name)
    staff_client.get(url)
    with django_assert_max_num_queries(7):
        response = staff_client.get(url)
    assert response.status_code == 200
