from django import template

from apps.posts.models import Post

from .. import selectors

register = template.Library()


def poll_context(poll, *, user, post: Post, error: str = "", next_url: str = "") -> dict:
    """What templates/polls/_poll.html draws: the results once the viewer
    voted or the poll closed, else the vote form (for members) or the options
    with a link to log in (visitors: their pages carry no CSRF token)."""
    options = list(poll.options.all())
    voted = poll.viewer_choices is not None
    return {
        "poll": poll,
        "post": post,
        "options": [
            {
                "option": option,
                "percent": option.percent_of(poll.voter_count),
                "chosen": voted and option.pk in poll.viewer_choices,
            }
            for option in options
        ],
        "voted": voted,
        "show_results": voted or poll.is_closed,
        "user": user,
        "error": error,
        "next": next_url,
    }


@register.inclusion_tag("polls/_poll.html", takes_context=True)
def poll_block(context, post: Post) -> dict:
    """`{% load polls %}{% poll_block post %}`: the post's poll, or nothing.
    At most 3 queries (apps.polls.selectors.poll_for_post); none for a post
    loaded by apps.posts.selectors without a poll (`has_poll`), else 1."""
    user = context.get("user")
    # Posts from apps.posts.selectors carry `has_poll` (apps.polls.apps): no query without one.
    wanted = post.is_visible and user is not None and getattr(post, "has_poll", True)
    poll = selectors.poll_for_post(post, user) if wanted else None
    if poll is None:
        return {"poll": None}
    request = context.get("request")
    context_data = poll_context(poll, user=user, post=post)
    context_data["request"] = request
    context_data["csrf_token"] = context.get("csrf_token")
    return context_data
