from django.urls import path

from . import views

app_name = "communities"

# A community's own page, /c/<slug>/ ("communities:detail"), is its post
# feed: the view lives in apps.posts, which this app may not import, so
# config/urls.py adds that route to this namespace.
urlpatterns = [
    path("communities/", views.directory, name="directory"),
    path("communities/new/", views.community_create, name="create"),
    path("c/<slug:slug>/about/", views.about, name="about"),
    path("c/<slug:slug>/join/", views.join, name="join"),
    path("c/<slug:slug>/leave/", views.leave, name="leave"),
    path("c/<slug:slug>/request/", views.membership_request, name="request"),
    path(
        "c/<slug:slug>/request/cancel/",
        views.membership_request_cancel,
        name="request_cancel",
    ),
]
