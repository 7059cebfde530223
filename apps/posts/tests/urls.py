"""Used by the tests only while apps.comments has no "comments:post_detail"
yet: the project's URLs plus a stub post page, so Post.get_absolute_url
reverses. Once the real post page exists this module is not used."""

from django.http import HttpResponse
from django.urls import include, path

from config import urls as project_urls


def _post_page_stub(request, community_slug, post_id, post_slug):
    return HttpResponse("post page")


urlpatterns = [
    pattern
    for pattern in project_urls.urlpatterns
    if getattr(pattern, "namespace", None) != "comments"
] + [
    path(
        "",
        include(
            (
                [
                    path(
                        "c/<slug:community_slug>/p/<int:post_id>/<str:post_slug>/",
                        _post_page_stub,
                        name="post_detail",
                    )
                ],
                "comments",
            )
        ),
    )
]
