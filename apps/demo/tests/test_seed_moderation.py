import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.comments.models import Comment
from apps.comments.services import comment_create
from apps.communities.models import Ban
from apps.demo.content import POSTS, gardening, python
from apps.demo.management.commands.seed_members import demo_usernames
from apps.moderation import services
from apps.moderation.models import ModerationAction, Report, ReportStatus, Suspension
from apps.posts import services as post_services
from apps.posts.models import Post
from conftest import make_member

from .conftest import add_member, make_community, make_staff_moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(db):
    """The three communities seed_moderation works in, with people, posts and comments."""
    people = [make_member(name) for name in demo_usernames(10)]
    for slug, owner in (("gardening", people[0]), ("python", people[1]), ("books", people[2])):
        community = make_community(owner, slug)
        for person in people:
            if person != owner:
                add_member(community, person)
        for index, demo in enumerate(POSTS[slug]):
            author = people[3 + index % 7]
            post = post_services.post_create(author=author, community=community, title=demo.title)
            comment_create(author=people[3 + (index + 1) % 7], post=post, body=f"c {index}")
            for reply in demo.replies:
                if reply.text in (gardening.RUDE_REPLY, python.PERSONAL_ATTACK):
                    comment_create(author=people[3 + (index + 2) % 7], post=post, body=reply.text)
        # A post a member wrote: never reported or moderated by the demo.
        post_services.post_create(author=people[3], community=community, title="Mine")


def seed() -> str:
    out = io.StringIO()
    call_command("seed_moderation", stdout=out)
    return out.getvalue()


def test_seed_fills_the_queues_and_logs_once(demo_world):
    output = seed()
    assert "Demo moderation ready" in output and "samira" in output
    assert Report.objects.filter(status=ReportStatus.OPEN).count() >= 5
    assert Report.objects.filter(status=ReportStatus.OPEN, member__isnull=False).exists()
    actions = set(ModerationAction.objects.values_list("action", flat=True))
    assert {
        "post_removed",
        "comment_removed",
        "post_locked",
        "post_pinned",
        "member_banned",
        "report_dismissed",
    } <= actions
    assert Ban.objects.filter(community__slug="books").exists()
    # What each action hit was written to deserve it; members' posts are left alone.
    assert Post.objects.get(title=gardening.ADVERT_TITLE).is_removed
    assert Post.objects.get(title=python.HEATED_TITLE).is_locked
    assert Comment.objects.get(body_text=python.PERSONAL_ATTACK).is_removed
    assert not Report.objects.filter(post__title="Mine").exists()
    assert not ModerationAction.objects.filter(post__title="Mine").exists()
    counts = (Report.objects.count(), ModerationAction.objects.count(), Ban.objects.count())
    assert "0 new reports and actions" in seed()
    assert (Report.objects.count(), ModerationAction.objects.count(), Ban.objects.count()) == counts


def test_lift_expired_suspensions_command(db):
    staff, member = make_staff_moderator(), make_member("marta")
    services.member_suspend(
        actor=staff, member=member, reason="x", expires_at=timezone.now() + timedelta(hours=1)
    )
    Suspension.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    out = io.StringIO()
    call_command("lift_expired_suspensions", stdout=out)
    assert "1 suspension(s) lifted." in out.getvalue()
    member.refresh_from_db()
    assert member.is_active
