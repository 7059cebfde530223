"""The parts of a comment written in Python (apps/comments/markup.py, issue 13): what
members wrote is escaped, the post's author is marked, an edit links to the history,
and the forms carry the page's token and come back to the page."""

import re

import pytest
from django.utils import timezone

from apps.comments.links import ThreadLinks
from apps.comments.models import Comment
from apps.comments.services import comment_create
from conftest import make_member

pytestmark = pytest.mark.django_db


def test_a_comment_escapes_its_authors_name_and_marks_the_posts_author(client, post, owner):
    writer = make_member("quote_writer")
    writer.profile.display_name = '<img src=x onerror=alert(1)>"'
    writer.profile.save()
    theirs = comment_create(author=writer, post=post, body="Mine")
    ops = comment_create(author=owner, post=post, body="The author answers")
    html = client.get(post.get_absolute_url()).content.decode()

    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;&quot;</a>" in html
    meta = re.search(rf'<p class="comment-meta" id="comment-{ops.pk}-by">.*?</p>', html, re.S)
    assert '<span class="comment-op-badge">author</span>' in meta.group(0)
    meta = re.search(rf'<p class="comment-meta" id="comment-{theirs.pk}-by">.*?</p>', html, re.S)
    assert "comment-op-badge" not in meta.group(0)


def test_an_edited_comment_links_to_its_history(client, post, member):
    comment = comment_create(author=member, post=post, body="First words")
    Comment.objects.filter(pk=comment.pk).update(edited_at=timezone.now())
    html = client.get(post.get_absolute_url()).content.decode()

    history = ThreadLinks(post).actions(comment) + "history/"
    assert f'<a class="comment-edited" href="{history}"><time datetime="' in html


def test_a_members_comment_forms_carry_the_page_token_and_come_back(client, post, member):
    comment = comment_create(author=member, post=post, body="Hello")
    voter = make_member("voter")
    client.force_login(voter)
    html = client.get(post.get_absolute_url()).content.decode()

    token = re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1)
    for form_id in (f"comment-vote-{comment.pk}", f"comment-save-{comment.pk}"):
        form = re.search(rf'<form [^>]*id="{form_id}".*?</form>', html, re.S).group(0)
        assert f'name="csrfmiddlewaretoken" value="{token}"' in form, form_id
        assert f'<input type="hidden" name="next" value="{post.get_absolute_url()}">' in form
