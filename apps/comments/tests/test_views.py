import re

import pytest
from django.urls import reverse

from apps.comments.models import Comment, CommentVote
from apps.comments.services import MAX_BODY_LENGTH, comment_create, comment_delete, comment_vote
from apps.comments.tests.conftest import reply
from apps.communities.models import Membership
from apps.posts.models import Post
from apps.posts.tests.factories import make_post
from conftest import make_member

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def page_url(post, sort=None):
    url = reverse("comments:post_detail", args=[post.community.slug, post.pk, post.slug or "-"])
    return f"{url}?sort={sort}" if sort else url


def permalink(post, comment):
    return reverse(
        "comments:permalink", args=[post.community.slug, post.pk, post.slug or "-", comment.pk]
    )


def action(name, comment):
    return reverse(
        f"comments:{name}", args=[comment.post.community.slug, comment.post_id, comment.pk]
    )


def create_url(post):
    return reverse("comments:create", args=[post.community.slug, post.pk])


def text(response) -> str:
    return response.content.decode()


def fresh(obj):
    obj.refresh_from_db()
    return obj


# --- the post page ------------------------------------------------------------------


def test_post_page_shows_post_and_threads(client, post, comment, other_member):
    child = reply(comment, other_member, "A thoughtful reply")
    response = client.get(page_url(post))
    assert response.status_code == 200
    body = text(response)
    assert 'data-testid="post-full"' in body  # engineer A's partial
    assert f'id="comment-{comment.pk}"' in body
    assert f'id="comment-{child.pk}"' in body
    assert "A thoughtful reply" in body
    assert f'aria-labelledby="comment-{comment.pk}-by"' in body
    assert f'id="comment-{comment.pk}-by"' in body
    assert "<time datetime=" in body
    assert "1 point" not in body or "0 points" in body


def test_wrong_or_missing_slug_redirects_permanently(client, post):
    for wrong in ("old-title", "-", "A-POST-WORTH-DISCUSSING"):
        url = reverse("comments:post_detail", args=[post.community.slug, post.pk, wrong])
        response = client.get(url + "?sort=new")
        assert response.status_code == 301
        assert response["Location"] == page_url(post) + "?sort=new"


def test_post_without_slug_uses_a_dash(client, community, owner):
    post = make_post(owner, community, slug="", raw=True)
    assert client.get(page_url(post)).status_code == 200
    assert page_url(post).endswith("/-/")


def test_unknown_post_or_community_is_404(client, post):
    assert client.get(f"/c/{post.community.slug}/p/999999/x/").status_code == 404
    assert client.get(f"/c/nowhere/p/{post.pk}/{post.slug}/").status_code == 404


def test_private_post_is_404_for_outsiders_and_visitors(client, private_post, outsider, owner):
    comment = comment_create(author=owner, post=private_post, body="secret words")
    for url in (page_url(private_post), permalink(private_post, comment)):
        assert client.get(url).status_code == 404
    client.force_login(outsider)
    for url in (page_url(private_post), permalink(private_post, comment)):
        assert client.get(url).status_code == 404
    response = client.post(action("vote", comment), {"value": "1"})
    assert response.status_code == 404
    response = client.post(create_url(private_post), {"body": "let me in"})
    assert response.status_code == 404
    assert Comment.objects.filter(post=private_post).count() == 1
    client.force_login(owner)
    assert "secret words" in text(client.get(page_url(private_post)))


@pytest.mark.parametrize("sort", ["best", "top", "new", "old", "controversial"])
def test_every_sort_renders_and_is_marked_current(client, post, comment, sort):
    body = text(client.get(page_url(post, sort)))
    assert f'href="?sort={sort}" rel="nofollow" aria-current="true"' in body


