from django.urls import path

from . import views

urlpatterns = [
    path("posts/<int:post_id>/revisions/", views.PostRevisions.as_view(), name="post-revisions"),
    path(
        "posts/<int:post_id>/comments/<int:comment_id>/revisions/",
        views.CommentRevisions.as_view(),
        name="comment-revisions",
    ),
]
