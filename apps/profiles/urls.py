from django.urls import path

from . import views

app_name = "profiles"

urlpatterns = [
    path("u/<str:username>/", views.profile_detail, name="detail"),
    path("u/<str:username>/followers/", views.followers, name="followers"),
    path("u/<str:username>/following/", views.following, name="following"),
    path("u/<str:username>/follow/", views.follow, name="follow"),
    path("u/<str:username>/unfollow/", views.unfollow, name="unfollow"),
    path("u/<str:username>/block/", views.block, name="block"),
    path("u/<str:username>/unblock/", views.unblock, name="unblock"),
    path("settings/", views.settings_view, name="settings"),
]
