import pytest
from django.contrib.auth.models import AnonymousUser

from apps.comments import policies
from apps.comments.models import Comment
from apps.comments.tests.conftest import reply
from apps.posts.models import Post

pytestmark = pytest.mark.django_db


def test_who_may_comment(post, member, moderator, banned_member, owner):
    assert policies.can_comment(member, post)
    assert policies.can_comment(moderator, post)
    assert policies.can_comment(owner, post)
    assert not policies.can_comment(banned_member, post)
    assert not policies.can_comment(AnonymousUser(), post)


def test_private_community_only_members_comment(private_post, owner, outsider, staff_member):
    assert policies.can_comment(owner, private_post)
    assert not policies.can_comment(outsider, private_post)


def test_closed_posts_say_why(post, member):
    assert policies.comment_closed_reason(post) is None
    post.is_locked = True
    assert "locked" in policies.comment_closed_reason(post)
    assert not policies.can_comment(member, post)


def test_the_page_answer_saves_the_queries(post, member, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert policies.can_comment(member, post, contributor=True)
        assert not policies.can_comment(member, post, contributor=False)


def test_edit_and_delete_belong_to_the_author(comment, member, other_member, moderator):
    assert policies.can_edit_comment(member, comment)
    assert policies.can_delete_comment(member, comment)
    for someone in (other_member, moderator, AnonymousUser()):
        assert not policies.can_edit_comment(someone, comment)
        assert not policies.can_delete_comment(someone, comment)


def test_deleted_comments_cannot_be_edited_or_deleted_again(comment, member):
    comment.is_deleted = True
    assert not policies.can_edit_comment(member, comment)
    assert not policies.can_delete_comment(member, comment)


def test_removed_comment_can_be_deleted_not_edited_by_its_author(comment, member):
    comment.is_removed = True
    assert not policies.can_edit_comment(member, comment)
    assert policies.can_delete_comment(member, comment)


def test_banned_author_cannot_edit_but_can_delete(comment, member, community, owner):
    from apps.communities.models import Ban

    Ban.objects.create(community=community, user=member, banned_by=owner)
    assert not policies.can_edit_comment(member, comment)
    assert policies.can_delete_comment(member, comment)


def test_who_may_vote(comment, other_member, banned_member, moderator):
    assert policies.can_vote_comment(other_member, comment)
    assert policies.can_vote_comment(moderator, comment)
    assert not policies.can_vote_comment(banned_member, comment)
    assert not policies.can_vote_comment(AnonymousUser(), comment)
    comment.is_deleted = True
    assert not policies.can_vote_comment(other_member, comment)


def test_no_votes_under_a_removed_post(comment, other_member):
    Post.objects.filter(pk=comment.post_id).update(is_removed=True)
    comment = Comment.objects.select_related("post__community").get(pk=comment.pk)
    assert not policies.can_vote_comment(other_member, comment)


def test_reply_refusals(comment, other_member, post):
    child = reply(comment, other_member, "child")
    assert policies.reply_refused_reason(child, post) is None
    child.is_deleted = True
    assert "deleted" in policies.reply_refused_reason(child, post)
