from django import template

from apps.posts import policies

register = template.Library()


@register.filter
def authored_by(post, user) -> bool:
    """`{% if post|authored_by:user %}`: the signed-in viewer wrote the post
    (False for visitors and for posts whose author deleted their account)."""
    return policies.is_author(user, post)
