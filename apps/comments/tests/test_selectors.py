from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from apps.comments.models import Comment
from apps.comments.selectors import (
    SORTS,
    THREAD_DEPTH,
    Viewer,
    build_tree,
    comment_thread,
    member_comments_page,
    parse_sort,
)
from apps.comments.services import comment_create, comment_delete, comment_vote
from apps.comments.tests.conftest import reply
from apps.communities.models import Membership, Visibility
from apps.communities.tests.conftest import make_community
from apps.posts.tests.factories import make_post
from conftest import make_member

pytestmark = pytest.mark.django_db


def viewer(user, contributor=True) -> Viewer:
    return Viewer(user=user, contributor=contributor)


def ids(comments) -> list[int]:
    return [comment.pk for comment in comments]


def set_votes(comment, up, down, minutes_ago):
    Comment.objects.filter(pk=comment.pk).update(
        upvotes=up,
        downvotes=down,
        score=up - down,
        created=timezone.now() - timedelta(minutes=minutes_ago),
    )


@pytest.fixture
def siblings(post, member):
    """Four top-level comments whose order differs under each sort."""
    few_perfect = comment_create(author=member, post=post, body="ten up, none down")
    popular_split = comment_create(author=member, post=post, body="hundred up, fifty down")
    one_up = comment_create(author=member, post=post, body="one up")
    even_fight = comment_create(author=member, post=post, body="twenty each way")
    set_votes(few_perfect, 10, 0, minutes_ago=40)
    set_votes(popular_split, 100, 50, minutes_ago=30)
    set_votes(one_up, 1, 0, minutes_ago=20)
    set_votes(even_fight, 20, 20, minutes_ago=10)
    return few_perfect, popular_split, one_up, even_fight


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        # Wilson lower bound: 10/0 (.77) > 100/50 (.61) > 20/20 (.40) > 1/0 (.38)
        ("best", [0, 1, 3, 2]),
        ("top", [1, 0, 2, 3]),  # score: 50, 10, 1, 0
        ("new", [3, 2, 1, 0]),
        ("old", [0, 1, 2, 3]),
        ("controversial", [3, 1, 0, 2]),  # 20/20 most, then 100/50, one-sided ones last
    ],
)
def test_every_sort_orders_top_level_comments(post, member, siblings, sort, expected):
    thread = comment_thread(post=post, viewer=viewer(member), sort=sort)
    assert thread.sort == sort
    assert ids(thread.roots) == [siblings[index].pk for index in expected]


def test_siblings_are_sorted_at_every_level(post, member, other_member):
    root = comment_create(author=member, post=post, body="root")
    low = reply(root, other_member, "low")
    high = reply(root, other_member, "high")
    deep_low = reply(high, member, "deep low")
    deep_high = reply(high, member, "deep high")
    set_votes(low, 1, 0, 5)
    set_votes(high, 5, 0, 4)
    set_votes(deep_low, 0, 2, 3)
    set_votes(deep_high, 3, 0, 2)
    thread = comment_thread(post=post, viewer=viewer(member), sort="top")
    (top,) = thread.roots
    assert ids(top.replies) == [high.pk, low.pk]
    assert ids(top.replies[0].replies) == [deep_high.pk, deep_low.pk]
    thread = comment_thread(post=post, viewer=viewer(member), sort="old")
    assert ids(thread.roots[0].replies) == [low.pk, high.pk]


@pytest.mark.parametrize("junk", [None, "", "hot", "-score", "best ", "__class__", "x" * 500])
def test_unknown_sort_is_the_default(junk):
    assert parse_sort(junk) == "best"


def test_sorts_are_allowlisted():
    assert SORTS == ("best", "top", "new", "old", "controversial")


def test_tree_is_built_from_parent_ids_in_any_order(post, member, other_member):
    a = comment_create(author=member, post=post, body="a")
    b = reply(a, other_member, "b")
    c = reply(b, member, "c")
    rows = list(Comment.objects.filter(post=post).order_by("-id"))
    (root,) = build_tree(rows, sort="old")
    assert root.pk == a.pk
    assert ids(root.replies) == [b.pk]
    assert ids(root.replies[0].replies) == [c.pk]


def test_whole_tree_is_one_query(post, member, other_member, django_assert_num_queries):
    parent = comment_create(author=member, post=post, body="root")
    for index in range(30):
        parent = reply(parent, other_member if index % 2 else member, f"reply {index}")
        comment_vote(user=member, comment=parent, value=1)
    with django_assert_num_queries(1):
        thread = comment_thread(post=post, viewer=viewer(member))
        node = thread.roots[0]
        while node.replies:
            assert node.author.profile.name  # joined, no query
            node = node.replies[0]


def test_viewer_vote_is_annotated(post, member, other_member):
    liked = comment_create(author=other_member, post=post, body="liked")
    disliked = comment_create(author=other_member, post=post, body="disliked")
    untouched = comment_create(author=other_member, post=post, body="untouched")
    comment_vote(user=member, comment=liked, value=1)
    comment_vote(user=member, comment=disliked, value=-1)
    votes = {c.pk: c.user_vote for c in comment_thread(post=post, viewer=viewer(member)).roots}
    assert votes == {liked.pk: 1, disliked.pk: -1, untouched.pk: None}
    anonymous = comment_thread(post=post, viewer=viewer(AnonymousUser(), contributor=False))
    assert {c.user_vote for c in anonymous.roots} == {None}


def chain(post, people, length):
    comments = [comment_create(author=people[0], post=post, body="level 0")]
    for level in range(1, length):
        comments.append(reply(comments[-1], people[level % 2], f"level {level}"))
    return comments


