"""Comments by a member you blocked are folded for you in the thread (a
<details> with a "show" summary), in the thread's one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.comments.services import comment_create
from apps.profiles.services import block_create

from .conftest import client_for

pytestmark = pytest.mark.django_db

FOLD = "A comment by a member you blocked. Show it"


def test_comments_of_a_blocked_member_are_folded_for_the_blocker_only(
    client, post, owner, member, outsider
):
    comment_create(author=member, post=post, body="Marta's words")
    block_create(blocker=owner, blocked=member)
    page = client_for(client, owner).get(post.get_absolute_url()).content.decode()
    assert FOLD in page and "Marta's words" in page
    assert page.index(FOLD) < page.index("Marta's words")
    client.logout()
    page = client_for(client, outsider).get(post.get_absolute_url()).content.decode()
    assert FOLD not in page and "Marta's words" in page
    client.logout()
    page = client_for(client, member).get(post.get_absolute_url()).content.decode()
    assert FOLD not in page


def test_folding_comments_adds_no_query(client, post, owner, member):
    for index in range(4):
        comment_create(author=member, post=post, body=f"words {index}")
    client_for(client, owner)
    client.get(post.get_absolute_url())
    with CaptureQueriesContext(connection) as before:
        client.get(post.get_absolute_url())
    block_create(blocker=owner, blocked=member)
    with CaptureQueriesContext(connection) as after:
        page = client.get(post.get_absolute_url()).content.decode()
    assert page.count(FOLD) == 4
    assert len(after) == len(before)
