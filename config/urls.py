from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.http import Http404, HttpResponsePermanentRedirect
from django.templatetags.static import static as static_url
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog

from apps.communities import urls as community_urls
from apps.core import views as core_views
from apps.core.language import switch_language
from apps.posts import views as post_views
from apps.profiles import views as profile_views


def favicon(request):
    """Pages without a <link rel="icon"> (the translators' UI, JSON) make
    browsers ask for /favicon.ico: send them to ours instead of a 404."""
    return HttpResponsePermanentRedirect(static_url("img/favicon.svg"))


def not_our_catalogues(request, *args, **kwargs):
    """Rosetta lists Django's and third-party catalogues too; they live in the
    virtualenv, where edits are lost. Translators edit locale/ only."""
    raise Http404


# A community's page and a tag's page are post feeds: their views live in
# apps.posts, above the apps whose stable URL names they carry
# ("communities:detail", "tags:detail", used by get_absolute_url), which may
# not import it. They are wired into those namespaces here.
community_pages = [
    *community_urls.urlpatterns,
    path("c/<slug:slug>/", post_views.community_feed, name="detail"),
]
# Tags may hold letters of any script, hence <str:>.
tag_pages = [path("t/<str:slug>/", post_views.tag_feed, name="detail")]

urlpatterns = [
    path("", post_views.home, name="home"),
    path("health/", core_views.health, name="health"),
    path("favicon.ico", favicon),
    path("i18n/setlang/", profile_views.set_language, name="set_language"),
    path("i18n/language/", switch_language, name="switch_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    re_path(r"^translate/files/(?:all|django|third-party)/", not_our_catalogues),
    path("translate/", include("rosetta.urls")),
    path("tinymce/", include("tinymce.urls")),
    path("feeds/", include("apps.feeds.urls")),
    path("f/", include("apps.feeds.custom_urls")),
    path("", include("apps.profiles.urls")),
    path("", include("apps.media.urls")),
    path("", include("apps.registration.urls")),
    path("", include((community_pages, community_urls.app_name))),
    path("", include((tag_pages, "tags"))),
    path("", include("apps.posts.urls")),
    path("", include("apps.drafts.urls")),
    path("", include("apps.polls.urls")),
    path("", include("apps.revisions.urls")),
    path("", include("apps.comments.urls")),
    path("", include("apps.messaging.urls")),
    path("", include("apps.moderation.urls")),
    path("", include("apps.search.urls")),
    path("", include("apps.notifications.urls")),
    path("", include("apps.privacy.urls")),
    path("", include("apps.api.urls")),
    path("api/v1/", include(("config.api_urls", "api-v1"))),
]

# /api/ paths answer errors raised outside the API's views (an unknown URL, a
# crash in a middleware) in the API's JSON envelope; other paths get the pages.
handler400 = "apps.api.errors.handler400"
handler404 = "apps.api.errors.handler404"
handler500 = "apps.api.errors.handler500"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
