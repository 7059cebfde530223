"""Fixtures for the edit history: a public and a private community, a
post and a comment published through the services, the personas around
them, and `committed` (edits run their after-commit receivers)."""

from contextlib import contextmanager

import pytest

from apps.comments.services import comment_create, comment_update
from apps.communities.models import Membership, Visibility
from apps.communities.tests.conftest import make_community
from apps.posts.services import post_update
from apps.posts.tests.factories import make_post
from conftest import make_member


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    @contextmanager
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return run


@pytest.fixture
def owner(db):
    return make_member("olivia")


@pytest.fixture
def community(owner):
    return make_community(owner, "gardening")


@pytest.fixture
def author(db):
    return make_member("arthur")


@pytest.fixture
def moderator(community):
    user = make_member("mod_max")
    Membership.objects.create(community=community, user=user, is_moderator=True)
    return user


@pytest.fixture
def admin_user(db):
    return make_member("ada", is_staff=True, is_superuser=True)


@pytest.fixture
def outsider(db):
    return make_member("outsider_otto")


@pytest.fixture
def post(author, community, committed):
    with committed():
        return make_post(author, community, "Tomatoes in winter", "<p>They need light.</p>")


@pytest.fixture
def private_community(owner):
    return make_community(owner, "secret-garden", visibility=Visibility.PRIVATE)


@pytest.fixture
def private_post(private_community, author, committed):
    Membership.objects.create(community=private_community, user=author)
    with committed():
        return make_post(author, private_community, "Members only", "<p>Hush.</p>")


@pytest.fixture
def comment(post, author, committed):
    with committed():
        return comment_create(author=author, post=post, body="First thoughts")


def edit_post(committed, post, actor=None, **changes):
    """post_update with the post's current values but `changes`, receivers run."""
    post.refresh_from_db()
    values = {
        "title": post.title,
        "body": post.body_html,
        "link": post.link,
        "tags": [tag.slug for tag in post.tags.all()],
    }
    values.update(changes)
    with committed():
        return post_update(actor=actor or post.author, post=post, **values)


def edit_comment(committed, comment, body, **extra):
    comment.refresh_from_db()
    with committed():
        return comment_update(actor=comment.author, comment=comment, body=body, **extra)
