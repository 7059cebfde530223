"""The moderators of a community and its ownership: the owner's decisions,
made by apps.communities' services and logged here."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.communities import policies as community_policies
from apps.communities import services as community_services
from apps.communities.models import Community, Membership

from .. import policies
from ..models import Action
from .shared import clean_reason, log_action


@transaction.atomic
def moderator_appoint(*, actor: User, community: Community, member: User) -> Membership:
    """The owner makes a member a moderator (apps.communities.services, whose
    rule, policies.appoint_refusal, is asked first: someone who may not
    appoint learns nothing about the member), logged."""
    membership = Membership.objects.filter(community=community, user=member).first()
    community_services.raise_refusal(
        community_policies.appoint_refusal(actor, community, member, membership=membership)
    )
    if membership is not None and membership.is_moderator:
        raise ValidationError(
            # Translators: %(name)s is a member's display name.
            {"member": _("%(name)s is already a moderator.") % {"name": member.username}},
            code="already",
        )
    membership = community_services.moderator_appoint(actor=actor, community=community, user=member)
    log_action(actor=actor, action=Action.MODERATOR_APPOINTED, community=community, target=member)
    return membership


@transaction.atomic
def moderator_remove(*, actor: User, community: Community, member: User, reason: str = "") -> None:
    """The owner takes a moderator's role away (not their membership), logged."""
    community_services.raise_refusal(
        community_policies.moderator_remove_refusal(actor, community, member)
    )
    reason = clean_reason(reason, required=False)
    if not community_services.moderator_remove(actor=actor, community=community, user=member):
        raise ValidationError(
            # Translators: %(name)s is a member's display name.
            {"member": _("%(name)s is not a moderator here.") % {"name": member.username}},
            code="not_moderator",
        )
    log_action(
        actor=actor,
        action=Action.MODERATOR_REMOVED,
        community=community,
        target=member,
        reason=reason,
    )


@transaction.atomic
def ownership_transfer(*, actor: User, community: Community, new_owner: User) -> Community:
    """The owner hands the community to another member, who becomes its owner
    (and a moderator); the old owner stays a moderator."""
    if not policies.can_transfer_ownership(actor, community):
        raise PermissionDenied(_("Only the owner can hand the community over."))
    if new_owner.pk == community.owner_id:
        raise ValidationError({"member": _("They already own this community.")}, code="same")
    if not new_owner.is_active:
        raise ValidationError({"member": _("This account is not active.")}, code="inactive")
    locked = Community.objects.select_for_update().get(pk=community.pk)
    if locked.owner_id != actor.pk:
        raise PermissionDenied(_("Only the owner can hand the community over."))
    membership = (
        Membership.objects.select_for_update().filter(community=locked, user=new_owner).first()
    )
    if membership is None:
        raise ValidationError(
            {"member": _("Only a member of the community can become its owner.")},
            code="not_member",
        )
    if community_policies.is_banned(new_owner, locked):
        raise ValidationError(
            {"member": _("A banned member cannot become the owner.")}, code="banned"
        )
    Community.objects.filter(pk=locked.pk).update(owner=new_owner)
    Membership.objects.filter(pk=membership.pk).update(is_moderator=True, is_approved=True)
    Membership.objects.filter(community=locked, user=actor).update(is_moderator=True)
    community.owner = new_owner
    log_action(
        actor=actor,
        action=Action.OWNERSHIP_TRANSFERRED,
        community=community,
        target=new_owner,
        as_staff=False,
    )
    return community
