import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from apps.communities.models import Community, Membership
from apps.core.cache import feed_version
from apps.posts import services
from apps.posts.models import Post
from apps.posts.ranking import hot
from apps.tags.models import Tag
from conftest import make_member

from .conftest import add_member, make_community, quick_posts

pytestmark = pytest.mark.django_db

ADMIN_LISTS = [
    "admin:communities_community_changelist",
    "admin:communities_membership_changelist",
    "admin:communities_ban_changelist",
    "admin:tags_tag_changelist",
    "admin:posts_post_changelist",
    "admin:posts_postvote_changelist",
]


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_member("root", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("count", [5, 40])
@pytest.mark.parametrize("name", ADMIN_LISTS)
def test_admin_lists_do_not_grow_with_rows(
    admin_client, community, owner, count, name, django_assert_max_num_queries
):
    from apps.communities.models import Ban
    from apps.posts import services

    posts = quick_posts(owner, community, count)
    for index in range(count):
        user = make_member(f"person{index}")
        add_member(community, user)
        Tag.objects.create(slug=f"tag-{index}", name=f"tag-{index}")
        services.post_vote(user=user, post=posts[index], value=1)
        Ban.objects.create(community=community, user=user, banned_by=owner)
    with django_assert_max_num_queries(6):
        response = admin_client.get(reverse(name))
    assert response.status_code == 200


def test_admin_search_and_add_forms_render(admin_client, community):
    for name in ADMIN_LISTS:
        assert admin_client.get(reverse(name), {"q": "gard"}).status_code == 200
    for name in ADMIN_LISTS[:4]:
        add = name.replace("changelist", "add")
        assert admin_client.get(reverse(add)).status_code == 200


def test_admin_membership_add_and_delete_keep_member_count(admin_client, community, member):
    response = admin_client.post(
        reverse("admin:communities_membership_add"),
        {"community": community.pk, "user": member.pk, "is_approved": "on"},
    )
    assert response.status_code == 302
    community.refresh_from_db()
    assert community.member_count == 2
    membership = Membership.objects.get(user=member)
    admin_client.post(
        reverse("admin:communities_membership_delete", args=[membership.pk]), {"post": "yes"}
    )
    community.refresh_from_db()
    assert community.member_count == 1


def test_admin_ban_of_the_owner_is_a_form_error(admin_client, community, owner):
    response = admin_client.post(
        reverse("admin:communities_ban_add"),
        {"community": community.pk, "user": owner.pk, "reason": "x"},
    )
    assert response.status_code == 200
    assert b"cannot be banned" in response.content


def test_admin_post_body_is_sanitized(admin_client, community, owner):
    (post,) = quick_posts(owner, community, 1)
    data = {
        "community": community.pk,
        "author": owner.pk,
        "title": "Edited by staff",
        "body_html": "<p>ok</p><script>alert(1)</script>",
        "link": "",
        "removal_reason": "",
    }
    response = admin_client.post(reverse("admin:posts_post_change", args=[post.pk]), data)
    assert response.status_code == 302, response.content[:2000]
    post.refresh_from_db()
    assert post.body_html == "<p>ok</p>"
    assert post.body_text == "ok"


# --- the post admin writes through the services ------------------------------------------


def change_url(post) -> str:
    return reverse("admin:posts_post_change", args=[post.pk])


def change_data(post, **fields) -> dict:
    data = {
        "title": post.title,
        "body_html": post.body_html,
        "link": post.link,
        "tags": [tag.pk for tag in post.tags.all()],
    }
    return {**data, **fields}


def tag_counts() -> dict[str, int]:
    return dict(Tag.objects.values_list("slug", "post_count"))


def test_admin_tag_edit_keeps_tag_counters_and_turns_the_feeds_over(
    admin_client, post, django_capture_on_commit_callbacks
):
    assert tag_counts() == {"tomatoes": 1, "winter": 1}
    summer = Tag.objects.create(slug="summer", name="summer")
    versions = (feed_version(), feed_version(post.community_id))
    winter = Tag.objects.get(slug="winter")
    data = change_data(post, title="Tomatoes in summer", tags=[summer.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(change_url(post), data)
    assert response.status_code == 302, response.content[:2000]
    post.refresh_from_db()
    assert post.title == "Tomatoes in summer" and post.edited_at is not None
    assert set(post.tags.values_list("slug", flat=True)) == {"summer"}
    assert tag_counts() == {"tomatoes": 0, "winter": 0, "summer": 1}
    assert winter.posts.count() == 0
    assert versions[0] != feed_version() and versions[1] != feed_version(post.community_id)


def test_admin_cannot_change_counters_community_author_or_moderation_state(
    admin_client, post, member, other_member
):
    services.post_vote(user=member, post=post, value=1)
    elsewhere = make_community(other_member, "elsewhere")
    data = change_data(
        post,
        score=999,
        upvotes=999,
        comment_count=999,
        hot=1e9,
        community=elsewhere.pk,
        author=member.pk,
        slug="hijacked",
        is_removed="on",
        is_pinned="on",
        title="Only this changes",
    )
    response = admin_client.post(change_url(post), data)
    assert response.status_code == 302, response.content[:2000]
    post.refresh_from_db()
    assert post.title == "Only this changes"
    assert (post.score, post.upvotes, post.comment_count) == (1, 1, 0)
    assert post.hot == pytest.approx(hot(1, post.created))
    assert (post.community_id, post.author_id, post.slug) != (elsewhere.pk, member.pk, "hijacked")
    assert not post.is_removed and not post.is_pinned
    assert Community.objects.get(pk=elsewhere.pk).post_count == 0


def test_admin_refusals_of_the_service_show_on_the_form(admin_client, post):
    response = admin_client.post(change_url(post), change_data(post, title="   "))
    assert response.status_code == 200
    assert "title" in response.context["adminform"].form.errors
    response = admin_client.post(change_url(post), change_data(post, link="javascript:alert(1)"))
    assert response.status_code == 200
    post.refresh_from_db()
    assert post.title == "Tomatoes in winter" and post.link == ""


def test_admin_save_without_changes_changes_nothing(
    admin_client, post, django_capture_on_commit_callbacks
):
    before = feed_version()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(change_url(post), change_data(post))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.edited_at is None and feed_version() == before


def test_admin_neither_adds_nor_hard_deletes_posts(admin_client, post, community):
    assert admin_client.get(reverse("admin:posts_post_add")).status_code == 403
    delete = reverse("admin:posts_post_delete", args=[post.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:posts_post_changelist")
    admin_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [post.pk], "post": "yes"}
    )
    assert Post.objects.filter(pk=post.pk).exists()
    community.refresh_from_db()
    assert community.post_count == 1


def test_staff_who_are_not_administrators_cannot_rewrite_a_post(post, member):
    staff = make_member("steward", is_staff=True)
    with pytest.raises(PermissionDenied):
        services.post_staff_update(actor=staff, post=post, title="Rewritten")
    post.refresh_from_db()
    assert post.title == "Tomatoes in winter"


def test_a_deleted_post_is_read_only_in_the_admin(admin_client, post, author):
    services.post_delete(actor=author, post=post)
    response = admin_client.post(change_url(post), change_data(post, title="Back from the dead"))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "[deleted]" and post.is_deleted
