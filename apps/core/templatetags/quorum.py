from django import template

from apps.core.html import COMMENT_TAGS, POST_TAGS, render_user_html

register = template.Library()


@register.filter
def user_html(value: str):
    """Render a post body: `{{ post.body_html|user_html }}`."""
    return render_user_html(value, tags=POST_TAGS)


@register.filter
def user_comment_html(value: str):
    """Render a comment body: `{{ comment.body_html|user_comment_html }}`."""
    return render_user_html(value, tags=COMMENT_TAGS)
