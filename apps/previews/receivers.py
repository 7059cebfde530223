"""The posts' events that start, restart or drop a link preview.

Receivers run after the post's write committed (apps.core.events): a new
post with a link or a changed link asks for a fetch (a task, enqueued after
commit); an edit that kept the link changes nothing; a post that lost its
link or was deleted loses its preview. With QUORUM_LINK_PREVIEWS off they do
nothing (not even a query). A failure here is logged and never undoes the
post.
"""

from django.conf import settings

from apps.posts import events as post_events
from apps.posts.models import Post

from . import services


def on_post_created(sender, *, post: Post, **kwargs) -> None:
    if settings.QUORUM_LINK_PREVIEWS and post.link:
        services.link_preview_request(post=post)


def on_post_changed(sender, *, post: Post, **kwargs) -> None:
    """An edit (a new link, or none) or a deletion (the link is gone)."""
    if settings.QUORUM_LINK_PREVIEWS:
        services.link_preview_request(post=post)


def connect() -> None:
    post_events.post_created.connect(on_post_created, dispatch_uid="previews:post_created")
    post_events.post_updated.connect(on_post_changed, dispatch_uid="previews:post_updated")
    post_events.post_deleted.connect(on_post_changed, dispatch_uid="previews:post_deleted")
