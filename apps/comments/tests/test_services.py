from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.comments.models import MAX_DEPTH, Comment, CommentVote, path_segment
from apps.comments.services import (
    DUPLICATE_WINDOW,
    MAX_BODY_LENGTH,
    comment_create,
    comment_delete,
    comment_update,
    comment_vote,
    editable_body,
)
from apps.comments.tests.conftest import reply
from apps.communities.models import Membership, Visibility
from apps.communities.tests.conftest import make_community
from apps.posts.models import Post
from apps.posts.tests.factories import make_post
from apps.profiles.models import Profile
from conftest import make_member

pytestmark = pytest.mark.django_db


def fresh(obj):
    obj.refresh_from_db()
    return obj


def karma(user) -> int:
    return Profile.objects.get(user=user).comment_karma


# --- create -------------------------------------------------------------------------


def test_top_level_comment_sets_path_depth_and_post_counters(post, member):
    before = post.last_activity_at
    comment = comment_create(author=member, post=post, body="Hello there")
    comment = fresh(comment)
    assert comment.depth == 0
    assert comment.parent is None
    assert comment.path == path_segment(comment.pk)
    assert comment.body_html == "<p>Hello there</p>"
    assert comment.body_text == "Hello there"
    post = fresh(post)
    assert post.comment_count == 1
    assert post.last_activity_at > before


def test_reply_extends_parent_path_and_counts_on_parent(comment, other_member, member):
    child = reply(comment, other_member, "A reply")
    grandchild = reply(child, member, "A reply to the reply")
    assert fresh(child).path == comment.path + path_segment(child.pk)
    assert fresh(grandchild).path == fresh(child).path + path_segment(grandchild.pk)
    assert (child.depth, grandchild.depth) == (1, 2)
    assert fresh(comment).reply_count == 1
    assert fresh(child).reply_count == 1
    assert fresh(comment.post).comment_count == 3


def test_plain_text_becomes_paragraphs(post, member):
    comment = comment_create(author=member, post=post, body="line one\nline two\n\n2 < 3 & so on")
    assert comment.body_html == "<p>line one<br>line two</p><p>2 &lt; 3 &amp; so on</p>"
    assert "2 < 3 & so on" in comment.body_text


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>hello",
        '<img src=x onerror="alert(1)">hello',
        '<a href="javascript:alert(1)">hello</a>',
        '<p onclick="alert(1)" style="color:red">hello</p>',
        '<svg onload="alert(1)"></svg>hello',
        '<iframe src="https://evil.example"></iframe>hello',
        '<a href="//evil.example/x">hello</a>',
    ],
)
def test_xss_payloads_are_stored_harmless(post, member, payload):
    comment = comment_create(author=member, post=post, body=payload)
    stored = comment.body_html.lower()
    for needle in (
        "<script",
        "onerror",
        "javascript:",
        "onclick",
        "style=",
        "<svg",
        "<iframe",
        "<img",
    ):
        assert needle not in stored
    assert "//evil.example" not in stored
    assert "hello" in comment.body_text


def test_links_get_nofollow(post, member):
    comment = comment_create(
        author=member, post=post, body='<p>see <a href="https://example.org">this</a></p>'
    )
    assert 'rel="nofollow ugc noopener"' in comment.body_html


@pytest.mark.parametrize("body", ["", "   ", "\n\t  \n", "<script>only()</script>", "<p> </p>"])
def test_empty_bodies_are_refused(post, member, body):
    with pytest.raises(ValidationError) as error:
        comment_create(author=member, post=post, body=body)
    assert "empty" in " ".join(error.value.messages) or "no text" in " ".join(error.value.messages)
    assert Comment.objects.count() == 0
    assert fresh(post).comment_count == 0


def test_oversize_body_is_refused_with_the_limit(post, member):
    with pytest.raises(ValidationError) as error:
        comment_create(author=member, post=post, body="a" * (MAX_BODY_LENGTH + 1))
    assert "10,000" in error.value.messages[0]
    assert "10,001" in error.value.messages[0]
    comment_create(author=member, post=post, body="a" * MAX_BODY_LENGTH)


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("is_locked", "This post is locked: new comments are closed."),
        ("is_deleted", "This post was deleted: new comments are closed."),
        ("is_removed", "This post was removed by moderators: new comments are closed."),
    ],
)
def test_closed_posts_refuse_comments(post, member, field, message):
    Post.objects.filter(pk=post.pk).update(**{field: True})
    with pytest.raises(ValidationError) as error:
        comment_create(author=member, post=post, body="Hello")
    assert error.value.messages == [message]
    assert Comment.objects.count() == 0


