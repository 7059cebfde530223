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


def more_url(post: Post) -> str:
    """The next batch of the post page's top-level comments (htmx)."""
    return reverse("comments:more", args=_post_args(post))


class ThreadLinks:
    """The addresses a thread draws for each comment, built from prefixes
    reversed once per page: a comment's permalink and actions address are
    the page's with its id put in, and an author's profile address is
    reversed once per author. Same strings as the functions above."""

    def __init__(self, post: Post) -> None:
        # Reversed with the id 0, then cut around it: ids are plain digits.
        self._permalink = reverse(
            "comments:permalink", args=[*_post_args(post), post.slug or "-", 0]
        ).rsplit("/0/", 1)
        self._actions = comment_url("detail", post, _ZERO).rsplit("/0/", 1)
        self._profiles: dict[str, str] = {}

    def permalink(self, comment: Comment) -> str:
        return f"{self._permalink[0]}/{comment.pk}/{self._permalink[1]}"

    def actions(self, comment: Comment) -> str:
        return f"{self._actions[0]}/{comment.pk}/{self._actions[1]}"

    def profile(self, username: str) -> str:
        url = self._profiles.get(username)
        if url is None:
            url = self._profiles[username] = reverse("profiles:detail", args=[username])
        return url


_ZERO = Comment(pk=0)
