"""The site's moderation pages: reporting, the queue, moderators' controls,
bans, the moderators page and the public logs."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from apps.comments.models import Comment
from apps.comments.services import comment_create
from apps.communities.models import Ban, Community, Membership
from apps.moderation import selectors, services
from apps.moderation.models import ModerationAction, Report, ReportStatus
from apps.posts import services as post_services
from apps.posts.models import Post
from conftest import make_member

from .conftest import add_member, make_community

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def text(response) -> str:
    return response.content.decode()


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def fresh(obj):
    obj.refresh_from_db()
    return obj


# --- reporting ---------------------------------------------------------------------------


def test_member_reports_a_post_from_its_page(client, member, post):
    client.force_login(member)
    page = text(client.get(post.get_absolute_url()))
    url = reverse("moderation:report_post", args=[post.pk])
    assert f'href="{url}"' in page
    form = client.get(url)
    assert form.status_code == 200 and "Spam or advertising" in text(form)
    response = client.post(url, {"reason": "spam", "details": "Link farm", "next": "/c/gardening/"})
    assert response.status_code == 302 and response["Location"] == "/c/gardening/"
    assert flashed(response)[-1] == "Thank you. The moderators will review your report."
    report = Report.objects.get()
    assert (report.reporter, report.post, report.details) == (member, post, "Link farm")


def test_reporting_twice_says_so_and_writes_nothing(client, member, post):
    client.force_login(member)
    url = reverse("moderation:report_post", args=[post.pk])
    client.post(url, {"reason": "spam"})
    response = client.post(url, {"reason": "hate"})
    assert response.status_code == 400
    assert "You already reported this" in text(response)
    assert Report.objects.count() == 1
    page = text(client.get(url))
    assert "You already reported this" in page and "Send report" not in page


def test_reporting_your_own_post_is_explained(client, author, post):
    client.force_login(author)
    assert "mod-report-link" not in text(client.get(post.get_absolute_url()))
    url = reverse("moderation:report_post", args=[post.pk])
    for response in (client.get(url), client.post(url, {"reason": "spam"})):
        assert response.status_code == 400
        assert "You cannot report your own post or comment." in text(response)
    assert Report.objects.count() == 0


def test_report_needs_a_reason(client, member, post):
    client.force_login(member)
    response = client.post(reverse("moderation:report_post", args=[post.pk]), {"reason": ""})
    assert response.status_code == 400 and "Choose a reason from the list." in text(response)
    response = client.post(
        reverse("moderation:report_post", args=[post.pk]), {"reason": "other", "details": ""}
    )
    assert response.status_code == 400 and "needs a few words" in text(response)
    assert Report.objects.count() == 0


def test_report_comment_and_member(client, member, comment, author):
    client.force_login(member)
    page = text(client.get(comment.post.get_absolute_url()))
    comment_url = reverse("moderation:report_comment", args=[comment.pk])
    assert f'href="{comment_url}"' in page
    assert client.post(comment_url, {"reason": "harassment"}).status_code == 302
    profile = text(client.get(reverse("profiles:detail", args=[author.username])))
    member_url = reverse("moderation:report_member", args=[author.username])
    assert f'href="{member_url}"' in profile
    assert client.post(member_url, {"reason": "impersonation"}).status_code == 302
    assert sorted(r.kind for r in Report.objects.all()) == ["comment", "member"]
    assert Report.objects.get(member=author).community is None


def test_report_pages_of_invisible_or_missing_targets_are_404(
    client, member, owner, private_community
):
    secret = post_services.post_create(author=owner, community=private_community, title="Secret")
    client.force_login(member)
    assert client.get(reverse("moderation:report_post", args=[secret.pk])).status_code == 404
    assert client.get(reverse("moderation:report_post", args=[999])).status_code == 404
    assert client.get(reverse("moderation:report_member", args=["nobody"])).status_code == 404
    assert client.get("/report/thing/1/").status_code == 404


def test_visitors_are_sent_to_log_in(client, post):
    url = reverse("moderation:report_post", args=[post.pk])
    assert "mod-report-link" not in text(client.get(post.get_absolute_url()))
    response = client.post(url, {"reason": "spam"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Report.objects.count() == 0


# --- the post page ----------------------------------------------------------------------------


def test_moderators_get_controls_on_the_post_page(client, post, moderator, member):
    remove = reverse("moderation:post_action", args=[post.pk, "remove"])
    client.force_login(member)
    assert remove not in text(client.get(post.get_absolute_url()))
    client.force_login(moderator)
    page = text(client.get(post.get_absolute_url()))
    assert remove in page and "Lock" in page and "Pin" in page
    assert "/admin/" not in page.split('class="site-footer"')[0].split("</header>", 1)[1]


def test_staff_moderators_get_a_link_to_the_admin(client, post, staff_moderator):
    client.force_login(staff_moderator)
    page = text(client.get(post.get_absolute_url()))
    assert reverse("admin:posts_post_change", args=[post.pk]) in page
    profile = text(client.get(reverse("profiles:detail", args=[post.author.username])))
    assert reverse("admin:accounts_user_change", args=[post.author.pk]) in profile


def test_remove_from_the_post_page_and_what_people_see(
    client, post, moderator, author, member, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    url = reverse("moderation:post_action", args=[post.pk, "remove"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Advertising", "next": post.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    assert flashed(response)[-1] == "The post was removed."
    client.force_login(author)
    page = text(client.get(post.get_absolute_url()))
    assert "This post was removed by moderators. Only you can still see it." in page
    assert "Reason: Advertising" in page and "Cheap seeds here" in page
    client.force_login(member)
    page = text(client.get(post.get_absolute_url()))
    assert "[removed]" in page and "Cheap seeds here" not in page
    assert "Cheap seeds here" not in text(client.get("/c/gardening/"))


def test_bad_input_on_post_actions_is_explained_and_writes_nothing(client, post, moderator):
    client.force_login(moderator)
    url = reverse("moderation:post_action", args=[post.pk, "remove"])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert "Give a reason: the author and the log will show it." in text(response)
    assert f'href="{post.get_absolute_url()}"' in text(response)  # the way back
    services.post_lock(actor=moderator, post=post)
    response = client.post(reverse("moderation:post_action", args=[post.pk, "lock"]))
    assert response.status_code == 400 and "This post is already locked." in text(response)
    assert not fresh(post).is_removed
    assert ModerationAction.objects.count() == 1
    assert (
        client.post(reverse("moderation:post_action", args=[post.pk, "explode"])).status_code == 404
    )
    assert client.get(url).status_code == 405


def test_moderator_removes_and_restores_a_comment_from_the_thread(client, comment, moderator):
    post = comment.post
    client.force_login(moderator)
    page = text(client.get(post.get_absolute_url()))
    url = f"/mod/comments/{comment.pk}/remove/"
    assert f'action="{url}"' in page
    client.post(url, {"reason": "Rude", "next": post.get_absolute_url()})
    assert fresh(comment).is_removed and fresh(post).comment_count == 0
    page = text(client.get(post.get_absolute_url()))
    assert f'action="/mod/comments/{comment.pk}/restore/"' in page
    client.post(f"/mod/comments/{comment.pk}/restore/")
    assert not fresh(comment).is_removed and fresh(post).comment_count == 1


@pytest.mark.parametrize("size", [5, 40])
def test_post_page_for_a_moderator_does_not_query_per_comment(
    client, post, moderator, author, size, django_assert_max_num_queries
):
    for index in range(size):
        comment_create(author=author, post=post, body=f"comment {index}")
    client.force_login(moderator)
    client.get(post.get_absolute_url())
    # user, post, tags, ban/membership, the tree, the moderator check, headroom
    with django_assert_max_num_queries(9):
        response = client.get(post.get_absolute_url())
    assert text(response).count("/remove/") == size + 1


# --- the queue ----------------------------------------------------------------------------------


@pytest.fixture
def reported(member, other_member, post, comment, community):
    add_member(community, other_member)
    services.report_create(reporter=member, target=post, reason="spam", details="Link farm")
    services.report_create(reporter=other_member, target=post, reason="rules")
    services.report_create(reporter=member, target=comment, reason="harassment")
    return post


def test_queue_groups_reports_by_target(client, moderator, reported, comment):
    client.force_login(moderator)
    response = client.get(reverse("moderation:queue", args=["gardening"]))
    page = text(response)
    assert response.status_code == 200
    assert page.count('data-testid="report-group"') == 2
    assert "2 reports" in page and "Link farm" in page and "Breaks the community" in page
    # Oldest first, then the most reported first.
    assert page.index("Cheap seeds here") < page.index("Visit my shop")
    by_count = text(client.get(reverse("moderation:queue", args=["gardening"]) + "?sort=reports"))
    assert by_count.index("Cheap seeds here") < by_count.index("Visit my shop")
    # Reporters stay anonymous to community moderators.
    assert "marta" not in page and "omar" not in page


def test_queue_paginates_by_cursor(client, moderator, author, community, member):
    posts = [
        post_services.post_create(author=author, community=community, title=f"Reported {i}")
        for i in range(5)
    ]
    for post in posts:
        services.report_create(reporter=member, target=post, reason="spam")
    client.force_login(moderator)
    url = reverse("moderation:queue", args=["gardening"])

    first = selectors.report_groups_page(community=community, page_size=3)
    second = selectors.report_groups_page(
        community=community, cursor=first.next_cursor, page_size=3
    )
    assert [g.target.title for g in first] + [g.target.title for g in second] == [
        f"Reported {i}" for i in range(5)
    ]
    assert second.next_cursor is None
    assert client.get(url + "?cursor=garbage&sort=bogus").status_code == 200


def test_remove_from_the_queue_with_htmx(client, moderator, reported):
    client.force_login(moderator)
    response = client.post(
        reverse("moderation:post_action", args=[reported.pk, "remove"]),
        {"reason": "Spam link", "group_kind": "post", "group_id": reported.pk},
        **HTMX,
    )
    page = text(response)
    assert response.status_code == 200
    assert f'id="report-group-post-{reported.pk}"' in page
    assert "The post was removed." in page and "No open reports left about this." in page
    assert fresh(reported).is_removed
    assert set(Report.objects.filter(post=reported).values_list("status", flat=True)) == {
        "resolved"
    }


def test_queue_error_comes_back_in_the_group(client, moderator, reported):
    client.force_login(moderator)
    response = client.post(
        reverse("moderation:post_action", args=[reported.pk, "remove"]),
        {"reason": "", "group_kind": "post", "group_id": reported.pk},
        **HTMX,
    )
    page = text(response)
    assert "Give a reason" in page and 'data-testid="report-group"' in page
    assert "No open reports left" not in page
    assert not fresh(reported).is_removed


def test_a_refused_action_answers_403_with_the_reason(client, member, reported):
    client.force_login(member)
    url = reverse("moderation:post_action", args=[reported.pk, "remove"])
    response = client.post(url, {"reason": "Mine now"})
    assert response.status_code == 403
    assert "Only the community&#x27;s moderators can remove posts." in text(response)
    assert not fresh(reported).is_removed


def test_a_refused_htmx_action_shows_the_reason_and_no_reports(client, member, reported):
    client.force_login(member)
    response = client.post(
        reverse("moderation:post_action", args=[reported.pk, "lock"]),
        {"group_kind": "post", "group_id": reported.pk},
        **HTMX,
    )
    page = text(response)
    assert response.status_code == 403
    assert "Only the community&#x27;s moderators can lock posts." in page
    assert "Link farm" not in page and "No open reports left" not in page
    assert not fresh(reported).is_locked


def test_resolve_and_dismiss_from_the_queue(client, moderator, reported, comment):
    client.force_login(moderator)
    report = Report.objects.filter(post=reported).first()
    url = reverse("moderation:report_action", args=[report.pk, "decide"])
    response = client.post(url, {"decision": "dismiss", "note": "Fine by the rules"})
    assert response.status_code == 302
    assert flashed(response)[-1] == "Reports dismissed."
    assert set(Report.objects.filter(post=reported).values_list("status", flat=True)) == {
        "dismissed"
    }
    comment_report = Report.objects.get(comment=comment)
    response = client.post(
        reverse("moderation:report_action", args=[comment_report.pk, "resolve"]),
        {"group_kind": "comment", "group_id": comment.pk},
        **HTMX,
    )
    assert "Reports resolved." in text(response)
    assert fresh(comment_report).status == ReportStatus.RESOLVED
    again = client.post(reverse("moderation:report_action", args=[comment_report.pk, "resolve"]))
    assert again.status_code == 400 and "This report is already closed." in text(again)
    assert client.post(url, {"decision": "explode"}).status_code == 404


def test_ban_the_author_from_the_queue(client, moderator, reported, author):
    client.force_login(moderator)
    response = client.post(
        reverse("moderation:bans", args=["gardening"]),
        {
            "member": author.username,
            "reason": "Spammer",
            "group_kind": "post",
            "group_id": reported.pk,
        },
        **HTMX,
    )
    assert response.status_code == 200 and "alba is banned from Gardening." in text(response)
    assert Ban.objects.filter(user=author).exists()


@pytest.mark.parametrize("size", [2, 20])
def test_queue_queries_do_not_grow(
    client, moderator, author, community, size, django_assert_max_num_queries
):
    reporters = [make_member(f"reporter{i}") for i in range(3)]
    for index in range(size):
        post = post_services.post_create(author=author, community=community, title=f"P{index}")
        comment = comment_create(author=author, post=post, body=f"c{index}")
        for reporter in reporters[: 1 + index % 3]:
            services.report_create(reporter=reporter, target=post, reason="spam", details="x")
        services.report_create(reporter=reporters[0], target=comment, reason="hate")
    client.force_login(moderator)
    url = reverse("moderation:queue", args=["gardening"])
    client.get(url)
    with django_assert_max_num_queries(9):
        response = client.get(url)
    assert text(response).count('data-testid="report-group"') == min(2 * size, 25)


# --- bans and moderators -------------------------------------------------------------------------


def test_ban_page_bans_and_lifts(client, moderator, member):
    client.force_login(moderator)
    url = reverse("moderation:bans", args=["gardening"])
    until = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(url, {"member": "Marta", "reason": "Rude", "until": until})
    assert response.status_code == 302
    ban = Ban.objects.get(user=member)
    assert ban.expires_at.date().isoformat() == until
    page = text(client.get(url))
    assert "Rude" in page and "Lift the ban" in page
    client.post(reverse("moderation:unban", args=["gardening"]), {"member": "marta"})
    assert not Ban.objects.exists()
    assert list(ModerationAction.objects.values_list("action", flat=True)) == [
        "member_banned",
        "member_unbanned",
    ]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"member": "olivia"}, "The owner of a community cannot be banned from it."),
        ({"member": "mia"}, "You cannot ban yourself."),
        ({"member": "ghost"}, "There is no member with this username."),
        ({"member": "marta", "until": "2001-01-01"}, "The end of a ban must be in the future."),
        ({"member": "marta", "until": "not a date"}, "Enter a valid date."),
    ],
)
def test_ban_page_bad_input(client, moderator, member, owner, data, message):
    client.force_login(moderator)
    response = client.post(reverse("moderation:bans", args=["gardening"]), data)
    assert response.status_code == 400
    assert message in text(response)
    assert not Ban.objects.exists() and not ModerationAction.objects.exists()


def test_owner_manages_the_moderators(client, owner, member, moderator):
    client.force_login(owner)
    page = text(client.get(reverse("moderation:team", args=["gardening"])))
    assert "Appoint a moderator" in page and "Transfer ownership" in page
    client.post(
        reverse("moderation:team_action", args=["gardening", "appoint"]), {"member": "marta"}
    )
    assert Membership.objects.get(user=member).is_moderator
    response = client.post(
        reverse("moderation:team_action", args=["gardening", "appoint"]), {"member": "marta"}
    )
    assert response.status_code == 400 and "marta is already a moderator." in text(response)
    client.post(reverse("moderation:team_action", args=["gardening", "remove"]), {"member": "mia"})
    assert not Membership.objects.get(user=moderator).is_moderator
    client.post(
        reverse("moderation:team_action", args=["gardening", "transfer"]), {"member": "marta"}
    )
    assert Community.objects.get(slug="gardening").owner == member
    client.force_login(moderator)
    assert client.get(reverse("moderation:team", args=["gardening"])).status_code == 403


def test_header_links_to_the_queue_for_moderators_and_to_the_log_for_all(client, moderator, member):
    queue = reverse("moderation:queue", args=["gardening"])
    log = reverse("moderation:community_log", args=["gardening"])
    page = text(client.get("/c/gardening/"))
    assert log in page and queue not in page
    client.force_login(member)
    assert queue not in text(client.get("/c/gardening/"))
    client.force_login(moderator)
    assert queue in text(client.get("/c/gardening/about/"))


# --- the logs ----------------------------------------------------------------------------------


@pytest.fixture
def logged(post, comment, moderator, staff_moderator, member, community):
    report = services.report_create(reporter=member, target=comment, reason="spam")
    services.report_dismiss(actor=moderator, report=report, note="Secret note")
    services.post_lock(actor=moderator, post=post, reason="Heated thread")
    services.comment_remove(actor=staff_moderator, comment=comment, reason="Slur")
    return post


def test_community_log_names_moderators_but_not_staff(client, logged):
    page = text(client.get(reverse("moderation:community_log", args=["gardening"])))
    assert "locked a post" in page and "Heated thread" in page
    assert ">Mia<" in page or "mia" in page
    assert "removed a comment" in page and "Quorum staff" in page and "sam" not in page.lower()
    # Report decisions stay private.
    assert "Secret note" not in page and "dismissed" not in page


def test_log_filters(client, logged, moderator):
    url = reverse("moderation:community_log", args=["gardening"])
    page = text(client.get(url, {"action": "post_locked"}))
    assert "locked a post" in page and "removed a comment" not in page
    page = text(client.get(url, {"moderator": "mia"}))
    assert "locked a post" in page and "removed a comment" not in page
    # Filtering by a staff member's name reveals nothing.
    assert "Nothing matches these filters." in text(client.get(url, {"moderator": "sam"}))
    today = timezone.localdate()
    assert "locked a post" in text(client.get(url, {"since": today.isoformat()}))
    yesterday = (today - timedelta(days=1)).isoformat()
    assert "Nothing matches" in text(client.get(url, {"until": yesterday}))
    hostile = {
        "action": "x' OR 1=1",
        "since": "2020-13-45",
        "cursor": "%%%",
        "moderator": "a" * 999,
    }
    assert client.get(url, hostile).status_code == 200
    site = text(client.get(reverse("moderation:site_log"), {"community": "gardening"}))
    assert "locked a post" in site
    assert "Nothing matches" in text(client.get(reverse("moderation:site_log"), {"community": "x"}))


def test_private_community_logs_stay_private(client, owner, private_community, outsider):
    secret = post_services.post_create(author=owner, community=private_community, title="Secret")
    services.post_lock(actor=owner, post=secret, reason="Members only")
    client.force_login(outsider)
    assert (
        client.get(reverse("moderation:community_log", args=["secret-garden"])).status_code == 404
    )
    assert "Members only" not in text(client.get(reverse("moderation:site_log")))
    client.force_login(owner)
    assert "Members only" in text(client.get(reverse("moderation:site_log")))


def test_log_paginates_by_cursor(client, post, moderator):
    for _index in range(3):
        services.post_lock(actor=moderator, post=post)
        services.post_unlock(actor=moderator, post=post)

    first = selectors.log_page(viewer=AnonymousUser(), page_size=4)
    second = selectors.log_page(viewer=AnonymousUser(), page_size=4, cursor=first.next_cursor)
    ids = [entry.pk for entry in first] + [entry.pk for entry in second]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 6
    page = text(client.get(reverse("moderation:site_log")))
    assert page.count('class="modlog-entry"') == 6


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("name", ["community", "site"])
def test_log_queries_do_not_grow(
    client, member, author, moderator, staff_moderator, community, size, name,
    django_assert_max_num_queries,
):  # fmt: skip
    other = make_community(make_member("carl"), "cooking")
    for index in range(size):
        post = post_services.post_create(author=author, community=community, title=f"P{index}")
        comment = comment_create(author=author, post=post, body=f"c{index}")
        services.post_lock(actor=moderator, post=post, reason="r")
        services.comment_remove(actor=staff_moderator, comment=comment, reason="r")
        services.member_ban(actor=moderator, community=community, member=make_member(f"b{index}"))
        if index < 5:
            elsewhere = post_services.post_create(
                author=other.owner, community=other, title=f"O{index}"
            )
            services.post_pin(actor=other.owner, post=elsewhere)
    client.force_login(member)
    if name == "community":
        url, expected = reverse("moderation:community_log", args=["gardening"]), 3 * size
    else:
        url, expected = reverse("moderation:site_log"), 3 * size + min(size, 5)
    client.get(url)
    # user, the log page (targets joined), the community and the viewer's standing
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
    assert text(response).count('class="modlog-entry"') == min(expected, 50)


# --- suspensions -------------------------------------------------------------------------


def test_suspended_member_is_logged_out_on_the_next_request(client, author, staff_moderator, post):
    client.force_login(author)
    assert client.get("/settings/").status_code == 200
    # Even before the session clean-up task runs, the next request is anonymous.
    services.member_suspend(actor=staff_moderator, member=author, reason="Spam")
    response = client.get("/settings/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(reverse("posts:submit", args=["gardening"]), {"title": "Again"})
    assert response.status_code == 302
    assert not Post.objects.filter(title="Again").exists()


def test_html_ids_of_comment_tools_are_never_localized(client, moderator, post, author, settings):
    settings.USE_THOUSAND_SEPARATOR = True
    comment = comment_create(author=author, post=post, body="Big id")

    Comment.objects.filter(pk=comment.pk).update(id=123456)
    client.force_login(moderator)
    page = text(client.get(post.get_absolute_url()))
    assert "/mod/comments/123456/remove/" in page
    assert not re.search(r"/mod/comments/123[,.\s]456", page)
