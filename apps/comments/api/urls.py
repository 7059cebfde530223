from django.urls import path

from . import views

comment = "posts/<int:post_id>/comments/<int:comment_id>/"

urlpatterns = [
    path("posts/<int:post_id>/comments/", views.Thread.as_view(), name="comment-list"),
    path(comment, views.CommentDetail.as_view(), name="comment-detail"),
    path(comment + "vote/", views.CommentVote.as_view(), name="comment-vote"),
    path(
        "profiles/<str:username>/comments/",
        views.MemberComments.as_view(),
        name="profile-comments",
    ),
]
