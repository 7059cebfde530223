"""Who may do what in a community. One named rule each; services call them
and views only use them to decide what to show.

Each rule that needs the database costs at most one query (can_contribute:
two); callers that check many rows at once use the QuerySet methods in
models.py instead, and a page that needs several answers about one
community gets them from selectors.community_standing in two queries.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser

from apps.accounts.models import User

from .models import Ban, Community, Membership, Visibility

Actor = User | AnonymousUser


def membership_of(user: Actor, community: Community) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(community=community, user=user).first()


def is_banned(user: Actor, community: Community) -> bool:
    if not user.is_authenticated:
        return False
    return Ban.objects.active().filter(community=community, user=user).exists()


def is_moderator(user: Actor, community: Community) -> bool:
    """Owner or appointed moderator of this community (staff are not, here:
    staff moderate through their own rules)."""
    if not user.is_authenticated:
        return False
    if community.owner_id == user.pk:
        return True
    return Membership.objects.filter(community=community, user=user, is_moderator=True).exists()


def can_read(user: Actor, community: Community) -> bool:
    if community.visibility != Visibility.PRIVATE:
        return True
    if not user.is_authenticated:
        return False
    return user.is_staff or membership_of(user, community) is not None


def contribute_rule(
    user: Actor, community: Community, *, membership: Membership | None, banned: bool
) -> bool:
    """can_contribute once the membership and the ban are known (no query)."""
    if not (user.is_authenticated and user.is_active) or banned:
        return False
    if community.visibility == Visibility.PUBLIC:
        return True
    if membership is None:
        return False
    if community.visibility == Visibility.RESTRICTED:
        return membership.is_approved or membership.is_moderator
    return True


def can_contribute(user: Actor, community: Community) -> bool:
    """Post, comment and vote: an active member who is not banned here; in a
    restricted community only approved members; in a private one, members."""
    if not (user.is_authenticated and user.is_active):
        return False
    if is_banned(user, community):
        return False
    if community.visibility == Visibility.PUBLIC:
        return True
    return contribute_rule(user, community, membership=membership_of(user, community), banned=False)


def can_create_community(user: Actor) -> bool:
    """Active members with a verified email address (1 query)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def can_join(user: Actor, community: Community) -> bool:
    """Anyone active may join a public or restricted community they are not
    banned from; a private one only admits members its moderators add."""
    if not (user.is_authenticated and user.is_active):
        return False
    if community.visibility == Visibility.PRIVATE:
        return False
    return not is_banned(user, community)


def can_leave(user: Actor, community: Community) -> bool:
    """Everyone but the owner, who would leave the community without one."""
    return bool(user.is_authenticated and community.owner_id != user.pk)


def can_manage_moderators(user: Actor, community: Community) -> bool:
    """Only the owner appoints and removes moderators."""
    return bool(user.is_authenticated and user.is_active and community.owner_id == user.pk)


def can_ban(user: Actor, community: Community) -> bool:
    """The community's moderators, and staff (site moderators)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_staff or is_moderator(user, community)


def can_add_members(user: Actor, community: Community) -> bool:
    """Moderators (and staff) add members by hand, e.g. to a private community."""
    return can_ban(user, community)
