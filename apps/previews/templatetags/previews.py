from django import template

from apps.posts.models import Post
from apps.previews.models import LinkPreview, Status

register = template.Library()


@register.inclusion_tag("previews/_card.html")
def link_preview(post: Post) -> dict:
    """`{% link_preview post %}`: the card of the post's link (image, title,
    description, domain), or nothing. One query (the preview and its image),
    none for a post without a link."""
    preview = None
    if post.link:
        preview = (
            LinkPreview.objects.select_related("image")
            .filter(post_id=post.pk, url=post.link, status=Status.OK)
            .first()
        )
    if preview is not None and not preview.has_content:
        preview = None
    return {"preview": preview}