def test_lock_is_read_again_inside_the_transaction(post, member):
    stale = Post.objects.get(pk=post.pk)
    Post.objects.filter(pk=post.pk).update(is_locked=True)
    with pytest.raises(ValidationError):
        comment_create(author=member, post=stale, body="Hello")


def test_cannot_reply_to_a_deleted_comment(comment, member, other_member):
    comment_delete(actor=member, comment=comment)
    with pytest.raises(ValidationError, match="deleted comment"):
        reply(comment, other_member, "Too late")


def test_cannot_reply_to_a_removed_comment(comment, other_member):
    Comment.objects.filter(pk=comment.pk).update(is_removed=True)
    with pytest.raises(ValidationError, match="removed comment"):
        reply(fresh(comment), other_member, "Too late")


def test_reply_to_a_comment_of_another_post_is_refused(comment, community, owner, other_member):
    other_post = make_post(owner, community, title="Another", slug="another", raw=True)
    with pytest.raises(ValidationError, match="same post"):
        comment_create(author=other_member, post=other_post, body="Hi", parent=comment)
    assert fresh(other_post).comment_count == 0
    assert fresh(comment).reply_count == 0


def test_replies_stop_at_the_maximum_depth(comment, other_member):
    Comment.objects.filter(pk=comment.pk).update(depth=MAX_DEPTH)
    with pytest.raises(ValidationError, match="too deep"):
        reply(fresh(comment), other_member, "deeper")


def test_banned_member_cannot_comment(post, banned_member):
    with pytest.raises(PermissionDenied):
        comment_create(author=banned_member, post=post, body="Hello")


def test_anonymous_cannot_comment(post):
    with pytest.raises(PermissionDenied):
        comment_create(author=AnonymousUser(), post=post, body="Hello")


def test_outsider_cannot_comment_in_a_private_community(private_post, outsider, owner):
    with pytest.raises(PermissionDenied):
        comment_create(author=outsider, post=private_post, body="Hello")
    comment_create(author=owner, post=private_post, body="Members are welcome")


def test_restricted_community_needs_approval(owner, member):
    community = make_community(owner, "askscience", visibility=Visibility.RESTRICTED)
    post = make_post(owner, community, raw=True)
    with pytest.raises(PermissionDenied):
        comment_create(author=member, post=post, body="Hello")
    Membership.objects.create(community=community, user=member, is_approved=False)
    with pytest.raises(PermissionDenied):
        comment_create(author=member, post=post, body="Hello")
    Membership.objects.filter(community=community, user=member).update(is_approved=True)
    assert comment_create(author=member, post=post, body="Hello").pk


def test_moderator_can_comment(post, moderator):
    assert comment_create(author=moderator, post=post, body="Mod here").pk


def test_double_submission_creates_one_comment(comment, other_member):
    first = reply(comment, other_member, "Same words")
    second = reply(comment, other_member, "Same words")
    assert first.pk == second.pk
    assert Comment.objects.filter(parent=comment).count() == 1
    assert fresh(comment).reply_count == 1
    assert fresh(comment.post).comment_count == 2


def test_same_words_later_or_elsewhere_are_new_comments(comment, post, other_member):
    first = reply(comment, other_member, "Same words")
    Comment.objects.filter(pk=first.pk).update(
        created=timezone.now() - DUPLICATE_WINDOW - timedelta(seconds=1)
    )
    assert reply(comment, other_member, "Same words").pk != first.pk
    top = comment_create(author=other_member, post=post, body="Same words")
    assert top.pk != first.pk and top.parent_id is None


# --- update -------------------------------------------------------------------------


def test_author_edits_and_it_shows_edited(comment, member):
    comment_update(actor=member, comment=comment, body="Better words")
    comment = fresh(comment)
    assert comment.body_text == "Better words"
    assert comment.edited_at is not None


def test_unchanged_edit_is_not_marked_edited(comment, member):
    comment_update(actor=member, comment=comment, body="First!")
    assert fresh(comment).edited_at is None


