from django import template

from apps.posts import policies

register = template.Library()


@register.filter
def authored_by(post, user) -> bool:
    """`{% if post|authored_by:user %}`: the signed-in viewer wrote the post
    (False for visitors and for posts whose author deleted their account)."""
    return policies.is_author(user, post)


@register.filter
def post_body_html(post):
    """`{{ post|post_body_html }}`: the sanitized body, fragment-cached by
    post id, edit time and length (apps.core.html.render_user_html_cached),
    its images made responsive (srcset from the stored variants, 1 query
    when the body shows images: apps.media.rendering)."""
    from apps.core.html import render_user_html_cached
    from apps.media.rendering import responsive_images

    stamp = post.edited_at or post.created
    key = f"fragment:post-body:{post.pk}:{stamp.timestamp():.6f}:{len(post.body_html or '')}"
    return responsive_images(render_user_html_cached(post.body_html, key=key))
