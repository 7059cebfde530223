"""Addresses of the post page, permalinks and comment actions, in one place
for views, selectors and templates (a thread page builds two per comment)."""

from django.urls import reverse

from apps.posts.models import Post

from .models import Comment


def _post_args(post: Post) -> list:
    return [post.community.slug, post.pk]


def post_url(post: Post) -> str:
    return reverse("comments:post_detail", args=[*_post_args(post), post.slug or "-"])


def permalink_url(post: Post, comment: Comment | int) -> str:
    comment_id = comment if isinstance(comment, int) else comment.pk
    return reverse("comments:permalink", args=[*_post_args(post), post.slug or "-", comment_id])


def comment_url(name: str, post: Post, comment: Comment) -> str:
    """`comments:<name>` of a comment: detail, reply, edit, delete, vote."""
    return reverse(f"comments:{name}", args=[*_post_args(post), comment.pk])


def create_url(post: Post) -> str:
    return reverse("comments:create", args=_post_args(post))
