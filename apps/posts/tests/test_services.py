from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.communities.models import Ban, Community
from apps.posts import services
from apps.posts.models import BODY_MAX_LENGTH, Post, PostVote
from apps.posts.ranking import hot
from apps.profiles.models import Profile
from apps.tags.models import Tag

from .conftest import add_member, make_post

pytestmark = pytest.mark.django_db


def post_count(community) -> int:
    return Community.objects.get(pk=community.pk).post_count


def tag_counts() -> dict[str, int]:
    return dict(Tag.objects.values_list("slug", "post_count"))


def karma(user) -> int:
    return Profile.objects.get(user=user).post_karma


# --- create ------------------------------------------------------------------------------


def test_create_sanitizes_counts_and_tags(author, community):
    post = make_post(
        author,
        community,
        title="  Winter   tomatoes \t",
        body='<p onclick="x()">Hi <script>alert(1)</script><b>there</b></p>',
        link="https://example.org/tomatoes",
        tags="Tomatoes, winter-growing, tomatoes",
    )
    post.refresh_from_db()
    assert post.title == "Winter tomatoes"
    assert post.slug == "winter-tomatoes"
    assert post.body_html == "<p>Hi <b>there</b></p>"
    assert post.body_text == "Hi there"
    assert post.hot == pytest.approx(hot(0, post.created))
    assert sorted(t.slug for t in post.tags.all()) == ["tomatoes", "winter-growing"]
    assert tag_counts() == {"tomatoes": 1, "winter-growing": 1}
    assert post_count(community) == 1


def test_plain_text_body_becomes_paragraphs(author, community):
    post = make_post(author, community, body="First line\nsecond line\n\nA & B < C")
    assert post.body_html == "<p>First line<br>second line</p><p>A &amp; B &lt; C</p>"


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"title": "   \t  "}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"body": "x" * (BODY_MAX_LENGTH + 1)}, "body"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"link": "ftp://example.org/file"}, "link"),
        ({"link": "data:text/html,hi"}, "link"),
        ({"tags": "a1, b2, c3, d4, e5, f6"}, "tags"),
        ({"tags": "c++"}, "tags"),
        ({"tags": "<script>"}, "tags"),
    ],
)
def test_bad_input_is_refused(author, community, fields, error_field):
    data = {"title": "Fine", "body": "Fine", **fields}
    with pytest.raises(ValidationError) as error:
        services.post_create(author=author, community=community, **data)
    assert error_field in error.value.message_dict
    assert not Post.objects.exists()
    assert post_count(community) == 0


def test_body_at_the_limit_is_accepted(author, community):
    post = make_post(author, community, body="x" * BODY_MAX_LENGTH)
    post.refresh_from_db()
    assert post.body_text == "x" * BODY_MAX_LENGTH
    assert post.body_html == f"<p>{'x' * BODY_MAX_LENGTH}</p>"


def test_title_of_300_characters_is_accepted(author, community):
    assert len(make_post(author, community, title="t" * 300).title) == 300


def test_reserved_slug_is_avoided(author, community):
    assert make_post(author, community, title="Vote!").slug == "vote-post"


def test_unicode_title_keeps_a_unicode_slug(author, community):
    post = make_post(author, community, title="Привет, мир")
    assert post.slug == "привет-мир"
    assert post.get_absolute_url().startswith("/c/gardening/p/")


@pytest.mark.parametrize("persona", ["anonymous", "banned_member"])
def test_who_cannot_post(request, community, persona):
    user = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.post_create(author=user, community=community, title="Hi")


def test_restricted_and_private_rules(restricted_community, private_community, author):
    with pytest.raises(PermissionDenied):
        make_post(author, private_community)
    add_member(restricted_community, author, is_approved=False)
    with pytest.raises(PermissionDenied):
        make_post(author, restricted_community)
    add_member(private_community, author)
    make_post(author, private_community)


def test_same_post_twice_in_a_short_window_is_one_post(author, community):
    first = make_post(author, community, title="Hello", body="Same body")
    second = make_post(author, community, title="Hello", body="Same body")
    assert first.pk == second.pk
    assert post_count(community) == 1
    Post.objects.filter(pk=first.pk).update(created=timezone.now() - timedelta(hours=1))
    assert make_post(author, community, title="Hello", body="Same body").pk != first.pk


def test_idempotency_key_returns_the_first_post(author, community):
    key = "k" * 32
    first = make_post(author, community, title="One", idempotency_key=key)
    second = make_post(author, community, title="Changed on the way", idempotency_key=key)
    assert first.pk == second.pk
    assert Post.objects.count() == 1


def test_failed_submission_releases_the_key(author, community):
    key = "k" * 32
    with pytest.raises(ValidationError):
        make_post(author, community, title=" ", idempotency_key=key)
    assert make_post(author, community, title="Fixed", idempotency_key=key).title == "Fixed"


# --- update --------------------------------------------------------------------------------


def test_author_edits_and_tags_are_recounted(post, author):
    services.post_update(
        actor=author,
        post=post,
        title="Tomatoes all year",
        body="New body",
        tags="tomatoes, greenhouse",
    )
    post.refresh_from_db()
    assert post.title == "Tomatoes all year"
    assert post.slug == "tomatoes-in-winter"  # links stay stable
    assert post.body_html == "<p>New body</p>"
    assert post.edited_at is not None
    assert tag_counts() == {"tomatoes": 1, "winter": 0, "greenhouse": 1}


