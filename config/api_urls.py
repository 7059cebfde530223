"""The REST API, /api/v1/: each app's api/urls.py, the OpenAPI schema and
the docs. Views live in apps/<app>/api/; the plumbing (tokens,
authentication, throttles, the error envelope) in apps/api."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from apps.api.schema import DocsView

urlpatterns = [
    path("", include("apps.profiles.api.urls")),
    path("", include("apps.media.api.urls")),
    path("", include("apps.communities.api.urls")),
    path("", include("apps.tags.api.urls")),
    path("", include("apps.drafts.api.urls")),
    path("", include("apps.posts.api.urls")),
    path("", include("apps.polls.api.urls")),
    path("", include("apps.comments.api.urls")),
    path("", include("apps.revisions.api.urls")),
    path("", include("apps.messaging.api.urls")),
    path("", include("apps.search.api.urls")),
    path("", include("apps.moderation.api.urls")),
    path("", include("apps.notifications.api.urls")),
    path("", include("apps.feeds.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api-v1:schema"), name="docs"),
]
