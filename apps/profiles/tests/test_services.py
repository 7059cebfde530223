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


def test_a_new_follow_is_announced_after_commit_and_a_repeat_is_not(
    member, other_member, django_capture_on_commit_callbacks
):
    from apps.profiles import events
    from apps.profiles.services import follow_create, follow_delete

    seen = []

    def receiver(sender, **kwargs):
        seen.append((kwargs["follower"], kwargs["followee"], kwargs["actor"]))

    events.member_followed.connect(receiver)
    events.member_unfollowed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            follow_create(follower=member, followee=other_member)
            follow_create(follower=member, followee=other_member)
        assert seen == [(member, other_member, member)]
        with django_capture_on_commit_callbacks(execute=True):
            follow_delete(follower=member, followee=other_member)
        assert len(seen) == 2
    finally:
        events.member_followed.disconnect(receiver)
        events.member_unfollowed.disconnect(receiver)
