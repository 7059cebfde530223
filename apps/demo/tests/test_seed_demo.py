"""`seed_demo` twice: the second run adds nothing at all, and what members
wrote in between (a tester on a demo login included) gets no demo comment,
vote or report."""

import io

import pytest
from django.core.management import call_command

from apps.accounts.models import User
from apps.comments.models import Comment, CommentVote
from apps.communities.models import Community
from apps.media.models import Image
from apps.moderation.models import ModerationAction, Report
from apps.notifications.models import Notification
from apps.polls.models import PollVote
from apps.posts.models import Post, PostVote
from apps.posts.services import post_create
from conftest import make_member

# Real commits, as in `make run` (the inbox step's notifications run after commit).
pytestmark = pytest.mark.django_db(transaction=True)


def seed() -> None:
    call_command("seed_demo", stdout=io.StringIO())


def counts() -> dict[str, int]:
    models = (
        User,
        Community,
        Post,
        PostVote,
        Comment,
        CommentVote,
        Report,
        ModerationAction,
        Image,
        PollVote,
        Notification,
    )
    return {model.__name__: model.objects.count() for model in models}


def test_a_second_run_adds_nothing_and_never_touches_members_posts():
    seed()
    first = counts()
    assert first["Post"] > 50 and first["Comment"] > 150 and first["Report"] > 0

    gardening = Community.objects.get(slug="gardening")
    alice = User.objects.get(username="alice")  # a demo login a tester may use
    testers_post = post_create(
        author=alice, community=gardening, title="Testing: my own post", body="<p>Mine.</p>"
    )
    newcomer = make_member("newcomer")
    newcomers_post = post_create(
        author=newcomer,
        community=Community.objects.get(slug="python"),
        title="What went wrong with my banana bread?",  # not a title of the python demo
        body="<p>Wrong community, but mine.</p>",
    )
    after_members = counts()

    seed()
    assert counts() == after_members
    assert after_members["Post"] == first["Post"] + 2
    for post in (testers_post, newcomers_post):
        assert not Comment.objects.filter(post=post).exists()
        assert not PostVote.objects.filter(post=post).exists()
        assert not Report.objects.filter(post=post).exists()
    assert not Report.objects.filter(member=newcomer).exists()
    assert not newcomer.memberships.exists()
