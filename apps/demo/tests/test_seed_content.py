"""`seed_members` then `seed_content`: consistent counters, idempotent."""

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum

from apps.communities.models import Community, Membership, Visibility
from apps.posts.models import Post, PostVote
from apps.posts.ranking import hot
from apps.profiles.models import Profile
from apps.tags.models import Tag

pytestmark = pytest.mark.django_db


def test_seed_content_is_consistent_and_idempotent():
    call_command("seed_members", members=12, stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_content", posts=60, stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (Community.objects.count(), Post.objects.count(), PostVote.objects.count())
    assert counts[0] == 12 and counts[1] >= 60
    call_command("seed_content", posts=60, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Community.objects.count(), Post.objects.count(), PostVote.objects.count()) == counts

    assert Community.objects.filter(visibility=Visibility.PRIVATE).count() == 1
    assert Community.objects.filter(visibility=Visibility.RESTRICTED).count() == 1
    for community in Community.objects.annotate(m=Count("memberships", distinct=True)):
        assert community.member_count == community.m
        assert community.post_count == community.posts.count()
        assert Membership.objects.get(community=community, user=community.owner).is_moderator
    for post in Post.objects.annotate(total=Sum("votes__value"), n=Count("votes")):
        assert post.score == (post.total or 0)
        assert post.upvotes + post.downvotes == post.n
        assert post.hot == pytest.approx(hot(post.score, post.created))
        assert "<script" not in post.body_html
    for tag in Tag.objects.annotate(n=Count("posts")):
        assert tag.post_count == tag.n
    karma = Profile.objects.aggregate(total=Sum("post_karma"))["total"]
    assert karma == Post.objects.aggregate(total=Sum("score"))["total"]
