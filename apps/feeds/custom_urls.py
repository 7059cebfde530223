"""/f/...: the members' custom feeds (see custom_views). Mounted in
config/urls.py. `s`, `add` and `new` are never a feed's address
(services.RESERVED_SLUGS), so the shared and "add" routes cannot hide one."""

from django.urls import path

from . import custom_views as views

app_name = "custom_feeds"

urlpatterns = [
    path("", views.feed_list, name="list"),
    path("s/<str:token>/", views.feed_shared, name="shared"),
    path("add/<slug:community_slug>/", views.add_community, name="add_community"),
    path("<slug:slug>/", views.feed_detail, name="detail"),
    path("<slug:slug>/edit/", views.feed_edit, name="edit"),
    path("<slug:slug>/share/", views.feed_share_reset, name="share_reset"),
    path("<slug:slug>/delete/", views.feed_delete, name="delete"),
    path(
        "<slug:slug>/remove/<slug:community_slug>/",
        views.feed_remove_community,
        name="remove_community",
    ),
]
