"""`seed_members` then `seed_content`: consistent counters, idempotent."""

import html

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum

from apps.communities.models import Community, Membership, Visibility
from apps.demo.content import POSTS
from apps.media.models import Image
from apps.polls.models import Poll, PollVote
from apps.posts.models import Post, PostVote
from apps.posts.ranking import hot
from apps.profiles.models import Profile
from apps.tags.models import Tag

pytestmark = pytest.mark.django_db


def test_seed_content_is_consistent_and_idempotent():
    call_command("seed_members", members=12, stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (
        Community.objects.count(),
        Post.objects.count(),
        PostVote.objects.count(),
        Image.objects.count(),
        PollVote.objects.count(),
    )
    demo_posts = sum(len(posts) for posts in POSTS.values()) + 3  # and 3 welcome posts
    assert counts[0] == 12 and counts[1] == demo_posts
    call_command("seed_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (
        Community.objects.count(),
        Post.objects.count(),
        PostVote.objects.count(),
        Image.objects.count(),
        PollVote.objects.count(),
    ) == counts

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


def test_seeded_posts_are_the_written_ones_with_their_language_picture_and_poll():
    call_command("seed_members", members=30, stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for slug, demos in POSTS.items():
        for demo in demos:
            post = Post.objects.get(community__slug=slug, title=demo.title)
            assert post.language == demo.language
            assert set(post.tags.values_list("slug", flat=True)) == set(demo.tags)
    assert Post.objects.filter(language="es").exists()
    assert Post.objects.filter(language="fr").exists()
    assert Post.objects.filter(language="de").exists()
    pictured = Post.objects.exclude(thumbnail=None)
    assert pictured.count() == 3
    for post in pictured:
        image = post.thumbnail
        assert image.attached_at is not None and image.alt
        assert f'src="{image.file.url}"' in post.body_html
        assert f'alt="{image.alt}"' in html.unescape(post.body_html)
    for poll in Poll.objects.all():
        votes = poll.options.aggregate(total=Sum("votes"))["total"]
        assert poll.voter_count > 0 and votes >= poll.voter_count
        assert PollVote.objects.filter(option__poll=poll).count() == votes
    # Descriptions are stored as the comments' HTML.
    assert Community.objects.get(slug="gardening").description.startswith("<p>")
