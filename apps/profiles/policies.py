"""Who may do what with profiles and follows. One named rule each; a
`*_refusal` rule says why not, as (code, translated sentence), or None."""

from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.accounts.types import Actor

# Refusals that are about the input (answered 400), not about the actor (403).
INPUT_REFUSALS = frozenset({"follow_self", "block_self"})


def follow_refusal(actor: Actor, target: User) -> tuple[str, str] | None:
    """Why `actor` may not follow `target`, or None. No query."""
    if not (actor.is_authenticated and actor.is_active):
        return "inactive", _("You cannot follow this member.")
    if actor.pk == target.pk:
        return "follow_self", _("You cannot follow yourself.")
    return None


def can_follow(actor: Actor, target: User) -> bool:
    return follow_refusal(actor, target) is None


def can_edit_profile(actor: Actor, owner: User) -> bool:
    return bool(actor.is_authenticated and actor.pk == owner.pk)


def block_refusal(actor: Actor, target: User) -> tuple[str, str] | None:
    """Why `actor` may not block `target`, or None. No query. Anyone may be
    blocked (staff included: blocking only hides their content and messages
    from the blocker; moderation reaches them regardless)."""
    if not (actor.is_authenticated and actor.is_active):
        return "inactive", _("Log in to block members.")
    if actor.pk == target.pk:
        return "block_self", _("You cannot block yourself.")
    return None


def can_block(actor: Actor, target: User) -> bool:
    return block_refusal(actor, target) is None
