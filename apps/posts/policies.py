"""Who may do what with a post. One named rule each.

They take the post with its community loaded (select_related) and cost at
most the queries of apps.communities.policies they call.
"""

from django.contrib.auth.models import AnonymousUser

from apps.accounts.models import User
from apps.communities import policies as community_policies
from apps.communities.models import Community

from .models import Post

Actor = User | AnonymousUser


def can_submit(user: Actor, community: Community) -> bool:
    """Post in a community: the community's contribute rule (2 queries)."""
    return community_policies.can_contribute(user, community)


def is_author(user: Actor, post: Post) -> bool:
    return bool(user.is_authenticated and post.author_id is not None and post.author_id == user.pk)


def can_edit_post(user: Actor, post: Post) -> bool:
    """The author, while the post stands and they may still contribute there."""
    if not is_author(user, post) or post.is_deleted or post.is_removed:
        return False
    return community_policies.can_contribute(user, post.community)


def can_delete_post(user: Actor, post: Post) -> bool:
    """The author, always (even banned: taking one's words back is a right)."""
    return is_author(user, post) and not post.is_deleted


def can_vote(user: Actor, post: Post) -> bool:
    """A member who may contribute to the post's community, on a post that is
    neither deleted nor removed (2 queries)."""
    if post.is_deleted or post.is_removed:
        return False
    return community_policies.can_contribute(user, post.community)
