"""The post page's thread in batches (issue 15 item 7, issue 13): folding
branches, "Load more comments" (a plain link and htmx), "more replies", and
query counts that do not grow with the thread."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.comments.models import Comment, child_path
from apps.comments.selectors import (
    THREAD_DEPTH,
    comment_page,
    decode_thread_cursor,
    encode_thread_cursor,
    viewer_for,
)
from apps.comments.services import comment_create
from apps.comments.tests.conftest import reply
from apps.communities.models import Membership
from apps.posts.models import Post
from conftest import make_member

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def page_url(post, **query):
    url = reverse("comments:post_detail", args=[post.community.slug, post.pk, post.slug or "-"])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def more_url(post, **query):
    url = reverse("comments:more", args=[post.community.slug, post.pk])
    return url + "?" + "&".join(f"{key}={value}" for key, value in query.items())


def permalink(post, comment):
    return reverse(
        "comments:permalink", args=[post.community.slug, post.pk, post.slug or "-", comment.pk]
    )


def text(response) -> str:
    return response.content.decode()


def node_ids(body: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li class="comment-node" id="node-(\d+)">', body)]


def next_cursor(body: str) -> str | None:
    found = re.search(r'href="\?sort=\w+&amp;after=([-\w]+)#comments-heading"', body)
    return found.group(1) if found else None


def fold_tag(body: str, comment) -> str:
    """The <details> that folds `comment`'s branch."""
    found = re.search(rf'id="node-{comment.pk}"><details class="comment-fold"[^>]*>', body)
    assert found is not None
    return found.group(0)


def roots(post, author, count: int) -> list[Comment]:
    """`count` top-level comments, one minute apart, oldest first."""
    made = [comment_create(author=author, post=post, body=f"root {i}") for i in range(count)]
    now = timezone.now()
    for index, comment in enumerate(made):
        Comment.objects.filter(pk=comment.pk).update(created=now - timedelta(minutes=count - index))
    return made


def bulk_thread(post, authors, count: int) -> None:
    """`count` comments stored directly (as bench/render.py does): a third
    top-level, the others replying to an earlier comment; counters kept."""
    now = timezone.now()
    made: list[Comment] = []
    for index in range(count):
        parent = None if index % 3 == 0 else made[(index * 7) % index]
        if parent is not None:
            parent.reply_count += 1
        comment = Comment.objects.create(
            post=post,
            author=authors[index % len(authors)],
            parent=parent,
            depth=0 if parent is None else parent.depth + 1,
            body_html=f"<p>comment {index}</p>",
            body_text=f"comment {index}",
            created=now - timedelta(minutes=count - index),
        )
        comment.path = child_path(parent.path if parent is not None else "", comment.pk)
        made.append(comment)
    Comment.objects.bulk_update(made, ["path", "reply_count"], batch_size=500)
    Post.objects.filter(pk=post.pk).update(comment_count=count)


