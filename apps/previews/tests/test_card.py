"""The card on the post page ({% link_preview post %}) and the staff admin."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from apps.core.tests.webserver import Route, html_page
from apps.posts.tests.factories import make_post
from apps.previews.models import LinkPreview, Status

pytestmark = pytest.mark.django_db

CARD = Template("{% load previews %}{% link_preview post %}")


def stored(post, **fields) -> LinkPreview:
    values = {
        "url": post.link,
        "title": "Tomatoes in winter",
        "description": "Grow them indoors.",
        "site_name": "Garden News",
        "status": Status.OK,
        **fields,
    }
    return LinkPreview.objects.create(post=post, **values)


def test_the_post_page_shows_the_card_as_a_nofollow_link(client, owner, community):
    post = make_post(owner, community, link="https://www.news.example/a?b=1")
    stored(post)
    response = client.get(post.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="link-preview"' in html
    assert 'aria-label="Link preview"' in html
    link = 'href="https://www.news.example/a?b=1" rel="nofollow ugc noopener"'
    assert f'<a class="link-preview-link" {link}>' in html
    assert "Tomatoes in winter" in html and "Grow them indoors." in html
    assert "Garden News · news.example" in html


def test_markup_from_the_linked_page_is_shown_as_text(client, owner, community):
    post = make_post(owner, community, link="https://news.example/a")
    stored(
        post,
        title='<b>Bold</b><script>alert("x")</script>',
        description="<img src=x onerror=alert(1)>",
    )
    html = client.get(post.get_absolute_url()).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt;&lt;script&gt;" in html
    assert "<b>Bold</b>" not in html and "<img src=x" not in html


def test_the_whole_journey_from_a_page_to_the_card(
    settings, client, owner, community, django_capture_on_commit_callbacks
):
    from apps.core.tests.webserver import local_server

    settings.QUORUM_LINK_PREVIEWS = True
    settings.QUORUM_PREVIEW_ALLOWED_HOSTS = ["127.0.0.1"]
    with local_server() as web:
        web.routes["/a"] = Route(
            html_page('<meta property="og:title" content="&lt;i&gt;Fresh&lt;/i&gt; news">')
        )
        with django_capture_on_commit_callbacks(execute=True):
            post = make_post(owner, community, link=web.url("/a"))
    html = client.get(post.get_absolute_url()).content.decode()
    assert "&lt;i&gt;Fresh&lt;/i&gt; news" in html


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.FAILED, "title": "", "description": ""},
        {"status": Status.PENDING, "title": "", "description": ""},
        {"title": "", "description": ""},  # fetched, but the page said nothing
        {"url": "https://old.example/"},  # the preview of a link the post no longer has
    ],
)
def test_no_card_without_a_usable_preview(client, owner, community, fields):
    post = make_post(owner, community, link="https://news.example/a")
    stored(post, **fields)
    html = client.get(post.get_absolute_url()).content.decode()
    assert "link-preview" not in html
    assert 'class="post-link"' in html  # the link itself still shows


def test_the_card_costs_one_query_and_none_without_a_link(
    owner, community, django_assert_num_queries
):
    linked = make_post(owner, community, link="https://news.example/a")
    stored(linked)
    plain = make_post(owner, community, title="No link here")
    with django_assert_num_queries(1):
        html = CARD.render(Context({"post": linked}))
    assert "Tomatoes in winter" in html
    with django_assert_num_queries(0):
        assert CARD.render(Context({"post": plain})).strip() == ""


def test_the_card_of_a_deleted_post_is_not_shown(client, owner, community):
    post = make_post(owner, community, link="https://news.example/a")
    stored(post)
    post.is_removed = True
    post.save(update_fields=["is_removed"])
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Tomatoes in winter" not in html


def test_staff_read_previews_and_fetch_them_again_from_the_admin(
    admin_client, owner, community, settings, django_capture_on_commit_callbacks
):
    settings.QUORUM_LINK_PREVIEWS = True
    post = make_post(owner, community, link="http://10.0.0.1/")
    preview = stored(post, status=Status.FAILED, error="private: 10.0.0.1")
    changelist = reverse("admin:previews_linkpreview_changelist")
    response = admin_client.get(changelist)
    assert response.status_code == 200
    assert "private: 10.0.0.1" in response.content.decode()
    assert admin_client.get(reverse("admin:previews_linkpreview_add")).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            changelist, {"action": "fetch_again", "_selected_action": [preview.pk]}, follow=True
        )
    assert "1 preview will be fetched again." in response.content.decode()
    preview.refresh_from_db()
    # Fetched again through the service: still refused, with a fresh date.
    assert preview.status == Status.FAILED and preview.fetched_at is not None
