"""Writes of link previews.

A post's link gets a `LinkPreview` row (pending) when the post is created or
its link changes (`link_preview_request`, called by the receivers of the
posts' events); a task (`apps.previews.tasks.fetch_link_preview`) fetches
the page through apps.core.safe_fetch, outside any transaction, and
`link_preview_record` stores what it read in a short one. Whatever happens
there, the post is already saved: a preview never blocks posting, and a
failure is a `failed` row with its reason, shown to staff only.
"""

import logging
import threading

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.core import safe_fetch
from apps.core.events import send_after_commit
from apps.core.refusals import raise_refusal
from apps.media.models import Image
from apps.media.services import image_from_bytes, images_mark_attached
from apps.posts import services as post_services
from apps.posts.models import Post

from . import events, policies
from .models import ERROR_MAX_LENGTH, LinkPreview, Status
from .parsing import PageMeta, decode, parse_page

logger = logging.getLogger(__name__)

PAGE_TYPES = ("text/html",)
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
PAGE_MAX_BYTES = 1_000_000
FETCH_TIMEOUT = 5.0


def user_agent() -> str:
    return f"QuorumPreview/1.0 (+https://{settings.SITE_DOMAIN}/)"


def _fetch(url: str, **options) -> safe_fetch.FetchResult:
    return safe_fetch.fetch(
        url,
        timeout=FETCH_TIMEOUT,
        allowed_hosts=settings.QUORUM_PREVIEW_ALLOWED_HOSTS,
        user_agent=user_agent(),
        **options,
    )


def _enqueue(post_id: int) -> None:
    from .tasks import fetch_link_preview

    if settings.QUORUM_LINK_PREVIEWS_IN_THREAD:
        transaction.on_commit(lambda: _fetch_in_thread(post_id))
    else:
        transaction.on_commit(lambda: fetch_link_preview.enqueue(post_id=post_id))


def _fetch_in_thread(post_id: int) -> None:
    """`make run` has no task worker (the immediate backend runs a task
    inside the request): a fetch of up to twice the fetch timeout must not
    hold up the member's post, so there the task runs on a thread of its own
    (its own database connection, closed at the end)."""
    from .tasks import fetch_link_preview

    def run() -> None:
        try:
            fetch_link_preview.call(post_id=post_id)
        finally:
            connections.close_all()

    threading.Thread(target=run, name=f"link-preview-{post_id}", daemon=True).start()


def _changed(preview: LinkPreview) -> None:
    send_after_commit(
        events.link_preview_changed,
        LinkPreview,
        preview=preview,
        community_id=preview.post.community_id,
    )


@transaction.atomic
def link_preview_request(*, post: Post) -> LinkPreview | None:
    """Make `post`'s preview follow its link: none without a link (or on a
    deleted post); a pending preview, fetched by a task after commit, for a
    link not previewed yet. The same link again changes nothing: a link is
    fetched once. Returns the preview, or None."""
    preview = LinkPreview.objects.select_for_update().filter(post=post).first()
    if preview is not None:
        preview.post = post
    if not post.link or post.is_deleted:
        if preview is not None:
            link_preview_delete(preview=preview)
        return None
    if preview is not None and preview.url == post.link:
        return preview
    if not settings.QUORUM_LINK_PREVIEWS:
        if preview is not None:  # a preview of the old link would mislead
            link_preview_delete(preview=preview)
        return None
    if preview is None:
        preview = LinkPreview.objects.create(post=post, url=post.link)
    else:
        _reset(preview, post.link)
    _enqueue(post.pk)
    return preview


def _drop_thumbnail(preview: LinkPreview) -> None:
    """The post loses the thumbnail its old link's preview gave it."""
    if preview.image_id is not None and preview.post.thumbnail_id == preview.image_id:
        post_services.post_thumbnail_set(post=preview.post, image=None)


def _reset(preview: LinkPreview, url: str) -> None:
    _drop_thumbnail(preview)
    preview.url = url
    preview.title = preview.description = preview.site_name = preview.error = ""
    preview.image = None
    preview.status = Status.PENDING
    preview.fetched_at = None
    preview.save()


@transaction.atomic
def link_preview_delete(*, preview: LinkPreview) -> None:
    """Drop a preview (its post lost its link or was deleted), and the
    post's thumbnail when the preview gave it."""
    _drop_thumbnail(preview)
    preview.delete()
    _changed(preview)


