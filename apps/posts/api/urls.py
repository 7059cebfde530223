from django.urls import path

from . import views

urlpatterns = [
    path("posts/", views.PostList.as_view(), name="post-list"),
    path("posts/<int:post_id>/", views.PostDetail.as_view(), name="post-detail"),
    path("posts/<int:post_id>/vote/", views.PostVote.as_view(), name="post-vote"),
]
