from django.urls import path

from . import views

urlpatterns = [
    path("posts/", views.PostList.as_view(), name="post-list"),
    path("posts/<int:post_id>/", views.PostDetail.as_view(), name="post-detail"),
    path("posts/<int:post_id>/vote/", views.PostVote.as_view(), name="post-vote"),
    path("posts/<int:post_id>/save/", views.PostSave.as_view(), name="post-save"),
    path("posts/<int:post_id>/unsave/", views.PostUnsave.as_view(), name="post-unsave"),
    path("communities/<slug:slug>/mute/", views.CommunityMute.as_view(), name="community-mute"),
    path(
        "communities/<slug:slug>/unmute/",
        views.CommunityUnmute.as_view(),
        name="community-unmute",
    ),
    path("me/mutes/", views.Mutes.as_view(), name="me-mutes"),
    path("me/filters/", views.KeywordFilters.as_view(), name="me-filters"),
    path(
        "me/filters/<int:filter_id>/",
        views.KeywordFilterDetail.as_view(),
        name="me-filter-detail",
    ),
]
