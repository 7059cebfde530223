"""Who may read the edit history of a post or a comment. One rule, written
once, in the shape of apps.posts.policies: `history_refusal(viewer, target)`
returns (code, translated sentence) or None.

The history follows the content's own visibility: a post in a private
community is read by its members (and staff) only. Once the content is
removed by moderators or deleted by its author, its earlier versions are
for the community's moderators and staff only: the page no longer shows
that text to anyone else, and neither does its history.
"""

from django.utils.translation import gettext as _

from apps.accounts.types import Actor
from apps.comments.models import Comment
from apps.communities import policies as community_policies
from apps.communities.models import Community
from apps.posts.models import Post
from apps.posts.policies import Refusal

# Codes that mean "as if it did not exist": views answer 404.
NOT_FOUND_REFUSALS = frozenset({"cannot_read"})


def moderates_history(viewer: Actor, community: Community) -> bool:
    """Staff, or an owner or moderator of `community` (up to 1 query)."""
    if not (viewer.is_authenticated and viewer.is_active):
        return False
    return viewer.is_staff or community_policies.is_moderator(viewer, community)


def history_refusal(
    viewer: Actor, target: Post | Comment, *, moderator: bool | None = None
) -> Refusal | None:
    """Why `viewer` may not read the versions of `target` (a post with its
    community loaded, or a comment with its post and community), or None.
    Up to 2 queries; none for shown content of a public community, and
    none more when the caller knows `moderator` (moderates_history)."""
    post = target.post if isinstance(target, Comment) else target
    community = post.community
    if not community_policies.can_read(viewer, community):
        return "cannot_read", _("You cannot see this post.")
    if target.is_visible:
        return None
    if moderator is None:
        moderator = moderates_history(viewer, community)
    if moderator:
        return None
    if isinstance(target, Comment):
        return "hidden", _(
            "This comment was deleted or removed: its history is for the community's moderators."
        )
    return "hidden", _(
        "This post was deleted or removed: its history is for the community's moderators."
    )


def can_read_history(viewer: Actor, target: Post | Comment) -> bool:
    return history_refusal(viewer, target) is None
