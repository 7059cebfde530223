"""Link previews end to end: a post with a link, the task fetching the page
from the local server, the row stored, the card on the post page; and every
way a fetch can go wrong leaving the post saved and the preview `failed`."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from apps.core.tests.webserver import Route, html_page
from apps.media.models import Image
from apps.media.tests.factories import png_bytes
from apps.posts.models import Post
from apps.posts.services import post_delete, post_update
from apps.posts.tests.factories import make_post
from apps.previews import services
from apps.previews.models import LinkPreview, Status

OG_HEAD = (
    '<meta property="og:title" content="Tomatoes in winter">'
    '<meta property="og:description" content="Grow them indoors, under a lamp.">'
    '<meta property="og:site_name" content="Garden News">'
    "<title>Not this one</title>"
)

pytestmark = pytest.mark.django_db


def publish(author, community, link: str, capture) -> Post:
    with capture(execute=True):
        post = make_post(author, community, link=link)
    return post


def preview_of(post: Post) -> LinkPreview:
    return LinkPreview.objects.get(post=post)


def test_a_page_with_open_graph_tags_gives_a_stored_preview(
    previews_on, web, owner, community, django_capture_on_commit_callbacks
):
    web.routes["/article"] = Route(html_page(OG_HEAD))
    post = publish(owner, community, web.url("/article"), django_capture_on_commit_callbacks)
    preview = preview_of(post)
    assert preview.status == Status.OK
    assert preview.url == web.url("/article")
    assert preview.title == "Tomatoes in winter"
    assert preview.description == "Grow them indoors, under a lamp."
    assert preview.site_name == "Garden News"
    assert preview.image is None and preview.error == "" and preview.fetched_at is not None
    assert web.requests[0][1]["user-agent"].startswith("QuorumPreview/1.0 (+")


def test_the_page_image_is_stored_through_media_and_becomes_the_thumbnail(
    previews_on, web, owner, community, django_capture_on_commit_callbacks
):
    web.routes["/img.png"] = Route(png_bytes(), content_type="image/png")
    web.routes["/article"] = Route(
        html_page(OG_HEAD + '<meta property="og:image" content="/img.png">')
    )
    post = publish(owner, community, web.url("/article"), django_capture_on_commit_callbacks)
    preview = preview_of(post)
    assert preview.status == Status.OK and preview.image is not None
    image = preview.image
    assert image.uploader is None and image.attached_at is not None  # never an orphan
    assert image.format.upper() == "WEBP"  # re-encoded, never the bytes as sent
    post.refresh_from_db()
    assert post.thumbnail_id == image.pk


def test_a_bad_image_leaves_the_text_of_the_preview(
    previews_on, web, owner, community, django_capture_on_commit_callbacks
):
    web.routes["/img.png"] = Route(b"<html><script>alert(1)</script>", content_type="image/png")
    web.routes["/article"] = Route(
        html_page(OG_HEAD + '<meta property="og:image" content="/img.png">')
    )
    post = publish(owner, community, web.url("/article"), django_capture_on_commit_callbacks)
    preview = preview_of(post)
    assert preview.status == Status.OK and preview.title == "Tomatoes in winter"
    assert preview.image is None and preview.error.startswith("image refused")
    assert Image.objects.count() == 0
    post.refresh_from_db()
    assert post.thumbnail_id is None


def test_an_image_on_a_private_address_is_not_fetched(
    previews_on, web, owner, community, django_capture_on_commit_callbacks
):
    web.routes["/article"] = Route(
        html_page(
            OG_HEAD + '<meta property="og:image" content="http://169.254.169.254/latest/x.png">'
        )
    )
    post = publish(owner, community, web.url("/article"), django_capture_on_commit_callbacks)
    preview = preview_of(post)
    assert preview.status == Status.OK and preview.image is None
    assert preview.error.startswith("image metadata")


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(status=302, headers={"Location": "http://127.0.0.2/"}), "loopback"),
        (Route(status=302, headers={"Location": "http://10.0.0.1/"}), "private"),
        (Route(b"{}", content_type="application/json"), "content_type"),
        (Route(status=500), "http_status"),
    ],
)
def test_a_refused_or_failed_fetch_leaves_the_post_and_a_failed_preview(
    previews_on, web, owner, community, django_capture_on_commit_callbacks, route, reason
):
    web.routes["/x"] = route
    post = publish(owner, community, web.url("/x"), django_capture_on_commit_callbacks)
    assert Post.objects.filter(pk=post.pk).exists()
    preview = preview_of(post)
    assert preview.status == Status.FAILED
    assert preview.error.startswith(reason)
    assert preview.title == ""


def test_a_private_link_is_never_requested(
    previews_on, owner, community, django_capture_on_commit_callbacks
):
    post = publish(
        owner, community, "http://[::ffff:127.0.0.1]/admin", django_capture_on_commit_callbacks
    )
    assert preview_of(post).error.startswith("loopback")


def test_a_slow_site_times_out_and_the_post_stays(
    previews_on, web, owner, community, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(services, "FETCH_TIMEOUT", 0.3)
    web.routes["/slow"] = Route(html_page(OG_HEAD), delay=1.5)
    post = publish(owner, community, web.url("/slow"), django_capture_on_commit_callbacks)
    assert preview_of(post).status == Status.FAILED
    assert preview_of(post).error == "timeout"


def test_an_unexpected_error_in_the_fetch_never_reaches_post_create(
    previews_on, web, owner, community, django_capture_on_commit_callbacks, monkeypatch
):
    def explode(**kwargs):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(services, "link_preview_fetch", explode)
    post = publish(owner, community, web.url("/x"), django_capture_on_commit_callbacks)
    assert Post.objects.filter(pk=post.pk).exists()
    preview = preview_of(post)
    assert preview.status == Status.FAILED and preview.error.startswith("internal")


def test_the_submit_view_succeeds_when_the_fetch_fails(
    previews_on, client, owner, community, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("posts:submit", args=[community.slug]),
            {"title": "Look", "body": "", "link": "http://10.0.0.1/secret", "tags": ""},
        )
    assert response.status_code == 302
    post = Post.objects.get(title="Look")
    assert preview_of(post).status == Status.FAILED


def test_without_a_link_there_is_no_preview_and_no_query(
    previews_on, owner, community, django_capture_on_commit_callbacks
):
    post = publish(owner, community, "", django_capture_on_commit_callbacks)
    assert not LinkPreview.objects.filter(post=post).exists()


def test_previews_off_fetch_nothing(
    settings, web, owner, community, django_capture_on_commit_callbacks
):
    settings.QUORUM_LINK_PREVIEWS = False
    settings.QUORUM_PREVIEW_ALLOWED_HOSTS = ["127.0.0.1"]
    web.routes["/article"] = Route(html_page(OG_HEAD))
    publish(owner, community, web.url("/article"), django_capture_on_commit_callbacks)
    assert LinkPreview.objects.count() == 0 and web.requests == []


def test_a_link_is_fetched_once_and_again_only_when_it_changes(
    previews_on, web, owner, community, django_capture_on_commit_callbacks
):
    web.routes["/one"] = Route(html_page('<meta property="og:title" content="One">'))
    web.routes["/two"] = Route(html_page('<meta property="og:title" content="Two">'))
    post = publish(owner, community, web.url("/one"), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        post = post_update(actor=owner, post=post, title="New title", link=web.url("/one"))
    assert web.hits("/one") == 1
    with django_capture_on_commit_callbacks(execute=True):
        post = post_update(actor=owner, post=post, title="New title", link=web.url("/two"))
    assert web.hits("/two") == 1
    preview = preview_of(post)
    assert (preview.url, preview.title, preview.status) == (web.url("/two"), "Two", Status.OK)


def test_a_new_link_replaces_the_thumbnail_the_old_one_gave(
    previews_on, web, owner, community, django_capture_on_commit_callbacks
):
    web.routes["/img.png"] = Route(png_bytes(), content_type="image/png")
    web.routes["/one"] = Route(
        html_page(
            '<meta property="og:title" content="One"><meta property="og:image" content="/img.png">'
        )
    )
    web.routes["/two"] = Route(html_page('<meta property="og:title" content="Two">'))
    post = publish(owner, community, web.url("/one"), django_capture_on_commit_callbacks)
    post.refresh_from_db()
    assert post.thumbnail_id is not None
    with django_capture_on_commit_callbacks(execute=True):
        post_update(actor=owner, post=post, title="Other", link=web.url("/two"))
    post.refresh_from_db()
    assert post.thumbnail_id is None


def test_removing_the_link_or_deleting_the_post_drops_the_preview(
    previews_on, web, owner, community, django_capture_on_commit_callbacks
):
    web.routes["/a"] = web.routes["/b"] = Route(html_page(OG_HEAD))
    first = publish(owner, community, web.url("/a"), django_capture_on_commit_callbacks)
    second = publish(owner, community, web.url("/b"), django_capture_on_commit_callbacks)
    assert LinkPreview.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        post_update(actor=owner, post=first, title="No link now", link="")
        post_delete(actor=owner, post=second)
    assert LinkPreview.objects.count() == 0


def test_a_stale_fetch_does_not_overwrite_a_newer_link(
    previews_on, web, owner, community, django_capture_on_commit_callbacks
):
    web.routes["/one"] = Route(html_page('<meta property="og:title" content="One">'))
    post = publish(owner, community, web.url("/one"), django_capture_on_commit_callbacks)
    Post.objects.filter(pk=post.pk).update(link=web.url("/two"))
    LinkPreview.objects.filter(post=post).update(url=web.url("/two"), status=Status.PENDING)
    recorded = services.link_preview_record(
        post_id=post.pk, url=web.url("/one"), meta=None, error="late"
    )
    assert recorded is None
    assert preview_of(post).status == Status.PENDING


def test_staff_fetch_a_preview_again(
    previews_on, web, owner, community, staff_member, django_capture_on_commit_callbacks
):
    web.routes["/a"] = Route(status=503)
    post = publish(owner, community, web.url("/a"), django_capture_on_commit_callbacks)
    assert preview_of(post).status == Status.FAILED
    web.routes["/a"] = Route(html_page(OG_HEAD))
    with django_capture_on_commit_callbacks(execute=True):
        services.link_preview_refetch(actor=staff_member, preview=preview_of(post))
    assert preview_of(post).status == Status.OK
    assert web.hits("/a") == 2


def test_members_cannot_fetch_a_preview_again(
    previews_on, web, owner, community, django_capture_on_commit_callbacks
):
    web.routes["/a"] = Route(html_page(OG_HEAD))
    post = publish(owner, community, web.url("/a"), django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        services.link_preview_refetch(actor=owner, preview=preview_of(post))
    assert web.hits("/a") == 1