@pytest.mark.parametrize("junk", ["hot", "", "'; drop table", "-score", "%00", "x" * 3000])
def test_unknown_sort_falls_back_to_best(client, post, comment, junk):
    response = client.get(page_url(post), {"sort": junk})
    assert response.status_code == 200
    assert 'href="?sort=best" rel="nofollow" aria-current="true"' in text(response)


def test_sorted_siblings_render_in_order(client, post, member, other_member):
    first = comment_create(author=member, post=post, body="ALPHA-comment")
    second = comment_create(author=member, post=post, body="BRAVO-comment")
    comment_vote(user=other_member, comment=second, value=1)
    new = text(client.get(page_url(post, "new")))
    old = text(client.get(page_url(post, "old")))
    top = text(client.get(page_url(post, "top")))
    assert new.index("BRAVO") < new.index("ALPHA")
    assert old.index("ALPHA") < old.index("BRAVO")
    assert top.index("BRAVO") < top.index("ALPHA")
    assert first.pk


def test_depth_cut_links_to_continue_this_thread(client, post, member, other_member):
    comments = [comment_create(author=member, post=post, body="level 0")]
    for level in range(1, 9):
        comments.append(reply(comments[-1], [member, other_member][level % 2], f"level {level}"))
    body = text(client.get(page_url(post)))
    assert "level 5" in body and "level 6" not in body
    cut = comments[5]
    assert "Continue this thread (1 reply)" in body
    assert f'href="{permalink(post, cut)}#comment-{cut.pk}">Continue this thread' in body
    deeper = text(client.get(permalink(post, cut)))
    assert "level 8" in deeper and "level 4" not in deeper


def test_permalink_shows_sub_thread_with_links_to_thread_and_parent(
    client, post, comment, member, other_member
):
    child = reply(comment, other_member, "CHILD-text")
    grandchild = reply(child, member, "GRANDCHILD-text")
    comment_create(author=other_member, post=post, body="UNRELATED-text")
    body = text(client.get(permalink(post, child)))
    assert "CHILD-text" in body and "GRANDCHILD-text" in body
    assert "UNRELATED-text" not in body and "First!" not in body
    assert f'href="{page_url(post)}#comments-heading"' in body
    assert "See the full discussion (4 comments)" in body
    assert f'href="{permalink(post, comment)}#comment-{comment.pk}">Show parent context' in body
    assert "comment-focus" in body
    top = text(client.get(permalink(post, comment)))
    assert "Show parent context" not in top
    assert grandchild.pk


def test_permalink_of_another_posts_comment_is_404(client, post, comment, community, owner):
    other = make_post(owner, community, title="Other", slug="other", raw=True)
    assert client.get(permalink(other, comment)).status_code == 404


def test_permalink_wrong_slug_redirects(client, post, comment):
    url = reverse(
        "comments:permalink", args=[post.community.slug, post.pk, "stale-slug", comment.pk]
    )
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == permalink(post, comment)


def test_visitor_sees_login_prompt_and_no_forms(client, post, comment):
    body = text(client.get(page_url(post)))
    assert "Log in to comment" in body
    assert 'id="comment-form"' not in body
    assert action("vote", comment) not in body
    assert "0 points" in body


def test_banned_member_sees_why_and_no_forms(client, post, comment, banned_member):
    client.force_login(banned_member)
    body = text(client.get(page_url(post)))
    assert "You cannot comment in this community." in body
    assert 'id="comment-form"' not in body
    assert action("vote", comment) not in body
    assert action("reply", comment) not in body


def test_locked_post_shows_the_clear_message(client, post, comment, member):
    Post.objects.filter(pk=post.pk).update(is_locked=True)
    client.force_login(member)
    body = text(client.get(page_url(post)))
    assert "This post is locked: new comments are closed." in body
    assert 'id="comment-form"' not in body
    assert action("reply", comment) not in body
    response = client.post(create_url(post), {"body": "Let me in"})
    assert response.status_code == 200
    assert "This post is locked: new comments are closed." in text(response)
    assert "Let me in</textarea>" in text(response)
    assert Comment.objects.count() == 1


