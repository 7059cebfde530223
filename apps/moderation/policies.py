"""Who may do which moderation action. One named rule each; the services
call them and raise, views and the admin only use them to decide what to
show. Rules with more than one way to say no return their refusal, as
(code, translated sentence) or None: `report_refusal` (including "you
already reported this"), `ban_refusal`, `suspend_refusal`; the services
raise it, the report page and the admin's forms show the sentence.

Roles, from the community's point of view:
- community moderator: the owner or an appointed moderator
  (apps.communities.policies.is_moderator, 1 query);
- staff moderator: an active staff account with the permission
  "moderation.moderate_everywhere" (the "Moderators" group has it;
  superusers have every permission) — they moderate every community;
- suspending members site-wide needs "moderation.suspend_member" too;
- appointing and removing moderators, and handing the community over, are
  the owner's alone (apps.communities.policies.can_manage_moderators).
Everyone else — visitors, members, authors, banned members, moderators of
another community, staff without the permission — gets False.

Costs: `is_staff_moderator` reads the user's permissions once per user
object (2 queries, cached by Django on the object), and only for staff;
rules about a community add the 1 query of is_moderator when the actor is
not a staff moderator.
"""

from typing import TypeGuard

from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.accounts.types import Actor
from apps.comments.models import Comment
from apps.communities import policies as community_policies
from apps.communities.models import Community
from apps.messaging import policies as messaging_policies
from apps.posts.models import Post

from .models import Report, Suspension, TargetKind, target_kind

# A refusal: (code, translated sentence). The services raise it
# (services.shared.refuse); views and admin forms only show the sentence.
Refusal = tuple[str, str]

MODERATORS_GROUP = "Moderators"
MODERATE_EVERYWHERE = "moderation.moderate_everywhere"
SUSPEND_MEMBER = "moderation.suspend_member"


def _active(user: Actor) -> TypeGuard[User]:
    """A signed-in, active member (a visitor is never one)."""
    return bool(user.is_authenticated and user.is_active)


def is_staff_moderator(user: Actor) -> bool:
    """Staff who moderate every community (the "Moderators" group, superusers)."""
    if not _active(user) or not (user.is_staff or user.is_superuser):
        return False
    return user.is_superuser or user.has_perm(MODERATE_EVERYWHERE)


def moderates(user: Actor, community: Community | None) -> bool:
    """Moderator of `community` or staff moderator. Reports about members
    (community None) are for staff moderators only."""
    if not _active(user):
        return False
    if community is None:
        return is_staff_moderator(user)
    return community_policies.is_moderator(user, community) or is_staff_moderator(user)


def acts_as_staff(user: Actor, community: Community | None) -> bool:
    """Whether an action of `user` in `community` uses staff powers (they are
    not one of its moderators): the public log then names "staff"."""
    if community is None:
        return True
    return not community_policies.is_moderator(user, community)


# --- reports -------------------------------------------------------------------------


# report_refusal codes that are about who asks (403), not what they ask for.
PERMISSION_REFUSALS = frozenset({"login", "cannot_read", "banned"})


def duplicate_report_message() -> str:
    return _("You already reported this. The moderators will look at it.")


def report_refusal(user: Actor, target) -> Refusal | None:
    """Why `user` may not report `target`, as (code, translated sentence), or
    None when they may. Codes "login", "cannot_read" and "banned" are about
    the reporter (403); the others about the target (bad input), the last
    one being "duplicate": one open report per member and target. Costs the
    queries of can_read and is_banned for content (up to 2), plus 1 for the
    duplicate."""
    if not _active(user):
        return "login", _("Log in to report.")
    refusal = _target_refusal(user, target)
    if refusal is not None:
        return refusal
    if Report.objects.open().about(target).filter(reporter=user).exists():
        return "duplicate", duplicate_report_message()
    return None


