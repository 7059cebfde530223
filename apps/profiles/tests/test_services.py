import pytest
from django.core.exceptions import ValidationError

from apps.profiles.models import Follow, Profile
from apps.profiles.services import follow_create, follow_delete

pytestmark = pytest.mark.django_db


def counts(user):
    profile = Profile.objects.get(user=user)
    return profile.follower_count, profile.following_count


def test_follow_updates_both_counters(member, other_member):
    assert follow_create(follower=member, followee=other_member) is True
    assert counts(other_member) == (1, 0)
    assert counts(member) == (0, 1)


def test_following_twice_is_a_no_op(member, other_member):
    follow_create(follower=member, followee=other_member)
    assert follow_create(follower=member, followee=other_member) is False
    assert Follow.objects.count() == 1
    assert counts(other_member) == (1, 0)


def test_cannot_follow_yourself(member):
    with pytest.raises(ValidationError):
        follow_create(follower=member, followee=member)
    assert Follow.objects.count() == 0
    assert counts(member) == (0, 0)


def test_unfollow_restores_counters_and_twice_is_a_no_op(member, other_member):
    follow_create(follower=member, followee=other_member)
    assert follow_delete(follower=member, followee=other_member) is True
    assert follow_delete(follower=member, followee=other_member) is False
    assert counts(other_member) == (0, 0)
    assert counts(member) == (0, 0)
