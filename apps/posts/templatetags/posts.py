from django import template
from django.utils.safestring import SafeString

from apps.posts import policies
from apps.posts.rows import (
    FeedRow,
    PostControls,
    feed_row_html,
    page_rows,
    post_hit_html,
    save_html,
    vote_html,
)

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


# --- feed rows and a post's controls: written in Python (apps/posts/rows.py) ---------------


@register.simple_tag(takes_context=True)
def feed_row(context, post, hide_community=None) -> SafeString:
    """`{% feed_row post %}`: the post's feed row (apps.posts.rows.feed_row_html);
    the community link is left out where the context (or the argument) says
    `hide_community`."""
    if hide_community is None:
        hide_community = bool(context.get("hide_community"))
    row = FeedRow(context, post, page_rows(context))
    return feed_row_html(row, post, hide_community=hide_community)


@register.simple_tag(takes_context=True)
def vote_control(context, post) -> SafeString:
    """`{% vote_control post %}`: the post's vote control, with the context's
    `error` (a refused vote) and `vote_disabled`, `next` as the page sets them."""
    return vote_html(PostControls(context, post, page_rows(context)), context.get("error"))


@register.simple_tag(takes_context=True)
def save_control(context, post) -> SafeString:
    """`{% save_control post %}`: the post's save control, with the context's
    `error` and `next`."""
    return save_html(PostControls(context, post, page_rows(context)), context.get("error"))


@register.simple_tag(takes_context=True)
def post_hit(context, post, title) -> SafeString:
    """`{% post_hit post hit.title %}`: a post's heading and meta line in search
    results (apps.posts.rows.post_hit_html)."""
    return post_hit_html(context, post, title)
