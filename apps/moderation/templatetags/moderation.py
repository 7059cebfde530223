from dataclasses import dataclass

from django import template
from django.urls import reverse

from apps.moderation import policies

register = template.Library()


@dataclass(frozen=True)
class Role:
    """What the viewer may do as a moderator in one community, for the
    partials that draw report links and moderator controls."""

    moderates: bool
    staff: bool
    # Address prefixes ("/report/comment/"): a thread draws one link per
    # comment, and reversing once per page instead of once per comment keeps
    # the comment partial lean.
    report_comment: str
    comment_action: str


def _prefix(name: str, *extra) -> str:
    """ "/mod/comments/" of "/mod/comments/0/remove/": the part before the id."""
    url = reverse(name, args=[0, *extra])
    return url[: url.index("/0/") + 1]


@register.simple_tag(takes_context=True)
def moderation_role(context, community) -> Role:
    """`{% moderation_role community as mod %}`: mod.moderates (a moderator
    here or a staff moderator), mod.staff (a staff moderator). Computed once
    per request and community: 0 queries for visitors, 1 for members (is
    this a moderator?), plus 2 for staff (their permissions)."""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    cache = getattr(request, "_moderation_roles", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._moderation_roles = cache
    key = getattr(community, "pk", None)
    if key not in cache:
        member = user if user is not None and user.is_authenticated else None
        cache[key] = Role(
            moderates=member is not None and policies.moderates(member, community),
            staff=member is not None and policies.is_staff_moderator(member),
            report_comment=_prefix("moderation:report_comment"),
            comment_action=_prefix("moderation:comment_action", "remove"),
        )
    return cache[key]