def test_saving_without_changes_is_not_an_edit(post, author):
    services.post_update(
        actor=author, post=post, title=post.title, body=post.body_html, tags="winter, tomatoes"
    )
    post.refresh_from_db()
    assert post.edited_at is None


@pytest.mark.parametrize("persona", ["other_member", "moderator", "staff_member"])
def test_only_the_author_edits(request, post, persona):
    with pytest.raises(PermissionDenied):
        services.post_update(actor=request.getfixturevalue(persona), post=post, title="Mine now")


def test_banned_author_cannot_edit(post, author, community, owner):
    Ban.objects.create(community=community, user=author, banned_by=owner)
    with pytest.raises(PermissionDenied):
        services.post_update(actor=author, post=post, title="Sneaky")


def test_removed_post_cannot_be_edited(post, author):
    Post.objects.filter(pk=post.pk).update(is_removed=True)
    with pytest.raises(PermissionDenied):
        services.post_update(actor=author, post=post, title="Back")


def test_edit_validates_like_create(post, author):
    with pytest.raises(ValidationError):
        services.post_update(actor=author, post=post, title="   ")


# --- delete -----------------------------------------------------------------------------------


def test_delete_is_soft_and_uncounts(post, author, community, other_member):
    from model_bakery import baker

    comment = baker.make("comments.Comment", post=post, author=other_member, body_html="<p>x</p>")
    services.post_delete(actor=author, post=post)
    post.refresh_from_db()
    assert post.is_deleted and post.deleted_at
    assert post.title == services.DELETED_TITLE and post.body_html == "" and post.link == ""
    assert not post.tags.exists()
    assert tag_counts() == {"tomatoes": 0, "winter": 0}
    assert post_count(community) == 0
    assert type(comment).objects.filter(pk=comment.pk).exists()
    # Twice changes nothing.
    services.post_delete(actor=author, post=post)
    assert post_count(community) == 0


def test_only_the_author_deletes(post, other_member, moderator):
    for actor in (other_member, moderator):
        with pytest.raises(PermissionDenied):
            services.post_delete(actor=actor, post=post)


# --- votes -------------------------------------------------------------------------------------


def test_up_down_change_clear(post, author, member):
    def state():
        post.refresh_from_db()
        return post.score, post.upvotes, post.downvotes, karma(author)

    services.post_vote(user=member, post=post, value=1)
    assert state() == (1, 1, 0, 1)
    assert post.hot == pytest.approx(hot(1, post.created))
    services.post_vote(user=member, post=post, value=1)  # same again: nothing
    assert state() == (1, 1, 0, 1)
    services.post_vote(user=member, post=post, value=-1)
    assert state() == (-1, 0, 1, -1)
    assert post.hot == pytest.approx(hot(-1, post.created))
    services.post_vote(user=member, post=post, value=0)
    assert state() == (0, 0, 0, 0)
    assert not PostVote.objects.exists()


def test_vote_returns_the_fresh_state(post, member):
    result = services.post_vote(user=member, post=post, value=-1)
    assert (result.score, result.user_vote) == (-1, -1)
    result = services.post_vote(user=member, post=post, value=0)
    assert (result.score, result.user_vote) == (0, None)


def test_score_is_the_sum_of_votes(post, author):
    from conftest import make_member

    voters = [make_member(f"voter{i}") for i in range(5)]
    for index, voter in enumerate(voters):
        services.post_vote(user=voter, post=post, value=1 if index % 2 == 0 else -1)
    post.refresh_from_db()
    assert post.score == sum(PostVote.objects.values_list("value", flat=True)) == 1
    assert (post.upvotes, post.downvotes) == (3, 2)
    assert karma(author) == 1


def test_self_vote_counts_in_score_not_karma(post, author):
    services.post_vote(user=author, post=post, value=1)
    post.refresh_from_db()
    assert post.score == 1 and karma(author) == 0


@pytest.mark.parametrize("value", [2, -2, True, "1", None, 1.0])
def test_vote_value_must_be_1_minus_1_or_0(post, member, value):
    with pytest.raises(ValidationError):
        services.post_vote(user=member, post=post, value=value)
    assert not PostVote.objects.exists()


def test_banned_member_cannot_vote(post, banned_member):
    with pytest.raises(PermissionDenied):
        services.post_vote(user=banned_member, post=post, value=1)


def test_anonymous_cannot_vote(post):
    with pytest.raises(PermissionDenied):
        services.post_vote(user=AnonymousUser(), post=post, value=1)


@pytest.mark.parametrize("flag", ["is_deleted", "is_removed"])
def test_no_votes_on_gone_posts(post, member, flag):
    Post.objects.filter(pk=post.pk).update(**{flag: True})
    with pytest.raises(ValidationError):
        services.post_vote(user=member, post=post, value=1)


def test_restricted_unapproved_member_cannot_vote(restricted_community, owner, member):
    post = make_post(owner, restricted_community)
    add_member(restricted_community, member, is_approved=False)
    with pytest.raises(PermissionDenied):
        services.post_vote(user=member, post=post, value=1)


def test_outsider_cannot_vote_in_private_community(private_community, owner, outsider):
    post = make_post(owner, private_community)
    with pytest.raises(PermissionDenied):
        services.post_vote(user=outsider, post=post, value=1)


def test_deleted_author_account_keeps_votes_working(post, author, member):
    Post.objects.filter(pk=post.pk).update(author=None)
    post.refresh_from_db()
    services.post_vote(user=member, post=post, value=1)
    post.refresh_from_db()
    assert post.score == 1
