"""Who may do what in a community. One named rule each; services call them
and views only use them to decide what to show.

Each rule that needs the database costs at most one query; callers that
check many rows at once use the QuerySet methods in models.py instead.
"""

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


def can_contribute(user: Actor, community: Community) -> bool:
    """Post, comment and vote: an active member who is not banned here; in a
    restricted community only approved members; in a private one, members."""
    if not (user.is_authenticated and user.is_active):
        return False
    if is_banned(user, community):
        return False
    if community.visibility == Visibility.PUBLIC:
        return True
    membership = membership_of(user, community)
    if membership is None:
        return False
    if community.visibility == Visibility.RESTRICTED:
        return membership.is_approved or membership.is_moderator
    return True
