"""The admin lists versions read-only: nobody adds, changes or deletes one."""

import pytest

from apps.revisions.models import CommentRevision, PostRevision

from .conftest import edit_comment, edit_post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 10])
def test_the_lists_show_versions_in_constant_queries(
    client, committed, post, comment, admin_user, count, django_assert_max_num_queries
):
    for number in range(count):
        edit_post(committed, post, title=f"Title {number}")
        edit_comment(committed, comment, f"Body {number}")
    client.force_login(admin_user)

    for url in ("/admin/revisions/postrevision/", "/admin/revisions/commentrevision/"):
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["cl"].result_list) == count + 1  # and the original


def test_versions_cannot_be_added_changed_or_deleted(client, committed, post, admin_user):
    edit_post(committed, post, title="Edited")
    version = PostRevision.objects.get(number=2)
    client.force_login(admin_user)

    assert client.get("/admin/revisions/postrevision/add/").status_code == 403
    page = client.get(f"/admin/revisions/postrevision/{version.pk}/change/")
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.post(f"/admin/revisions/postrevision/{version.pk}/delete/").status_code == 403
    assert (
        client.post(
            f"/admin/revisions/postrevision/{version.pk}/change/", {"title": "Forged"}
        ).status_code
        == 403
    )
    assert PostRevision.objects.get(pk=version.pk).title == "Edited"
    assert not CommentRevision.objects.exists()