# --- create and reply ----------------------------------------------------------------


def test_plain_post_creates_and_redirects_to_the_anchor(client, post, member):
    client.force_login(member)
    response = client.post(create_url(post), {"body": "Hello, world"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(post)}#comment-{comment.pk}"
    assert fresh(post).comment_count == 1


def test_htmx_create_returns_the_comment_and_a_fresh_form(client, post, member):
    client.force_login(member)
    response = client.post(create_url(post), {"body": "Hello from htmx"}, **HTMX)
    assert response.status_code == 200
    comment = Comment.objects.get()
    body = text(response)
    assert body.lstrip().startswith("<li") or f'id="node-{comment.pk}"' in body
    assert "Hello from htmx" in body
    assert 'id="comment-form"' in body and 'hx-swap-oob="true"' in body
    # The new form is empty: it "resets".
    assert re.search(r'<textarea[^>]*id="comment-form-body"[^>]*>\s*</textarea>', body)
    assert "1 comment" in body


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Your comment is empty. Write something first."),
        ("    \n  ", "Your comment is empty. Write something first."),
        ("x" * (MAX_BODY_LENGTH + 1), "A comment can be at most 10,000 characters long"),
    ],
)
def test_bad_bodies_keep_the_typed_text_with_a_clear_message(client, post, member, body, message):
    client.force_login(member)
    response = client.post(create_url(post), {"body": body})
    assert response.status_code == 200
    assert message in text(response)
    if body.strip():
        assert body in text(response)
    assert Comment.objects.count() == 0
    htmx = client.post(create_url(post), {"body": body}, **HTMX)
    assert htmx.status_code == 200
    assert htmx["HX-Retarget"] == "#comment-form"
    assert htmx["HX-Reswap"] == "outerHTML"
    assert message in text(htmx)


