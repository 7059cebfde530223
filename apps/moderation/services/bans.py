"""Bans from one community, made and lifted by apps.communities' services
and logged here."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.communities import services as community_services
from apps.communities.models import Ban, Community

from .. import policies
from ..models import Action
from .shared import clean_reason, log_action

# apps.communities names its fields after the Ban model; our forms say "member".
_FIELD_NAMES = {"user": "member"}


def _as_our_fields(error: ValidationError) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {_FIELD_NAMES.get(field, field): errors for field, errors in error.error_dict.items()}
    )


@transaction.atomic
def member_ban(
    *,
    actor: User,
    community: Community,
    member: User,
    reason: str = "",
    expires_at: datetime | None = None,
) -> Ban:
    """Ban a member from a community (until `expires_at`, or for good), with
    apps.communities.services.ban_create (which also refuses an end already
    past), and log it. policies.ban_refusal says who may ban whom (checked
    first: apps.communities' own can_ban lets any staff account ban)."""
    community_services.raise_refusal(policies.ban_refusal(actor, community, member), field="member")
    reason = clean_reason(reason, required=False)
    try:
        ban = community_services.ban_create(
            actor=actor, community=community, user=member, reason=reason, expires_at=expires_at
        )
    except ValidationError as error:
        raise _as_our_fields(error) from None
    log_action(
        actor=actor,
        action=Action.MEMBER_BANNED,
        community=community,
        target=member,
        reason=reason,
        expires_at=expires_at,
    )
    return ban


@transaction.atomic
def member_unban(*, actor: User, community: Community, member: User, reason: str = "") -> None:
    """Lift a ban (apps.communities.services.ban_delete) and log it."""
    community_services.raise_refusal(policies.unban_refusal(actor, community))
    reason = clean_reason(reason, required=False)
    if not community_services.ban_delete(actor=actor, community=community, user=member):
        raise ValidationError(_("This member is not banned here."), code="not_banned")
    log_action(
        actor=actor,
        action=Action.MEMBER_UNBANNED,
        community=community,
        target=member,
        reason=reason,
    )
