from django.urls import path

from . import views

urlpatterns = [
    path("me/", views.Me.as_view(), name="me"),
    path("me/blocks/", views.Blocks.as_view(), name="me-blocks"),
    path("profiles/<str:username>/block/", views.Block.as_view(), name="profile-block"),
    path("profiles/<str:username>/unblock/", views.Unblock.as_view(), name="profile-unblock"),
    path("profiles/<str:username>/", views.ProfileDetail.as_view(), name="profile-detail"),
    path("profiles/<str:username>/follow/", views.Follow.as_view(), name="profile-follow"),
    path("profiles/<str:username>/unfollow/", views.Unfollow.as_view(), name="profile-unfollow"),
    path("profiles/<str:username>/followers/", views.Followers.as_view(), name="profile-followers"),
    path("profiles/<str:username>/following/", views.Following.as_view(), name="profile-following"),
]