def test_anonymous_post_goes_to_login(client, post):
    response = client.post(create_url(post), {"body": "Hi"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert Comment.objects.count() == 0


def test_banned_member_post_is_refused(client, post, banned_member):
    client.force_login(banned_member)
    response = client.post(create_url(post), {"body": "Hi"})
    assert response.status_code == 403
    assert "You cannot comment in this community." in text(response)
    assert Comment.objects.count() == 0


def test_reply_link_without_javascript_opens_the_form_on_the_permalink(
    client, comment, other_member
):
    client.force_login(other_member)
    response = client.get(action("reply", comment))
    assert response.status_code == 302
    assert response["Location"] == (
        f"{permalink(comment.post, comment)}?reply=1#reply-form-{comment.pk}"
    )
    body = text(client.get(response["Location"]))
    assert f'id="reply-form-{comment.pk}"' in body
    assert '<label for="reply-' in body and "Your reply to marta" in body


def test_plain_reply_redirects_to_the_new_comment_anchor(client, comment, other_member):
    client.force_login(other_member)
    response = client.post(action("reply", comment), {"body": "My reply"})
    new = Comment.objects.get(parent=comment)
    assert response["Location"] == f"{permalink(comment.post, comment)}#comment-{new.pk}"
    assert fresh(comment).reply_count == 1


def test_htmx_reply_form_and_reply(client, comment, other_member):
    client.force_login(other_member)
    form = client.get(action("reply", comment), **HTMX)
    assert form.status_code == 200
    assert f'hx-target="#replies-{comment.pk}"' in text(form)
    assert f'hx-post="{action("reply", comment)}"' in text(form)
    response = client.post(action("reply", comment), {"body": "Inline reply"}, **HTMX)
    new = Comment.objects.get(parent=comment)
    body = text(response)
    assert f'id="comment-{new.pk}"' in body and "Inline reply" in body
    assert f'id="reply-slot-{comment.pk}" hx-swap-oob="true"' in body
    assert '<span id="comment-count" hx-swap-oob="true">2 comments</span>' in body
    assert client.get(action("reply", comment) + "?cancel=1", **HTMX).content == b""


def test_reply_errors_keep_text_on_permalink_without_javascript(client, comment, other_member):
    client.force_login(other_member)
    long_text = "y" * (MAX_BODY_LENGTH + 5)
    response = client.post(action("reply", comment), {"body": long_text})
    assert response.status_code == 200
    assert long_text in text(response)
    assert f'id="reply-form-{comment.pk}"' in text(response)
    htmx = client.post(action("reply", comment), {"body": ""}, **HTMX)
    assert htmx["HX-Retarget"] == f"#reply-form-{comment.pk}"


def test_double_submitted_reply_creates_one_comment(client, comment, other_member):
    client.force_login(other_member)
    client.post(action("reply", comment), {"body": "Twice"})
    client.post(action("reply", comment), {"body": "Twice"})
    assert Comment.objects.filter(parent=comment).count() == 1


def test_reply_to_a_comment_of_another_post_is_404(client, comment, community, owner, other_member):
    other = make_post(owner, community, title="Other", slug="other", raw=True)
    client.force_login(other_member)
    url = reverse("comments:reply", args=[community.slug, other.pk, comment.pk])
    assert client.post(url, {"body": "crossing threads"}).status_code == 404
    assert Comment.objects.count() == 1


def test_reply_to_deleted_comment_is_refused_with_a_message(client, comment, member, other_member):
    comment_delete(actor=member, comment=comment)
    client.force_login(other_member)
    response = client.post(action("reply", comment), {"body": "hello?"})
    assert "You cannot reply to a deleted comment." in text(response)
    htmx = client.get(action("reply", comment), **HTMX)
    assert "You cannot reply to a deleted comment." in text(htmx)


@pytest.mark.parametrize("name", ["vote"])
def test_get_on_post_only_urls_is_405(client, comment, member, name):
    client.force_login(member)
    assert client.get(action(name, comment)).status_code == 405
    assert client.get(create_url(comment.post)).status_code == 405
    client.logout()
    assert client.get(action(name, comment)).status_code == 405
    assert client.get(create_url(comment.post)).status_code == 405


# --- XSS ------------------------------------------------------------------------------


XSS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "<svg><script>alert(1)</script></svg>",
    '"><script>alert(1)</script>',
    "<iframe src=javascript:alert(1)></iframe>",
    '<p style="background:url(javascript:alert(1))" onmouseover="alert(1)">hover</p>',
]


def test_xss_payloads_render_without_anything_executable(client, post, member, other_member):
    client.force_login(member)
    for payload in XSS:
        client.post(create_url(post), {"body": payload + " tail"})
    # A row written by another path (an import, the shell) is cleaned on output too.
    Comment.objects.filter(pk=Comment.objects.first().pk).update(
        body_html='<script>alert("raw")</script><a href="javascript:x()" onclick="y()">a</a>'
    )
    client.force_login(other_member)
    body = text(client.get(page_url(post)))
    comments_html = body[body.index('id="comment-tree"') :]
    lowered = comments_html.lower()
    for needle in (
        "<script",
        "onerror=",
        "javascript:",
        "onmouseover=",
        "onclick=",
        "<iframe",
        "<svg",
        "<img",
    ):
        assert needle not in lowered, needle
    assert "tail" in comments_html


def test_xss_in_names_and_titles_is_escaped(client, community, member):
    nasty = make_post(member, community, "<script>alert(1)</script>", slug="nasty", raw=True)
    member.profile.display_name = '<img src=x onerror="alert(1)">'
    member.profile.save()
    comment_create(author=member, post=nasty, body="hi")
    body = text(client.get(page_url(nasty))) + text(
        client.get(reverse("comments:by_member", args=[member.username]))
    )
    assert "<script>alert(1)</script>" not in body
    assert '<img src=x onerror="alert(1)">' not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


# --- edit and delete -----------------------------------------------------------------------


def test_edit_without_javascript(client, comment, member):
    client.force_login(member)
    page = client.get(action("edit", comment))
    assert page.status_code == 200
    assert "First!</textarea>" in text(page)
    response = client.post(action("edit", comment), {"body": "Edited words"})
    assert response.status_code == 302
    assert response["Location"] == f"{permalink(comment.post, comment)}#comment-{comment.pk}"
    comment = fresh(comment)
    assert comment.body_text == "Edited words" and comment.edited_at
    assert "edited" in text(client.get(page_url(comment.post)))


def test_edit_inline_with_htmx(client, comment, member):
    client.force_login(member)
    form = client.get(action("edit", comment), **HTMX)
    assert f'id="edit-form-{comment.pk}"' in text(form)
    assert text(form).lstrip().startswith("<article")
    response = client.post(action("edit", comment), {"body": "New words"}, **HTMX)
    assert "New words" in text(response) and "edited" in text(response)
    assert text(response).lstrip().startswith("<article")
    cancel = client.get(action("detail", comment), **HTMX)
    assert "New words" in text(cancel)
    bad = client.post(action("edit", comment), {"body": "  "}, **HTMX)
    assert "Your comment is empty" in text(bad)
    assert fresh(comment).body_text == "New words"


@pytest.mark.parametrize("persona", ["other_member", "moderator"])
def test_only_the_author_may_edit_or_delete(client, request, comment, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(action("edit", comment)).status_code == 403
    assert client.post(action("edit", comment), {"body": "hijack"}).status_code == 403
    assert client.get(action("delete", comment)).status_code == 403
    assert client.post(action("delete", comment)).status_code == 403
    comment = fresh(comment)
    assert comment.body_text == "First!" and not comment.is_deleted


def test_delete_confirmation_then_soft_delete_keeps_the_thread(
    client, comment, member, other_member
):
    child = reply(comment, other_member, "I stay")
    client.force_login(member)
    confirm = client.get(action("delete", comment))
    assert confirm.status_code == 200 and "Delete your comment?" in text(confirm)
    response = client.post(action("delete", comment), {"next": page_url(comment.post)})
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(comment.post)}#comment-{comment.pk}"
    body = text(client.get(page_url(comment.post)))
    assert "[deleted]" in body and "First!" not in body
    assert "I stay" in body
    assert f'href="/u/{member.username}/"' not in body.split(f'id="comment-{comment.pk}"')[1][:600]
    assert fresh(child).parent_id == comment.pk


def test_delete_with_htmx_swaps_the_article(client, comment, member):
    client.force_login(member)
    response = client.post(action("delete", comment), **HTMX)
    assert response.status_code == 200
    assert "[deleted]" in text(response) and "First!" not in text(response)
    assert '<span id="comment-count" hx-swap-oob="true">0 comments</span>' in text(response)
    assert fresh(comment).is_deleted


def test_delete_redirect_ignores_foreign_next(client, comment, member):
    client.force_login(member)
    response = client.post(action("delete", comment), {"next": "https://evil.example/"})
    assert response["Location"].startswith(permalink(comment.post, comment))


def test_removed_comment_shows_text_to_its_author_only(client, comment, member, other_member):
    Comment.objects.filter(pk=comment.pk).update(is_removed=True)
    client.force_login(other_member)
    body = text(client.get(page_url(comment.post)))
    assert "[removed by moderators]" in body and "First!" not in body
    client.force_login(member)
    body = text(client.get(page_url(comment.post)))
    assert "Removed by moderators" in body and "First!" in body


# --- votes -------------------------------------------------------------------------------


def test_plain_vote_redirects_back_to_next(client, comment, other_member):
    client.force_login(other_member)
    next_url = page_url(comment.post, "top")
    response = client.post(action("vote", comment), {"value": "1", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == f"{next_url}#comment-{comment.pk}"
    assert fresh(comment).score == 1


def test_vote_next_must_be_on_this_site(client, comment, other_member):
    client.force_login(other_member)
    response = client.post(action("vote", comment), {"value": "1", "next": "//evil.example/"})
    assert response["Location"].startswith(permalink(comment.post, comment))


def test_htmx_vote_returns_score_and_pressed_buttons(client, comment, other_member):
    client.force_login(other_member)
    response = client.post(action("vote", comment), {"value": "1"}, **HTMX)
    body = text(response)
    assert response.status_code == 200
    assert body.lstrip().startswith("<form")
    assert "1 point" in body
    assert re.search(r'value="0"\s+aria-pressed="true" aria-label="Upvote"', body)
    assert re.search(r'value="-1"\s+aria-pressed="false" aria-label="Downvote"', body)
    body = text(client.post(action("vote", comment), {"value": "-1"}, **HTMX))
    assert "-1 points" in body
    body = text(client.post(action("vote", comment), {"value": "0"}, **HTMX))
    assert "0 points" in body and 'aria-pressed="true"' not in body
    assert CommentVote.objects.count() == 0


def test_a_vote_on_a_comment_in_a_public_community_takes_five_queries(
    client, comment, other_member
):
    """The member (session); the comment locked and read with its post,
    community, author, the voter's ban and current vote (the post's
    visibility is a subquery of the same statement); the vote row; the
    comment's counters; the author's karma. Savepoints are the test's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(other_member)
    for value in ("1", "-1", "0"):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(action("vote", comment), {"value": value}, **HTMX)
        assert response.status_code == 200
        statements = [
            q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"].upper()
        ]
        assert len(statements) == 5, statements
    assert fresh(comment).score == 0


def test_a_vote_on_a_comment_of_a_post_one_may_not_read_is_404(client, comment, other_member):
    from apps.communities.models import Community, Visibility

    Community.objects.filter(pk=comment.post.community_id).update(visibility=Visibility.PRIVATE)
    client.force_login(other_member)
    response = client.post(action("vote", comment), {"value": "1"}, **HTMX)
    assert response.status_code == 404
    assert CommentVote.objects.count() == 0


@pytest.mark.parametrize("value", ["2", "-2", "up", "", "1.0"])
def test_bad_vote_values_are_400(client, comment, other_member, value):
    client.force_login(other_member)
    assert client.post(action("vote", comment), {"value": value}).status_code == 400
    assert CommentVote.objects.count() == 0


def test_banned_member_vote_is_refused(client, comment, banned_member):
    client.force_login(banned_member)
    response = client.post(action("vote", comment), {"value": "1"}, **HTMX)
    assert response.status_code == 403
    assert "You cannot vote in this community." in text(response)
    response = client.post(action("vote", comment), {"value": "1"})
    assert response.status_code == 403
    assert "You cannot vote in this community." in text(response)
    assert fresh(comment).score == 0


def test_viewer_vote_shows_pressed_on_the_page(client, comment, other_member):
    comment_vote(user=other_member, comment=comment, value=-1)
    client.force_login(other_member)
    body = text(client.get(page_url(comment.post)))
    assert re.search(r'value="0"\s+aria-pressed="true" aria-label="Downvote"', body)


# --- query counts ----------------------------------------------------------------------------


def build_discussion(post, size):
    authors = [make_member(f"writer{i}") for i in range(4)]
    made = []
    for index in range(size):
        parent = made[index // 2] if index % 3 else None
        made.append(
            comment_create(author=authors[index % 4], post=post, body=f"c{index}", parent=parent)
        )
    return authors, made


@pytest.mark.parametrize("size", [20, 200])
def test_post_page_queries_do_not_grow_with_comments(
    client, post, size, django_assert_max_num_queries
):
    authors, made = build_discussion(post, size)
    for comment in made[::3]:
        comment_vote(user=authors[0], comment=comment, value=1)
    Membership.objects.create(community=post.community, user=authors[0])
    client.force_login(authors[0])
    client.get(page_url(post))  # warm the session cache
    # user, post, tags, ban, the thread's two (sort keys, drawn comments)
    with django_assert_max_num_queries(7):
        response = client.get(page_url(post))
    assert response.status_code == 200
    assert text(response).count('class="comment-node"') >= min(size, 20)


@pytest.mark.parametrize("size", [20, 200])
def test_permalink_queries_do_not_grow_with_comments(
    client, post, size, django_assert_max_num_queries
):
    authors, made = build_discussion(post, size)
    client.force_login(authors[1])
    client.get(permalink(post, made[0]))
    # as the post page, plus the focused comment
    with django_assert_max_num_queries(8):
        assert client.get(permalink(post, made[0])).status_code == 200


# --- the member's comments tab -------------------------------------------------------------


def test_comments_tab_lists_comments_with_post_and_community(client, post, comment, member):
    response = client.get(reverse("comments:by_member", args=[member.username]))
    body = text(response)
    assert response.status_code == 200
    assert 'aria-current="page"' in body and "First!" in body
    assert f'href="{page_url(post)}"' in body
    assert post.title in body and post.community.name in body
    assert f"{permalink(post, comment)}#comment-{comment.pk}" in body


def test_comments_tab_hides_private_and_deleted(client, post, private_post, member, owner):
    Membership.objects.create(community=private_post.community, user=member)
    comment_create(author=member, post=private_post, body="SECRET-words")
    gone = comment_create(author=member, post=post, body="GONE-words")
    comment_delete(actor=member, comment=gone)
    comment_create(author=member, post=post, body="PUBLIC-words")
    body = text(client.get(reverse("comments:by_member", args=[member.username])))
    assert "PUBLIC-words" in body and "SECRET-words" not in body and "GONE-words" not in body
    client.force_login(owner)
    body = text(client.get(reverse("comments:by_member", args=[member.username])))
    assert "SECRET-words" in body


def test_comments_tab_unknown_member_is_404(client, db):
    assert client.get(reverse("comments:by_member", args=["nobody"])).status_code == 404


def test_comments_tab_paginates(client, post, member):
    for index in range(30):
        comment_create(author=member, post=post, body=f"number-{index}-end")
    first = text(client.get(reverse("comments:by_member", args=[member.username])))
    assert "number-29-end" in first and "number-4-end" not in first
    cursor = re.search(r'href="\?cursor=([^"]+)"', first).group(1)
    second = text(
        client.get(reverse("comments:by_member", args=[member.username]) + f"?cursor={cursor}")
    )
    assert "number-4-end" in second and "number-29-end" not in second


@pytest.mark.parametrize("size", [5, 60])
def test_comments_tab_queries_do_not_grow(
    client, post, member, other_member, size, django_assert_max_num_queries
):
    for index in range(size):
        comment_create(author=member, post=post, body=f"c{index}")
    client.force_login(other_member)
    url = reverse("comments:by_member", args=[member.username])
    client.get(url)
    # user, member, follows, one page of comments with posts and communities
    with django_assert_max_num_queries(5):
        assert client.get(url).status_code == 200


def test_deleted_or_removed_post_titles_stay_hidden(client, post, comment, member, owner):
    Post.objects.filter(pk=post.pk).update(is_deleted=True)
    page = text(client.get(page_url(post)))
    tab = text(client.get(reverse("comments:by_member", args=[member.username])))
    for body in (page, tab):
        assert post.title not in body
        assert "[deleted]" in body
    Post.objects.filter(pk=post.pk).update(is_deleted=False, is_removed=True)
    assert post.title not in text(client.get(permalink(post, comment)))
    client.force_login(owner)  # the post's author still sees it
    assert post.title in text(client.get(permalink(post, comment)))
