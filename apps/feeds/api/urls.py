from django.urls import path

from . import views

urlpatterns = [
    path("feeds/", views.CustomFeedList.as_view(), name="feed-list"),
    path("feeds/<int:feed_id>/", views.CustomFeedDetail.as_view(), name="feed-detail"),
    path(
        "feeds/<int:feed_id>/share-link/",
        views.CustomFeedShareReset.as_view(),
        name="feed-share-reset",
    ),
    path("feeds/<int:feed_id>/posts/", views.CustomFeedPosts.as_view(), name="feed-posts"),
]
