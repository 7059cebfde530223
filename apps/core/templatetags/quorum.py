from django import template

from apps.core.html import COMMENT_TAGS, POST_TAGS, html_to_text, render_user_html
from apps.core.humanize import naturaltime

register = template.Library()


@register.filter
def user_html(value: str):
    """Render a post body: `{{ post.body_html|user_html }}`."""
    return render_user_html(value, tags=POST_TAGS)


@register.filter
def user_comment_html(value: str):
    """Render a comment body: `{{ comment.body_html|user_comment_html }}`."""
    return render_user_html(value, tags=COMMENT_TAGS)


@register.filter(expects_localtime=False)
def ago(value) -> str:
    """`{{ comment.created|ago }}`: humanize's `naturaltime` ("3 hours ago"), the same
    words, from memoized sentences (apps.core.humanize): for what a page draws many times."""
    return naturaltime(value)


@register.filter
def plain_text(value: str) -> str:
    """The text of stored user HTML, for a summary: `{{ community.description|plain_text }}`
    (escaped by the template like any string)."""
    return html_to_text(value)
