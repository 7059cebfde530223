import pytest
from django.core.management import call_command
from django.db.models import Count, Sum
from django.urls import reverse

from apps.communities.models import Community, Membership, Visibility
from apps.posts.models import Post, PostVote
from apps.posts.ranking import hot
from apps.profiles.models import Profile
from apps.tags.models import Tag
from conftest import make_member

from .conftest import add_member, quick_posts

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
    for name in ADMIN_LISTS[:5]:
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


def test_seed_content_is_consistent_and_idempotent():
    call_command("seed_members", members=12, stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_content", posts=60, stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (Community.objects.count(), Post.objects.count(), PostVote.objects.count())
    assert counts[0] == 12 and counts[1] >= 60
    call_command("seed_content", posts=60, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Community.objects.count(), Post.objects.count(), PostVote.objects.count()) == counts

    assert Community.objects.filter(visibility=Visibility.PRIVATE).count() == 1
    assert Community.objects.filter(visibility=Visibility.RESTRICTED).count() == 1
    for community in Community.objects.annotate(m=Count("memberships", distinct=True)):
        assert community.member_count == community.m
        assert community.post_count == community.posts.count()
        assert Membership.objects.get(community=community, user=community.owner).is_moderator
    for post in Post.objects.annotate(total=Sum("votes__value"), n=Count("votes")):
        assert post.score == (post.total or 0)
        assert post.upvotes + post.downvotes == post.n
        assert post.hot == pytest.approx(hot(post.score, post.created))
        assert "<script" not in post.body_html
    for tag in Tag.objects.annotate(n=Count("posts")):
        assert tag.post_count == tag.n
    karma = Profile.objects.aggregate(total=Sum("post_karma"))["total"]
    assert karma == Post.objects.aggregate(total=Sum("score"))["total"]