@pytest.mark.parametrize("persona", ["other_member", "moderator", "staff_member"])
def test_only_the_author_edits(request, comment, persona):
    with pytest.raises(PermissionDenied):
        comment_update(actor=request.getfixturevalue(persona), comment=comment, body="Hijack")
    assert fresh(comment).body_text == "First!"


def test_banned_author_cannot_edit(comment, member, community, owner):
    from apps.communities.models import Ban

    Ban.objects.create(community=community, user=member, banned_by=owner)
    with pytest.raises(PermissionDenied):
        comment_update(actor=member, comment=comment, body="Changed")


def test_edit_validates_the_body(comment, member):
    with pytest.raises(ValidationError):
        comment_update(actor=member, comment=comment, body="   ")
    with pytest.raises(ValidationError):
        comment_update(actor=member, comment=comment, body="x" * (MAX_BODY_LENGTH + 1))
    assert fresh(comment).body_text == "First!"


def test_deleted_comment_cannot_be_edited(comment, member):
    comment_delete(actor=member, comment=comment)
    with pytest.raises(PermissionDenied):
        comment_update(actor=member, comment=fresh(comment), body="Back from the dead")


def test_edit_racing_a_delete_does_not_bring_the_text_back(comment, member):
    stale = Comment.objects.get(pk=comment.pk)
    comment_delete(actor=member, comment=comment)
    with pytest.raises(ValidationError):
        comment_update(actor=member, comment=stale, body="Back from the dead")
    assert fresh(comment).body_html == ""


# --- delete -------------------------------------------------------------------------


def test_soft_delete_keeps_the_thread(comment, member, other_member):
    child = reply(comment, other_member, "I reply")
    comment_delete(actor=member, comment=comment)
    comment = fresh(comment)
    assert comment.is_deleted and comment.deleted_at is not None
    assert comment.body_html == comment.body_text == ""
    assert fresh(child).parent_id == comment.pk
    assert comment.reply_count == 1
    # The post counts what it shows: the deleted comment no longer.
    assert fresh(comment.post).comment_count == 1


def test_deleting_twice_is_a_no_op(comment, member):
    comment_delete(actor=member, comment=comment)
    comment_delete(actor=member, comment=fresh(comment))
    comment_delete(actor=member, comment=comment)  # stale copy
    assert fresh(comment.post).comment_count == 0


@pytest.mark.parametrize("persona", ["other_member", "moderator", "staff_member"])
def test_only_the_author_deletes(request, comment, persona):
    with pytest.raises(PermissionDenied):
        comment_delete(actor=request.getfixturevalue(persona), comment=comment)
    assert not fresh(comment).is_deleted


def test_banned_author_may_still_delete(comment, member, community, owner):
    from apps.communities.models import Ban

    Ban.objects.create(community=community, user=member, banned_by=owner)
    comment_delete(actor=member, comment=comment)
    assert fresh(comment).is_deleted


def test_deleting_a_removed_comment_does_not_count_it_twice(comment, member):
    # Moderators' removal (a later issue) takes the comment out of the count.
    Comment.objects.filter(pk=comment.pk).update(is_removed=True)
    Post.objects.filter(pk=comment.post_id).update(comment_count=0)
    comment_delete(actor=member, comment=fresh(comment))
    assert fresh(comment.post).comment_count == 0


# --- votes --------------------------------------------------------------------------


def counters(comment):
    comment = fresh(comment)
    return comment.score, comment.upvotes, comment.downvotes


def test_upvote_change_and_clear(comment, member, other_member):
    assert comment_vote(user=other_member, comment=comment, value=1) == 1
    assert counters(comment) == (1, 1, 0)
    assert karma(member) == 1
    assert comment_vote(user=other_member, comment=comment, value=-1) == -1
    assert counters(comment) == (-1, 0, 1)
    assert karma(member) == -1
    assert comment_vote(user=other_member, comment=comment, value=0) == 0
    assert counters(comment) == (0, 0, 0)
    assert karma(member) == 0
    assert CommentVote.objects.count() == 0


def test_voting_the_same_way_twice_is_a_no_op(comment, member, other_member):
    comment_vote(user=other_member, comment=comment, value=1)
    comment_vote(user=other_member, comment=comment, value=1)
    assert CommentVote.objects.count() == 1
    assert counters(comment) == (1, 1, 0)
    assert karma(member) == 1
    comment_vote(user=other_member, comment=comment, value=0)
    comment_vote(user=other_member, comment=comment, value=0)
    assert counters(comment) == (0, 0, 0)


