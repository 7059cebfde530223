import io

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q, Sum

from apps.comments.models import Comment, CommentVote, child_path
from apps.communities.models import Ban, Membership, Visibility
from apps.communities.tests.conftest import make_community
from apps.demo.content import POSTS
from apps.posts.models import Post
from apps.posts.tests.factories import make_post
from apps.profiles.models import Profile
from conftest import make_member

pytestmark = pytest.mark.django_db


def _count(replies) -> int:
    return sum(1 + _count(reply.replies) for reply in replies)


@pytest.fixture
def demo_content(owner):
    """The demo's posts of three communities (public, multilingual, private),
    as seed_content leaves them, and a post a member wrote."""
    people = [make_member(f"demo{i}") for i in range(12)]
    public = make_community(owner, "urbanism")
    languages = make_community(owner, "language-learning")
    private = make_community(owner, "night-shift", visibility=Visibility.PRIVATE)
    for person in people[:3]:
        Membership.objects.create(community=private, user=person)
    Ban.objects.create(community=public, user=people[-1], banned_by=owner)
    posts = []
    for community in (public, languages, private):
        for index, demo in enumerate(POSTS[community.slug]):
            author = owner if community == private else people[index]
            posts.append(
                make_post(
                    author,
                    community,
                    demo.title,
                    slug=f"{community.slug}-{index}",
                    language=demo.language,
                    raw=True,
                )
            )
    mine = make_post(people[0], public, "My own post about trams", slug="mine", raw=True)
    return people, public, private, posts, mine


def seed() -> str:
    out = io.StringIO()
    call_command("seed_discussions", stdout=out)
    return out.getvalue()


def test_seed_writes_the_demo_threads_and_nothing_else(demo_content):
    people, public, private, _posts, mine = demo_content
    output = seed()
    assert "Demo discussions ready" in output
    comments = list(Comment.objects.all())
    slugs = ("urbanism", "language-learning", "night-shift")
    expected = sum(_count(demo.replies) for slug in slugs for demo in POSTS[slug])
    assert len(comments) == expected
    # The written words, each reply once; the long argument is ten levels deep.
    written = {comment.body_text for comment in comments}
    assert {demo.replies[0].text for demo in POSTS["night-shift"]} <= written
    assert max(comment.depth for comment in comments) == 9
    # A member's own post gets nothing.
    assert not Comment.objects.filter(post=mine).exists()
    # "op" replies are the post's author's; replies speak their own language.
    argument = Comment.objects.filter(post__community=public, depth=9).get()
    assert argument.author_id == argument.post.author_id
    assert argument.body_text.startswith("Then we agree")
    spanish = Comment.objects.get(body_text__startswith="¡Enhorabuena!")
    assert spanish.language == "es" and spanish.post.language == "en"

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


def test_seed_without_demo_posts_does_nothing(owner):
    community = make_community(owner, "urbanism")
    make_post(owner, community, "Not a demo title", slug="not-demo", raw=True)
    assert "already" in seed()
    assert Comment.objects.count() == 0