def test_depth_cut_offers_continue_this_thread(post, member, other_member):
    comments = chain(post, [member, other_member], THREAD_DEPTH + 3)
    thread = comment_thread(post=post, viewer=viewer(member))
    node, shown = thread.roots[0], 1
    while node.replies:
        assert not node.continues
        node, shown = node.replies[0], shown + 1
    assert shown == THREAD_DEPTH
    assert node.pk == comments[THREAD_DEPTH - 1].pk
    assert node.continues
    assert node.permalink.endswith(f"/comment/{node.pk}/")


def test_no_continue_link_when_nothing_is_cut(post, member, other_member):
    chain(post, [member, other_member], THREAD_DEPTH)
    thread = comment_thread(post=post, viewer=viewer(member))
    node = thread.roots[0]
    while node.replies:
        node = node.replies[0]
    assert not node.continues


def test_permalink_sub_thread_is_the_comment_and_its_descendants(post, member, other_member):
    comments = chain(post, [member, other_member], THREAD_DEPTH + 3)
    sibling_elsewhere = comment_create(author=member, post=post, body="another root")
    cut = comments[THREAD_DEPTH - 1]
    reply(comments[2], member, "a side branch above the cut")
    thread = comment_thread(post=post, viewer=viewer(member), root=cut)
    assert ids(thread.roots) == [cut.pk]
    assert thread.root.pk == cut.pk
    found, node = [], thread.roots[0]
    while node:
        found.append(node.pk)
        node = node.replies[0] if node.replies else None
    assert found == ids(comments[THREAD_DEPTH - 1 :])
    assert sibling_elsewhere.pk not in found


def test_permalink_sub_thread_is_one_query(post, member, other_member, django_assert_num_queries):
    comments = chain(post, [member, other_member], 5)
    with django_assert_num_queries(1):
        comment_thread(post=post, viewer=viewer(member), root=comments[1])


def test_sub_thread_is_cut_at_the_same_depth(post, member, other_member):
    comments = chain(post, [member, other_member], 2 * THREAD_DEPTH + 1)
    thread = comment_thread(post=post, viewer=viewer(member), root=comments[1])
    node, shown = thread.roots[0], 1
    while node.replies:
        node, shown = node.replies[0], shown + 1
    assert shown == THREAD_DEPTH and node.continues


def test_what_the_viewer_may_do_is_on_each_comment(
    post, member, other_member, django_assert_num_queries
):
    mine = comment_create(author=member, post=post, body="mine")
    theirs = comment_create(author=other_member, post=post, body="theirs")
    with django_assert_num_queries(1):
        thread = comment_thread(post=post, viewer=viewer(member))
    by_id = {c.pk: c for c in thread.roots}
    assert by_id[mine.pk].can_edit and by_id[mine.pk].can_delete
    assert not by_id[theirs.pk].can_edit and not by_id[theirs.pk].can_delete
    assert by_id[theirs.pk].can_vote and by_id[theirs.pk].can_reply
    banned_view = comment_thread(post=post, viewer=viewer(member, contributor=False))
    assert not any(c.can_reply or c.can_vote or c.can_edit for c in banned_view.roots)
    assert all(c.can_delete == (c.pk == mine.pk) for c in banned_view.roots)


# --- the member's comments tab ----------------------------------------------------------


def test_member_comments_hide_deleted_removed_and_invisible(
    post, member, owner, private_post, outsider, staff_member
):
    shown = comment_create(author=member, post=post, body="shown")
    deleted = comment_create(author=member, post=post, body="deleted")
    comment_delete(actor=member, comment=deleted)
    removed = comment_create(author=member, post=post, body="removed")
    Comment.objects.filter(pk=removed.pk).update(is_removed=True)
    Membership.objects.create(community=private_post.community, user=member)
    secret = comment_create(author=member, post=private_post, body="secret")

    assert ids(member_comments_page(member, viewer=AnonymousUser())) == [shown.pk]
    assert ids(member_comments_page(member, viewer=outsider)) == [shown.pk]
    assert ids(member_comments_page(member, viewer=owner)) == [secret.pk, shown.pk]
    assert ids(member_comments_page(member, viewer=member)) == [secret.pk, shown.pk]
    assert ids(member_comments_page(member, viewer=staff_member)) == [secret.pk, shown.pk]


def test_member_comments_are_keyset_paginated(post, member):
    made = [comment_create(author=member, post=post, body=f"comment {i}") for i in range(7)]
    first = member_comments_page(member, viewer=AnonymousUser(), page_size=3)
    second = member_comments_page(
        member, viewer=AnonymousUser(), page_size=3, cursor=first.next_cursor
    )
    third = member_comments_page(
        member, viewer=AnonymousUser(), page_size=3, cursor=second.next_cursor
    )
    assert ids(first) + ids(second) + ids(third) == ids(reversed(made))
    assert third.next_cursor is None


@pytest.mark.parametrize("size", [3, 30])
def test_member_comments_page_is_one_query(post, member, owner, size, django_assert_num_queries):
    other = make_community(owner, "other", visibility=Visibility.PRIVATE)
    other_post = make_post(owner, other, slug="elsewhere", raw=True)
    Membership.objects.create(community=other, user=member)
    for index in range(size):
        comment_create(author=member, post=post if index % 2 else other_post, body=f"c{index}")
    viewer_user = make_member("reader")
    with django_assert_num_queries(1):
        page = member_comments_page(member, viewer=viewer_user)
        for comment in page:
            assert comment.post.community.slug
