from django.urls import path

from . import views

app_name = "revisions"

# Beside the post page and the comment actions (apps.comments.urls): the
# post's history has two segments after the post id ("<post-slug>/history/"),
# a comment's is one of the "comment/<id>/…" actions, so neither collides
# with the post page's single `<post_slug>/` segment.
post = "c/<slug:community_slug>/p/<int:post_id>/"

urlpatterns = [
    path(post + "<str:post_slug>/history/", views.post_history, name="post_history"),
    path(post + "comment/<int:comment_id>/history/", views.comment_history, name="comment_history"),
]
