import pytest
from django.db import IntegrityError, transaction

from apps.comments.models import (
    MAX_DEPTH,
    PATH_MAX_LENGTH,
    PATH_SEGMENT_WIDTH,
    Comment,
    CommentVote,
    child_path,
    path_segment,
)


def test_path_segments_are_fixed_width_base36():
    assert path_segment(1) == "00000001"
    assert path_segment(35) == "0000000z"
    assert path_segment(36) == "00000010"
    assert len(path_segment(36**PATH_SEGMENT_WIDTH - 1)) == PATH_SEGMENT_WIDTH
    with pytest.raises(ValueError):
        path_segment(36**PATH_SEGMENT_WIDTH)


def test_string_order_of_paths_is_tree_order():
    parent = child_path("", 35)
    paths = [child_path(parent, 36), child_path("", 36), parent, child_path(parent, 1000)]
    assert sorted(paths) == [
        parent,
        child_path(parent, 36),
        child_path(parent, 1000),
        child_path("", 36),
    ]


def test_the_deepest_comment_still_fits_its_path():
    assert (MAX_DEPTH + 1) * PATH_SEGMENT_WIDTH <= PATH_MAX_LENGTH


@pytest.mark.django_db
def test_one_vote_per_member_per_comment(comment, other_member):
    CommentVote.objects.create(comment=comment, user=other_member, value=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentVote.objects.create(comment=comment, user=other_member, value=-1)


@pytest.mark.django_db
def test_vote_value_is_checked_by_the_database(comment, other_member):
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentVote.objects.create(comment=comment, user=other_member, value=2)


@pytest.mark.django_db
def test_score_must_equal_votes(comment):
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(score=5)
