"""With Redis down (django-redis ignoring errors), writes still work: the
community rate limit and the submit token fail open, and the content check
still stops a repeated post."""

import pytest

from apps.communities import services as community_services
from apps.posts.models import Post

from .conftest import make_post

pytestmark = pytest.mark.django_db


def test_community_creation_fails_open(redis_down, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        community = community_services.community_create(owner=member, slug="birds", name="Birds")
    assert community.pk


def test_post_submission_fails_open_and_still_dedupes(redis_down, author, community):
    first = make_post(author, community, title="Hello", idempotency_key="t" * 32)
    second = make_post(author, community, title="Hello", idempotency_key="t" * 32)
    assert first.pk == second.pk
    assert Post.objects.count() == 1
