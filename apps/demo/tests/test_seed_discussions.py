import io

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q, Sum

from apps.comments.models import Comment, CommentVote, child_path
from apps.communities.models import Ban, Membership, Visibility
from apps.communities.tests.conftest import make_community
from apps.posts.models import Post
from apps.posts.tests.factories import make_post
from apps.profiles.models import Profile
from conftest import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_content(owner):
    people = [make_member(f"demo{i}") for i in range(12)]
    public = make_community(owner, "public-square")
    private = make_community(owner, "back-room", visibility=Visibility.PRIVATE)
    for person in people[:3]:
        Membership.objects.create(community=private, user=person)
    Ban.objects.create(community=public, user=people[-1], banned_by=owner)
    posts = [
        make_post(people[i], public, f"Public {i}", slug=f"public-{i}", raw=True) for i in range(8)
    ]
    posts.append(make_post(owner, private, title="Private", slug="private", raw=True))
    return people, public, private, posts


def seed(comments=400) -> str:
    out = io.StringIO()
    call_command("seed_discussions", comments=comments, stdout=out)
    return out.getvalue()


def test_seed_makes_consistent_deep_discussions(demo_content):
    people, public, private, _posts = demo_content
    output = seed()
    assert "Demo discussions ready" in output
    comments = list(Comment.objects.all())
    assert 300 <= len(comments) <= 500
    assert max(comment.depth for comment in comments) >= 8
    assert len({comment.body_text for comment in comments if comment.body_text}) > 50

    by_id = {comment.pk: comment for comment in comments}
    for comment in comments:
        parent = by_id.get(comment.parent_id)
        assert comment.path == child_path(parent.path if parent else "", comment.pk)
        assert comment.depth == (parent.depth + 1 if parent else 0)
        if parent:
            assert parent.created <= comment.created
            assert parent.post_id == comment.post_id
    reply_counts = dict(
        Comment.objects.filter(parent__isnull=False)
        .values_list("parent_id")
        .annotate(n=Count("id"))
        .values_list("parent_id", "n")
    )
    for comment in comments:
        assert comment.reply_count == reply_counts.get(comment.pk, 0)

    votes = Comment.objects.annotate(
        total=Sum("votes__value"),
        ups=Count("votes", filter=Q(votes__value=1)),
        downs=Count("votes", filter=Q(votes__value=-1)),
    )
    for comment in votes:
        assert comment.score == (comment.total or 0)
        assert (comment.upvotes, comment.downvotes) == (comment.ups, comment.downs)
    assert CommentVote.objects.count() > len(comments)
    # No self-votes: they would count in the score but not in karma.
    assert not CommentVote.objects.filter(user_id=F("comment__author_id")).exists()

    for post in Post.objects.all():
        shown = Comment.objects.filter(post=post).shown()
        assert post.comment_count == shown.count()
        latest = Comment.objects.filter(post=post).order_by("-created").first()
        if latest:
            assert post.last_activity_at >= latest.created

    for profile in Profile.objects.all():
        earned = (
            CommentVote.objects.filter(comment__author=profile.user)
            .exclude(user=profile.user)
            .aggregate(total=Sum("value"))["total"]
        )
        assert profile.comment_karma == (earned or 0)

    # Only those who may take part: members in the private community, no banned member.
    insiders = set(private.memberships.values_list("user_id", flat=True))
    assert (
        set(Comment.objects.filter(post__community=private).values_list("author_id", flat=True))
        <= insiders
    )
    assert not Comment.objects.filter(post__community=public, author=people[-1]).exists()
    assert not CommentVote.objects.filter(comment__post__community=public, user=people[-1]).exists()


def test_seed_is_idempotent(demo_content):
    seed()
    counts = (Comment.objects.count(), CommentVote.objects.count())
    karma = list(Profile.objects.order_by("pk").values_list("comment_karma", flat=True))
    output = seed()
    assert "already" in output
    assert (Comment.objects.count(), CommentVote.objects.count()) == counts
    assert list(Profile.objects.order_by("pk").values_list("comment_karma", flat=True)) == karma


def test_seed_without_posts_does_nothing(db):
    assert "already" in seed() or "none" in seed()
    assert Comment.objects.count() == 0
