from django.urls import path

from . import views

comment = "posts/<int:post_id>/comments/<int:comment_id>/"

urlpatterns = [
    path("posts/<int:post_id>/comments/", views.Thread.as_view(), name="comment-list"),
    path(comment, views.CommentDetail.as_view(), name="comment-detail"),
    path(comment + "vote/", views.CommentVote.as_view(), name="comment-vote"),
    path(comment + "save/", views.CommentSave.as_view(), name="comment-save"),
    path(comment + "unsave/", views.CommentUnsave.as_view(), name="comment-unsave"),
    path("me/saved/", views.Saved.as_view(), name="me-saved"),
    path(
        "profiles/<str:username>/comments/",
        views.MemberComments.as_view(),
        name="profile-comments",
    ),
]
