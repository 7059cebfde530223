from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def shown_title(post, user) -> str:
    """A post's title as the viewer may see it: `{{ post|shown_title:user }}`.
    Deleted posts lose theirs; removed ones keep it for their author only."""
    if post.is_deleted:
        return _("[deleted]")
    if post.is_removed and post.author_id != getattr(user, "pk", None):
        return _("[removed]")
    return post.title
