"""Posts by a member you blocked are folded for you (a <details> with a
"show" summary), and for you only."""

import pytest
from django.urls import reverse

from apps.profiles.services import block_create
from conftest import PASSWORD

from .conftest import make_post

pytestmark = pytest.mark.django_db

FOLD = "A post by a member you blocked. Show it"


def _feed(client, user, community):
    client.login(username=user.username, password=PASSWORD)
    return client.get(reverse("communities:detail", args=[community.slug])).content.decode()


def test_posts_of_a_blocked_member_are_folded_for_the_blocker(client, community, owner, member):
    make_post(owner, community, title="Owner speaks")
    block_create(blocker=member, blocked=owner)
    page = _feed(client, member, community)
    assert FOLD in page
    assert page.index("<details") < page.index("Owner speaks")  # still there, behind "show"


def test_posts_are_not_folded_for_anyone_else(client, community, owner, member, outsider):
    make_post(owner, community, title="Owner speaks")
    block_create(blocker=member, blocked=owner)
    assert FOLD not in _feed(client, outsider, community)
    client.logout()
    assert FOLD not in _feed(client, owner, community)  # the blocked member sees nothing
    client.logout()
    assert (
        FOLD
        not in client.get(reverse("communities:detail", args=[community.slug])).content.decode()
    )


def test_folding_adds_no_query(client, community, owner, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for index in range(3):
        make_post(owner, community, title=f"Post {index}")
    client.login(username=member.username, password=PASSWORD)
    url = reverse("communities:detail", args=[community.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    block_create(blocker=member, blocked=owner)
    with CaptureQueriesContext(connection) as after:
        page = client.get(url).content.decode()
    assert page.count(FOLD) == 3
    assert len(after) == len(before)
