from django.urls import path

from apps.posts import views as post_views

from . import views

app_name = "communities"

urlpatterns = [
    path("communities/", views.directory, name="directory"),
    path("communities/new/", views.community_create, name="create"),
    # A community's page is its post feed. The view lists posts, so it lives
    # in apps.posts; it is routed here to keep the stable name
    # "communities:detail" (Community.get_absolute_url). URL modules are the
    # wiring between apps, the one place such an import is expected.
    path("c/<slug:slug>/", post_views.community_feed, name="detail"),
    path("c/<slug:slug>/about/", views.about, name="about"),
    path("c/<slug:slug>/join/", views.join, name="join"),
    path("c/<slug:slug>/leave/", views.leave, name="leave"),
]
