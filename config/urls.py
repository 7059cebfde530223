from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog

from apps.core import views as core_views
from apps.posts import views as post_views
from apps.profiles import views as profile_views

admin.site.site_header = _("Quorum administration")
admin.site.site_title = _("Quorum admin")
admin.site.index_title = _("Moderation and site management")
admin.site.site_url = "/"

urlpatterns = [
    path("", post_views.home, name="home"),
    path("health/", core_views.health, name="health"),
    path("i18n/setlang/", profile_views.set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("translate/", include("rosetta.urls")),
    path("tinymce/", include("tinymce.urls")),
    path("", include("apps.profiles.urls")),
    path("", include("apps.communities.urls")),
    path("", include("apps.tags.urls")),
    path("", include("apps.posts.urls")),
    path("", include("apps.comments.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