def _target_refusal(user: User, target) -> Refusal | None:
    kind = target_kind(target)
    if kind == TargetKind.MESSAGE:
        # Its recipient only; the report reaches staff moderators alone.
        return messaging_policies.report_message_refusal(user, target)
    if kind == TargetKind.MEMBER:
        if target.pk == user.pk:
            return "self", _("You cannot report yourself.")
        if not target.is_active:
            return "inactive", _("This account is not active.")
        return None
    post = target if kind == TargetKind.POST else target.post
    if target.author_id == user.pk:
        return "own", _("You cannot report your own post or comment.")
    if target.is_deleted or (kind == TargetKind.COMMENT and post.is_deleted):
        return "deleted", _("This was deleted by its author: there is nothing left to report.")
    if target.is_removed:
        return "removed", _("The moderators already removed this.")
    if not community_policies.can_read(user, post.community):
        return "cannot_read", _("You cannot see this.")
    if community_policies.is_banned(user, post.community):
        return "banned", _("You are banned from this community.")
    return None


def can_view_queue(user: Actor, community: Community) -> bool:
    """The community's report queue: its moderators and staff moderators."""
    return moderates(user, community)


# --- content ---------------------------------------------------------------------------


def can_remove_post(user: Actor, post: Post) -> bool:
    return moderates(user, post.community)


def can_restore_post(user: Actor, post: Post) -> bool:
    return moderates(user, post.community)


def can_lock_post(user: Actor, post: Post) -> bool:
    return moderates(user, post.community)


def can_pin_post(user: Actor, post: Post) -> bool:
    return moderates(user, post.community)


def can_remove_comment(user: Actor, comment: Comment) -> bool:
    return moderates(user, comment.post.community)


def can_restore_comment(user: Actor, comment: Comment) -> bool:
    return moderates(user, comment.post.community)


# --- members -----------------------------------------------------------------------------


def can_ban(user: Actor, community: Community) -> bool:
    """Ban and unban members of `community`: its moderators and staff
    moderators (whom they may ban: ban_refusal)."""
    return moderates(user, community)


def ban_refusal(user: Actor, community: Community, member: User) -> Refusal | None:
    """Why `user` may not ban `member` from `community`, or None:
    apps.communities' rule (never the owner, nobody themselves, a moderator
    only by the owner or staff), with can_ban above saying who bans. Raise
    it as apps.communities does (its services' raise_refusal)."""
    return community_policies.ban_refusal(user, community, member, may_ban=can_ban(user, community))


def unban_refusal(user: Actor, community: Community) -> Refusal | None:
    """Why `user` may not lift bans in `community`: apps.communities' rule,
    with can_ban above saying who may."""
    return community_policies.unban_refusal(user, community, may_ban=can_ban(user, community))


# suspend_refusal codes that are about who asks (403).
MEMBER_PERMISSION_REFUSALS = frozenset({"not_staff_moderator", "staff_account"})


def suspend_refusal(user: Actor, member: User) -> Refusal | None:
    """Why `user` may not suspend `member` site-wide, or None: staff
    moderators with the permission, never themselves, staff and superuser
    accounts only by a superuser, not twice (1 query for the last)."""
    if not can_suspend(user):
        return "not_staff_moderator", _("Only staff moderators can suspend members.")
    if member.pk == user.pk:
        return "self", _("You cannot suspend yourself.")
    if not can_suspend(user, member):
        return "staff_account", _("Only a superuser can suspend a staff account.")
    if Suspension.objects.active().filter(member=member).exists():
        return "already", _("This member is already suspended.")
    return None


def can_suspend(user: Actor, member: User | None = None) -> bool:
    """Suspend a member site-wide (and lift it): staff moderators with the
    suspend permission. Never oneself; staff and superuser accounts only by
    a superuser."""
    if not is_staff_moderator(user):
        return False
    if not (user.is_superuser or user.has_perm(SUSPEND_MEMBER)):
        return False
    if member is None:
        return True
    if member.pk == user.pk:
        return False
    return user.is_superuser or not (member.is_staff or member.is_superuser)


def can_manage_members(user: Actor, community: Community) -> bool:
    """The Members page: approve or refuse requests, add and remove members.
    The community's moderators and staff moderators, as for bans (plain
    staff without the permission do not, though apps.communities' own rule,
    which the admin uses, lets any staff account)."""
    return moderates(user, community)


def can_manage_moderators(user: Actor, community: Community) -> bool:
    """Appoint and remove moderators: the owner only."""
    return community_policies.can_manage_moderators(user, community)


def can_transfer_ownership(user: Actor, community: Community) -> bool:
    """Hand the community to another member: the owner only."""
    return community_policies.can_manage_moderators(user, community)
