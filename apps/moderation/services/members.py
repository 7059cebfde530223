"""Who belongs to a community: requests approved or refused, members added
or removed by a moderator — made by apps.communities' services and logged
here. Who may is policies.can_manage_members (the community's moderators
and staff moderators), asked first: someone refused learns nothing about
the member."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.communities import services as community_services
from apps.communities.models import Community, Membership

from .. import policies
from ..models import Action
from .shared import clean_reason, log_action


def _require_manager(actor: User, community: Community) -> None:
    if not policies.can_manage_members(actor, community):
        raise PermissionDenied(_("Only the community's moderators can manage its members."))


def _on_member_field(error: ValidationError) -> ValidationError:
    """apps.communities' refusals about the member, on our forms' field."""
    if hasattr(error, "error_dict"):
        return error
    return ValidationError({"member": error.messages}, code=getattr(error, "code", None))


@transaction.atomic
def membership_approve(*, actor: User, community: Community, member: User) -> None:
    """Let in a member who asked to join (private), or let a member of a
    restricted community post; logged. Bad input when they were not waiting."""
    _require_manager(actor, community)
    try:
        approved = community_services.membership_approve(
            actor=actor, community=community, user=member
        )
    except ValidationError as error:
        raise _on_member_field(error) from None
    if not approved:
        raise ValidationError(
            # Translators: %(name)s is a member's display name.
            {"member": _("%(name)s is not waiting for approval here.") % {"name": member.username}},
            code="not_waiting",
        )
    log_action(actor=actor, action=Action.MEMBER_APPROVED, community=community, target=member)


@transaction.atomic
def membership_refuse(*, actor: User, community: Community, member: User, reason: str = "") -> None:
    """Turn a request down (apps.communities.services.membership_refuse), logged."""
    _require_manager(actor, community)
    reason = clean_reason(reason, required=False)
    if not community_services.membership_refuse(actor=actor, community=community, user=member):
        raise ValidationError(
            # Translators: %(name)s is a member's display name.
            {"member": _("%(name)s is not waiting for approval here.") % {"name": member.username}},
            code="not_waiting",
        )
    log_action(
        actor=actor,
        action=Action.MEMBER_REFUSED,
        community=community,
        target=member,
        reason=reason,
    )


@transaction.atomic
def member_add(*, actor: User, community: Community, member: User) -> Membership:
    """Add a member by username (the way into a private community; a request
    they made is settled), logged. Bad input if they already belong."""
    _require_manager(actor, community)
    try:
        membership = community_services.member_add(actor=actor, community=community, user=member)
    except ValidationError as error:
        raise _on_member_field(error) from None
    if membership is None:
        raise ValidationError(
            # Translators: %(name)s is a member's display name.
            {"member": _("%(name)s is already a member.") % {"name": member.username}},
            code="already_member",
        )
    log_action(actor=actor, action=Action.MEMBER_ADDED, community=community, target=member)
    return membership


@transaction.atomic
def member_remove(*, actor: User, community: Community, member: User, reason: str = "") -> None:
    """Remove a member (never the owner), logged. Removing a moderator takes
    their role with the membership, so only the owner and staff moderators
    may (a moderator cannot remove another)."""
    _require_manager(actor, community)
    reason = clean_reason(reason, required=False)
    if (
        not policies.is_staff_moderator(actor)
        and not policies.can_manage_moderators(actor, community)
        and Membership.objects.filter(community=community, user=member, is_moderator=True)
        .exclude(user_id=community.owner_id)
        .exists()
    ):
        raise PermissionDenied(_("Only the owner can remove a moderator."))
    try:
        removed = community_services.member_remove(actor=actor, community=community, user=member)
    except ValidationError as error:
        raise _on_member_field(error) from None
    if not removed:
        raise ValidationError(
            # Translators: %(name)s is a member's display name.
            {"member": _("%(name)s is not a member here.") % {"name": member.username}},
            code="not_member",
        )
    log_action(
        actor=actor,
        action=Action.MEMBER_REMOVED,
        community=community,
        target=member,
        reason=reason,
    )