class TreeParser(HTMLParser):
    """Which comment each <li class="comment-node"> sits under (the id of the
    nearest enclosing node, None at the top), to check the flat loop's nesting."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, int | None]] = []
        self.parent_of: dict[int, int | None] = {}

    def handle_starttag(self, tag, attrs):
        if tag not in ("li", "ol", "details"):
            return
        node = None
        values = dict(attrs)
        if tag == "li" and values.get("class") == "comment-node":
            node = int(values["id"].removeprefix("node-"))
            enclosing = [pk for kind, pk in self.stack if kind == "li" and pk is not None]
            self.parent_of[node] = enclosing[-1] if enclosing else None
        self.stack.append((tag, node))

    def handle_endtag(self, tag):
        if tag in ("li", "ol", "details"):
            opened, _ = self.stack.pop()
            assert opened == tag, f"</{tag}> closes <{opened}>"


# --- folding -------------------------------------------------------------------------------


def test_deep_branches_start_folded_and_the_others_open(client, post, member, other_member):
    comments = [comment_create(author=member, post=post, body="level 0")]
    for level in range(1, THREAD_DEPTH):
        comments.append(reply(comments[-1], other_member, f"level {level}"))
    body = text(client.get(page_url(post)))
    for level, comment in enumerate(comments):
        folded = level >= 5  # QUORUM_COMMENTS_FOLD_DEPTH
        assert (" open" not in fold_tag(body, comment)) is folded, level


def test_low_score_branch_starts_folded_and_says_what_it_hides(client, post, member, other_member):
    buried = comment_create(author=member, post=post, body="an unpopular opinion")
    reply(buried, other_member, "one")
    reply(buried, other_member, "two")
    fine = comment_create(author=other_member, post=post, body="a fine opinion")
    Comment.objects.filter(pk=buried.pk).update(score=-5, downvotes=5)
    body = text(client.get(page_url(post)))
    assert " open" not in fold_tag(body, buried)
    assert " open" in fold_tag(body, fine)
    name = member.profile.name
    summary = re.search(rf'id="node-{buried.pk}">.*?</summary>', body, re.S).group(0)
    assert f"{name} · -5 points · 2 replies" in summary
    assert '<span class="visually-hidden">Show</span>' in summary


def test_fold_control_names_the_comment_it_folds(client, post, member):
    comment = comment_create(author=member, post=post, body="hello")
    summary = re.search(
        rf'id="node-{comment.pk}">.*?</summary>', text(client.get(page_url(post))), re.S
    ).group(0)
    assert "<summary" in summary
    assert f"Fold the comment by {member.profile.name} and its replies" in summary


def test_fold_summary_escapes_the_name(client, post, member):
    member.profile.display_name = "<b>bold</b>"
    member.profile.save()
    comment_create(author=member, post=post, body="hello")
    body = text(client.get(page_url(post)))
    assert "<b>bold</b>" not in body
    assert "&lt;b&gt;bold&lt;/b&gt;" in body


def test_focused_comment_stays_open_on_its_permalink(client, post, member):
    comment = comment_create(author=member, post=post, body="low but linked")
    Comment.objects.filter(pk=comment.pk).update(score=-9, downvotes=9)
    assert " open" in fold_tag(text(client.get(permalink(post, comment))), comment)


def test_flat_loop_nests_each_reply_under_its_parent(client, post, member, other_member):
    a = comment_create(author=member, post=post, body="a")
    b = reply(a, other_member, "b")
    c = reply(b, member, "c")
    d = reply(a, member, "d")
    e = comment_create(author=other_member, post=post, body="e")
    f = reply(e, member, "f")
    parser = TreeParser()
    parser.feed(text(client.get(page_url(post, sort="old"))))
    assert parser.parent_of == {
        a.pk: None,
        b.pk: a.pk,
        c.pk: b.pk,
        d.pk: a.pk,
        e.pk: None,
        f.pk: e.pk,
    }


# --- batches of top-level comments ---------------------------------------------------------


@pytest.mark.parametrize("sort", ["new", "old"])
def test_load_more_pages_have_the_next_roots_and_no_duplicates(
    client, post, member, settings, sort
):
    settings.QUORUM_COMMENTS_PAGE_ROOTS = 3
    made = roots(post, member, 7)
    expected = [c.pk for c in (reversed(made) if sort == "new" else made)]
    body = text(client.get(page_url(post, sort=sort)))
    seen = node_ids(body)
    assert seen == expected[:3]
    pages = 1
    while (cursor := next_cursor(body)) is not None:
        body = text(client.get(page_url(post, sort=sort, after=cursor)))
        seen += node_ids(body)
        pages += 1
        assert "Back to the first comments" in body
    assert seen == expected
    assert pages == 3


def test_top_sort_continues_in_score_order(client, post, member, settings):
    settings.QUORUM_COMMENTS_PAGE_ROOTS = 2
    made = roots(post, member, 5)
    for score, comment in zip([3, 9, 1, 9, 5], made, strict=True):
        Comment.objects.filter(pk=comment.pk).update(score=score, upvotes=score)
    first = text(client.get(page_url(post, sort="top")))
    second = text(client.get(page_url(post, sort="top", after=next_cursor(first))))
    third = text(client.get(page_url(post, sort="top", after=next_cursor(second))))
    order = node_ids(first) + node_ids(second) + node_ids(third)
    # score descending, then oldest first
    assert order == [made[1].pk, made[3].pk, made[4].pk, made[0].pk, made[2].pk]
    assert next_cursor(third) is None


def test_load_more_link_works_without_javascript(client, post, member, settings):
    settings.QUORUM_COMMENTS_PAGE_ROOTS = 2
    made = roots(post, member, 3)
    body = text(client.get(page_url(post, sort="old")))
    assert "Load more comments" in body
    link = re.search(r'<a class="button secondary small" href="([^"]+)"', body).group(1)
    assert link.startswith("?sort=old&amp;after=")
    response = client.get(page_url(post) + link.replace("&amp;", "&").split("#")[0])
    assert response.status_code == 200
    assert node_ids(text(response)) == [made[2].pk]
    assert "Load more comments" not in text(response)


def test_load_more_htmx_answers_the_next_batch_and_the_next_button(client, post, member, settings):
    settings.QUORUM_COMMENTS_PAGE_ROOTS = 2
    made = roots(post, member, 5)
    cursor = next_cursor(text(client.get(page_url(post, sort="old"))))
    response = client.get(more_url(post, sort="old", after=cursor), **HTMX)
    body = text(response)
    assert response.status_code == 200
    assert "<html" not in body and "<h1" not in body
    assert node_ids(body) == [made[2].pk, made[3].pk]
    button = re.search(r'<li class="comment-load-more"[^>]*>\s*<a [^>]*>', body).group(0)
    assert 'hx-swap="outerHTML"' in button and 'hx-target="closest li"' in button
    assert "hx-push-url" not in button
    assert f'hx-get="{more_url(post, sort="old", after="")}' in button.replace("&amp;", "&")


def test_load_more_without_htmx_goes_to_the_post_page_batch(client, post, member):
    comment_create(author=member, post=post, body="only")
    response = client.get(more_url(post, sort="new", after="abc"))
    assert response.status_code == 302
    assert response["Location"] == page_url(post, sort="new", after="abc")


@pytest.mark.parametrize(
    "junk",
    ["", "not-base64!", "W10", encode_thread_cursor("new", (1.0, 5)), "eyJhIjoxfQ", "x" * 500],
)
def test_junk_or_foreign_cursor_shows_the_first_batch(client, post, member, settings, junk):
    settings.QUORUM_COMMENTS_PAGE_ROOTS = 2
    made = roots(post, member, 3)
    response = client.get(page_url(post, sort="old", after=junk))
    assert response.status_code == 200
    assert node_ids(text(response)) == [made[0].pk, made[1].pk]
    assert "Back to the first comments" not in text(response)


def test_cursor_round_trips_and_refuses_forged_values():
    key = (-0.4, -3, 1700000000.123456, 42)
    assert decode_thread_cursor(encode_thread_cursor("best", key), "best") == key
    assert decode_thread_cursor(encode_thread_cursor("best", key), "top") is None
    assert decode_thread_cursor(encode_thread_cursor("old", (1.5, 2.5)), "old") is None
    assert decode_thread_cursor(encode_thread_cursor("old", (1.5, True)), "old") is None


def test_replies_beyond_the_limit_link_to_the_comment_page(client, post, member, settings):
    settings.QUORUM_COMMENTS_REPLIES_PER_LEVEL = 2
    parent = comment_create(author=member, post=post, body="popular")
    replies = [reply(parent, member, f"answer {i}") for i in range(5)]
    body = text(client.get(page_url(post, sort="old")))
    assert node_ids(body) == [parent.pk, replies[0].pk, replies[1].pk]
    assert f'<a href="{permalink(post, parent)}#comment-{parent.pk}">3 more replies' in body
    full = text(client.get(permalink(post, parent)))
    assert set(node_ids(full)) == {parent.pk, *(r.pk for r in replies)}


def test_a_batch_ends_with_the_root_that_uses_up_its_comments(client, post, member, settings):
    settings.QUORUM_COMMENTS_PAGE_COMMENTS = 3
    first, second = roots(post, member, 2)
    replies = [reply(first, member, f"answer {i}") for i in range(3)]
    body = text(client.get(page_url(post, sort="old")))
    assert node_ids(body) == [first.pk, replies[0].pk, replies[1].pk]
    assert f'<a href="{permalink(post, first)}#comment-{first.pk}">1 more reply' in body
    after = text(client.get(page_url(post, sort="old", after=next_cursor(body))))
    assert node_ids(after) == [second.pk]
    assert next_cursor(after) is None


def test_a_new_reply_still_arrives_as_a_closed_branch(client, post, member, other_member):
    parent = comment_create(author=member, post=post, body="question")
    client.force_login(other_member)
    response = client.post(
        reverse("comments:reply", args=[post.community.slug, post.pk, parent.pk]),
        {"body": "answer"},
        **HTMX,
    )
    parser = TreeParser()
    parser.feed(text(response))
    assert list(parser.parent_of.values()) == [None]
    assert parser.stack == []


# --- bounded work ------------------------------------------------------------------------


@pytest.mark.parametrize("size", [60, 600])
def test_post_page_and_load_more_queries_do_not_grow(
    client, post, size, settings, django_assert_max_num_queries
):
    settings.QUORUM_COMMENTS_PAGE_ROOTS = 10
    authors = [make_member(f"writer{i}") for i in range(4)]
    bulk_thread(post, authors, size)
    Membership.objects.create(community=post.community, user=authors[0])
    client.force_login(authors[0])
    body = text(client.get(page_url(post)))  # warm the session cache
    # user, post, tags, ban, the thread's two, and the extras other apps draw on the post
    with django_assert_max_num_queries(10):
        assert client.get(page_url(post)).status_code == 200
    # user, post, ban, the thread's two
    with django_assert_max_num_queries(7):
        response = client.get(more_url(post, sort="best", after=next_cursor(body)), **HTMX)
    assert response.status_code == 200
    assert node_ids(text(response))


@pytest.mark.parametrize("size", [60, 600])
def test_thread_page_is_two_queries_at_any_size(
    post, member, size, settings, django_assert_num_queries
):
    settings.QUORUM_COMMENTS_PAGE_ROOTS = 10
    bulk_thread(post, [member], size)
    viewer = viewer_for(member, post)
    with django_assert_num_queries(2):
        thread = comment_page(post=post, viewer=viewer, sort="best")
        assert thread.comments
        assert thread.next_cursor is not None
    with django_assert_num_queries(2):
        comment_page(post=post, viewer=viewer, sort="best", after=thread.next_cursor)


def test_empty_thread_is_one_query(post, member, django_assert_num_queries):
    viewer = viewer_for(member, post)
    with django_assert_num_queries(1):
        thread = comment_page(post=post, viewer=viewer)
    assert thread.roots == [] and thread.next_cursor is None


def test_a_2000_comment_post_draws_one_batch(client, post, member):
    bulk_thread(post, [member], 2000)
    viewer = viewer_for(member, post)
    thread = comment_page(post=post, viewer=viewer)
    assert 1 <= len(thread.roots) <= 50  # QUORUM_COMMENTS_PAGE_ROOTS
    assert thread.more_roots == 667 - len(thread.roots)
    body = text(client.get(page_url(post)))
    drawn = node_ids(body)
    assert len(drawn) == len(thread.comments) <= 60  # QUORUM_COMMENTS_PAGE_COMMENTS
    assert len(set(drawn)) == len(drawn)
    assert next_cursor(body) is not None