@transaction.atomic
def link_preview_refetch(*, actor: User, preview: LinkPreview) -> LinkPreview | None:
    """Staff fetch a preview again (the admin's action): back to pending
    with the post's current link, fetched by a task after commit."""
    raise_refusal(policies.refetch_refusal(actor))
    locked = LinkPreview.objects.select_for_update().select_related("post").get(pk=preview.pk)
    post = locked.post
    if not post.link or post.is_deleted:
        link_preview_delete(preview=locked)
        return None
    _reset(locked, post.link)
    _enqueue(post.pk)
    return locked


def link_preview_fetch(*, post_id: int) -> LinkPreview | None:
    """Fetch the page of `post_id`'s pending preview and store what it says
    (the task's body). The network is used outside any transaction; a
    preview whose link changed meanwhile is left to the newer fetch.
    Raises nothing the fetch can cause: a refused or failed fetch is
    recorded as `failed` with its reason."""
    preview = LinkPreview.objects.select_related("post").filter(post_id=post_id).first()
    if preview is None or preview.url != preview.post.link:
        return preview
    url = preview.url
    try:
        page = _fetch(url, accept=PAGE_TYPES, max_bytes=PAGE_MAX_BYTES, truncate=True)
    except safe_fetch.FetchError as error:
        logger.info("link preview of post %s: %s", post_id, error)
        return link_preview_record(post_id=post_id, url=url, meta=None, error=_reason(error))
    meta = parse_page(decode(page.body, page.charset), page.url)
    image, image_error = _image(meta.image_url) if meta.image_url else (None, "")
    return link_preview_record(post_id=post_id, url=url, meta=meta, image=image, error=image_error)


def _reason(error: safe_fetch.FetchError) -> str:
    text = f"{error.reason}: {error.detail}" if error.detail else error.reason
    return text[:ERROR_MAX_LENGTH]


def _image(url: str) -> tuple[Image | None, str]:
    """The page's image, fetched under the same rules and stored through
    apps.media (re-encoded, never the bytes as sent); (None, why) when it
    cannot be had: the preview keeps its text."""
    try:
        fetched = _fetch(
            url, accept=IMAGE_TYPES, max_bytes=settings.QUORUM_IMAGE_MAX_BYTES, truncate=False
        )
    except safe_fetch.FetchError as error:
        return None, f"image {_reason(error)}"[:ERROR_MAX_LENGTH]
    try:
        return image_from_bytes(data=fetched.body, uploader=None), ""
    except Exception as error:  # a bad or hostile image: no picture, the text stays
        logger.info("link preview image %s refused: %r", url, error)
        return None, f"image refused: {type(error).__name__}"[:ERROR_MAX_LENGTH]


@transaction.atomic
def link_preview_record(
    *,
    post_id: int,
    url: str,
    meta: PageMeta | None,
    image: Image | None = None,
    error: str = "",
) -> LinkPreview | None:
    """Store a fetch's outcome on the preview of `post_id`, if it still
    previews `url`: `meta` None is a failed fetch. The image is kept for
    good and becomes the post's thumbnail when it has none."""
    preview = (
        LinkPreview.objects.select_for_update()
        .select_related("post")
        .filter(post_id=post_id, url=url)
        .first()
    )
    if preview is None or preview.post.link != url:
        return preview
    preview.fetched_at = timezone.now()
    preview.error = error[:ERROR_MAX_LENGTH]
    if meta is None:
        preview.status = Status.FAILED
    else:
        preview.status = Status.OK
        preview.title = meta.title
        preview.description = meta.description
        preview.site_name = meta.site_name
        preview.image = image
    preview.save()
    if image is not None:
        images_mark_attached(images=[image])
        # Read under lock: an edit that adds an image to the body wins.
        thumbnail_id = (
            Post.objects.select_for_update()
            .filter(pk=post_id)
            .values_list("thumbnail_id", flat=True)
            .first()
        )
        if thumbnail_id is None:
            post_services.post_thumbnail_set(post=preview.post, image=image)
    _changed(preview)
    return preview


def link_preview_fail_quietly(*, post_id: int, error: str) -> None:
    """The task's last resort after an unexpected error: mark the pending
    preview failed, and never raise."""
    try:
        with transaction.atomic():
            LinkPreview.objects.filter(post_id=post_id, status=Status.PENDING).update(
                status=Status.FAILED, error=error[:ERROR_MAX_LENGTH], fetched_at=timezone.now()
            )
    except Exception:
        logger.exception("link preview of post %s: could not record the failure", post_id)
