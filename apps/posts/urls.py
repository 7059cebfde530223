from django.urls import path

from . import views

app_name = "posts"

# The post page, /c/<slug>/p/<id>/<post-slug>/, is "comments:post_detail".
# These patterns are matched before apps.comments' (config/urls.py order),
# and the post-slug segment is <str:> because slugs may hold any script.
urlpatterns = [
    path("all/", views.all_posts, name="all"),
    path("c/<slug:slug>/submit/", views.submit, name="submit"),
    path("c/<slug:slug>/p/<int:post_id>/vote/", views.vote, name="vote"),
    path("c/<slug:slug>/p/<int:post_id>/save/", views.save, name="save"),
    path("c/<slug:slug>/mute/", views.mute, name="mute"),
    path("c/<slug:slug>/unmute/", views.unmute, name="unmute"),
    path("settings/feeds/", views.feed_settings, name="feed_settings"),
    path(
        "settings/feeds/filters/<int:filter_id>/delete/",
        views.filter_delete,
        name="filter_delete",
    ),
    path("c/<slug:slug>/p/<int:post_id>/<str:post_slug>/edit/", views.edit, name="edit"),
    path("c/<slug:slug>/p/<int:post_id>/<str:post_slug>/delete/", views.delete, name="delete"),
    path("u/<str:username>/posts/", views.member_posts, name="by_member"),
]