def test_score_is_the_sum_of_votes(comment, member):
    voters = [make_member(f"voter{i}") for i in range(5)]
    for voter, value in zip(voters, [1, 1, 1, -1, 1], strict=True):
        comment_vote(user=voter, comment=comment, value=value)
    assert counters(comment) == (3, 4, 1)
    assert karma(member) == 3


def test_own_vote_counts_in_score_but_not_in_karma(comment, member):
    comment_vote(user=member, comment=comment, value=1)
    assert counters(comment) == (1, 1, 0)
    assert karma(member) == 0


@pytest.mark.parametrize("value", [2, -2, "1", None, True, 1.0])
def test_vote_values_other_than_up_down_clear_are_refused(comment, other_member, value):
    with pytest.raises(ValidationError):
        comment_vote(user=other_member, comment=comment, value=value)
    assert CommentVote.objects.count() == 0


def test_banned_member_cannot_vote(comment, banned_member):
    with pytest.raises(PermissionDenied):
        comment_vote(user=banned_member, comment=comment, value=1)


def test_anonymous_cannot_vote(comment):
    with pytest.raises(PermissionDenied):
        comment_vote(user=AnonymousUser(), comment=comment, value=1)


def test_outsider_cannot_vote_in_a_private_community(private_post, owner, outsider):
    comment = comment_create(author=owner, post=private_post, body="Members only talk")
    with pytest.raises(PermissionDenied):
        comment_vote(user=outsider, comment=comment, value=1)


def test_cannot_vote_on_deleted_or_removed_comments(comment, member, other_member):
    Comment.objects.filter(pk=comment.pk).update(is_removed=True)
    with pytest.raises(ValidationError):
        comment_vote(user=other_member, comment=fresh(comment), value=1)
    Comment.objects.filter(pk=comment.pk).update(is_removed=False)
    comment_delete(actor=member, comment=fresh(comment))
    with pytest.raises(ValidationError):
        comment_vote(user=other_member, comment=fresh(comment), value=1)
    assert counters(comment) == (0, 0, 0)


def test_votes_on_a_locked_post_still_count(comment, other_member):
    Post.objects.filter(pk=comment.post_id).update(is_locked=True)
    comment = Comment.objects.select_related("post__community").get(pk=comment.pk)
    assert comment_vote(user=other_member, comment=comment, value=1) == 1


def test_counters_stay_consistent_through_create_delete_and_votes(post, member, other_member):
    a = comment_create(author=member, post=post, body="a")
    b = reply(a, other_member, "b")
    c = reply(b, member, "c")
    comment_vote(user=other_member, comment=a, value=1)
    comment_vote(user=other_member, comment=c, value=-1)
    comment_vote(user=member, comment=b, value=1)
    comment_delete(actor=other_member, comment=b)
    post = fresh(post)
    assert post.comment_count == Comment.objects.filter(post=post).shown().count() == 2
    for comment in Comment.objects.filter(post=post):
        votes = list(CommentVote.objects.filter(comment=comment).values_list("value", flat=True))
        assert comment.score == sum(votes)
        assert comment.upvotes == votes.count(1)
        assert comment.downvotes == votes.count(-1)
        assert comment.reply_count == Comment.objects.filter(parent=comment).count()
    assert karma(member) == 1 - 1
    assert karma(other_member) == 1


@pytest.mark.parametrize(
    "typed",
    [
        "one line",
        "two\nlines",
        "two\n\nparagraphs\nand a break",
        "5 < 6 & 7 > 3",
        "if a < b and c > d",
        "emoji 🎉 ok",
    ],
)
def test_editing_gives_back_what_was_typed(post, member, typed):
    comment = comment_create(author=member, post=post, body=typed)
    assert editable_body(comment.body_html) == typed


def test_editing_html_gives_back_the_html(post, member):
    comment = comment_create(
        author=member, post=post, body='<p>see <a href="https://example.org">this</a></p>'
    )
    assert editable_body(comment.body_html) == comment.body_html


def test_line_breaks_count_as_one_character_like_the_browser(post, member):
    body = ("x" * 99 + "\r\n") * 100  # 10,000 characters as the textarea counts them
    comment = comment_create(author=member, post=post, body=body)
    assert "\r" not in comment.body_html
