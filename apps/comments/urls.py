from django.urls import path

from . import views

app_name = "comments"

# The post page and the permalink carry the post's slug (a wrong one redirects
# to the canonical address). Actions on a comment use two or more segments
# after the post id ("comment/<id>/…"), so they never collide with the post
# page's single `<post_slug>/` segment, whatever the slug.
post = "c/<slug:community_slug>/p/<int:post_id>/"
comment = post + "comment/<int:comment_id>/"

urlpatterns = [
    path(post + "<str:post_slug>/", views.post_detail, name="post_detail"),
    path(
        post + "<str:post_slug>/comment/<int:comment_id>/",
        views.permalink,
        name="permalink",
    ),
    path(post + "comment/new/", views.comment_create, name="create"),
    path(post + "comments/more/", views.comment_more, name="more"),
    path(comment, views.comment_detail, name="detail"),
    path(comment + "reply/", views.comment_reply, name="reply"),
    path(comment + "edit/", views.comment_edit, name="edit"),
    path(comment + "delete/", views.comment_delete, name="delete"),
    path(comment + "vote/", views.comment_vote, name="vote"),
    path(comment + "save/", views.comment_save, name="save"),
    path("saved/", views.saved, name="saved"),
    path("u/<str:username>/comments/", views.by_member, name="by_member"),
]
