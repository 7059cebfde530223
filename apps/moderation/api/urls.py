from django.urls import path

from . import views

post = "posts/<int:post_id>/"
comment = post + "comments/<int:comment_id>/"

urlpatterns = [
    path(post + "remove/", views.PostRemove.as_view(), name="moderation-post-remove"),
    path(post + "restore/", views.PostRestore.as_view(), name="moderation-post-restore"),
    path(post + "lock/", views.PostLock.as_view(), name="moderation-post-lock"),
    path(post + "unlock/", views.PostUnlock.as_view(), name="moderation-post-unlock"),
    path(post + "pin/", views.PostPin.as_view(), name="moderation-post-pin"),
    path(post + "unpin/", views.PostUnpin.as_view(), name="moderation-post-unpin"),
    path(comment + "remove/", views.CommentRemove.as_view(), name="moderation-comment-remove"),
    path(comment + "restore/", views.CommentRestore.as_view(), name="moderation-comment-restore"),
    path("communities/<slug:slug>/ban/", views.Ban.as_view(), name="moderation-ban"),
    path("communities/<slug:slug>/unban/", views.Unban.as_view(), name="moderation-unban"),
]
