"""Writes for communities, memberships, moderators and bans.

Keyword-only, typed, atomic, validated. Counters (member_count) change with
F() in the same transaction as the row they count; uniqueness (one
membership, one ban per member and community) is decided by the database.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core import ratelimit
from apps.core.cache import content_changed

from . import events, policies
from .models import Ban, Community, Membership, Visibility

# Creating communities: at most this many per member per day (UTC), counted
# with apps.core.ratelimit's counters in the cache (shared by every web node
# through Redis). If the cache is down the limit fails open: creation still
# needs a verified account, and an outage must not lock members out of a
# normal action.
COMMUNITY_CREATE_LIMIT = 5
COMMUNITY_CREATE_WINDOW = 24 * 60 * 60
_CREATE_RATE = ratelimit.Rate(COMMUNITY_CREATE_LIMIT, COMMUNITY_CREATE_WINDOW)


def community_creations_left(user: User) -> int:
    """How many more communities `user` may create in the current window."""
    if user.is_staff:
        return COMMUNITY_CREATE_LIMIT
    used = ratelimit.used("community-create", str(user.pk), _CREATE_RATE)
    return max(COMMUNITY_CREATE_LIMIT - used, 0)


def _count_creation(user: User) -> None:
    ratelimit.hit("community-create", str(user.pk), _CREATE_RATE)


@transaction.atomic
def community_create(
    *,
    owner: User,
    slug: str,
    name: str,
    description: str = "",
    rules: str = "",
    visibility: str = Visibility.PUBLIC,
) -> Community:
    """Create a community; its owner becomes its first member and moderator."""
    if not policies.can_create_community(owner):
        raise PermissionDenied(_("Verify your email address before creating a community."))
    if community_creations_left(owner) <= 0:
        raise ValidationError(
            _("You have created too many communities today. Try again tomorrow."),
            code="rate_limited",
        )
    community = Community(
        owner=owner,
        slug=(slug or "").strip().lower(),
        name=(name or "").strip(),
        description=(description or "").strip(),
        rules=(rules or "").strip(),
        visibility=visibility,
        member_count=1,
    )
    # Validates the slug's shape and its case-insensitive uniqueness
    # (the Lower("slug") constraint), with translated messages.
    community.full_clean()
    try:
        with transaction.atomic():
            community.save()
    except IntegrityError:
        # Someone took the address between the check and the insert.
        raise ValidationError(
            {"slug": _("A community with this address already exists.")}
        ) from None
    membership = Membership(community=community, user=owner, is_moderator=True, is_approved=True)
    membership.full_clean(validate_unique=False, validate_constraints=False)
    membership.save()
    transaction.on_commit(lambda: _count_creation(owner))
    return community


def _membership_add(*, community: Community, user: User, is_approved: bool) -> bool:
    """Insert the membership and bump the counter together, or neither.
    Returns False when the member already belongs (the constraint decides)."""
    membership = Membership(community=community, user=user, is_approved=is_approved)
    # Field checks only: the unique constraint, not a SELECT, decides doubles.
    membership.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
            Community.objects.filter(pk=community.pk).update(member_count=F("member_count") + 1)
    except IntegrityError:
        return False
    content_changed(community_id=community.pk)  # the page shows the member count
    return True


def _membership_delete(*, community: Community, user: User) -> bool:
    deleted, _rows = Membership.objects.filter(community=community, user=user).delete()
    if not deleted:
        return False
    Community.objects.filter(pk=community.pk).update(member_count=F("member_count") - 1)
    content_changed(community_id=community.pk)
    return True


@transaction.atomic
def community_join(*, user: User, community: Community) -> bool:
    """Join a public or restricted community. Returns True if a membership was
    made, False if the member already belonged. In a restricted community the
    new member reads at once and posts once a moderator approves them."""
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied(_("Log in to join communities."))
    if community.visibility == Visibility.PRIVATE:
        raise PermissionDenied(_("This community is private: its moderators add members."))
    if policies.is_banned(user, community):
        raise PermissionDenied(_("You are banned from this community."))
    return _membership_add(
        community=community,
        user=user,
        is_approved=community.visibility != Visibility.RESTRICTED,
    )


@transaction.atomic
def community_leave(*, user: User, community: Community) -> bool:
    """Leave a community. Returns True if a membership was removed."""
    if community.owner_id == user.pk:
        raise ValidationError(
            _("You own this community: you cannot leave it."), code="owner_cannot_leave"
        )
    return _membership_delete(community=community, user=user)


@transaction.atomic
def member_add(*, actor: User, community: Community, user: User, is_approved: bool = True) -> bool:
    """A moderator (or staff) adds a member by hand: the way into a private
    community. Returns False if they already belong."""
    if not policies.can_add_members(actor, community):
        raise PermissionDenied(_("Only the community's moderators can add members."))
    if not user.is_active:
        raise ValidationError(_("This account is not active."), code="inactive")
    return _membership_add(community=community, user=user, is_approved=is_approved)


@transaction.atomic
def member_remove(*, actor: User, community: Community, user: User) -> bool:
    """A moderator (or staff) removes a member. The owner stays."""
    if not policies.can_add_members(actor, community):
        raise PermissionDenied(_("Only the community's moderators can remove members."))
    if community.owner_id == user.pk:
        raise ValidationError(_("The owner cannot be removed."), code="owner_cannot_leave")
    return _membership_delete(community=community, user=user)


@transaction.atomic
def membership_approve(*, actor: User, community: Community, user: User) -> bool:
    """Approve a member to post in a restricted community."""
    if not policies.can_add_members(actor, community):
        raise PermissionDenied(_("Only the community's moderators can approve members."))
    return bool(Membership.objects.filter(community=community, user=user).update(is_approved=True))


@transaction.atomic
def moderator_appoint(*, actor: User, community: Community, user: User) -> Membership:
    """The owner makes a member a moderator."""
    if not policies.can_manage_moderators(actor, community):
        raise PermissionDenied(_("Only the owner can appoint moderators."))
    membership = (
        Membership.objects.select_for_update().filter(community=community, user=user).first()
    )
    if membership is None:
        raise ValidationError(_("Only members can become moderators."), code="not_member")
    if policies.is_banned(user, community):
        raise ValidationError(
            _("A banned member cannot become a moderator."), code="banned_moderator"
        )
    if not membership.is_moderator:
        membership.is_moderator = True
        membership.is_approved = True
        membership.full_clean(validate_unique=False, validate_constraints=False)
        membership.save(update_fields=["is_moderator", "is_approved"])
        transaction.on_commit(
            lambda: events.moderator_appointed.send(
                sender=Membership, community=community, user=user, actor=actor
            )
        )
    return membership


@transaction.atomic
def moderator_remove(*, actor: User, community: Community, user: User) -> bool:
    """The owner takes a moderator's role away (not their membership)."""
    if not policies.can_manage_moderators(actor, community):
        raise PermissionDenied(_("Only the owner can remove moderators."))
    if community.owner_id == user.pk:
        raise ValidationError(
            _("The owner is always a moderator of their community."), code="owner_moderator"
        )
    changed = Membership.objects.filter(community=community, user=user, is_moderator=True).update(
        is_moderator=False
    )
    if changed:
        transaction.on_commit(
            lambda: events.moderator_removed.send(
                sender=Membership, community=community, user=user, actor=actor
            )
        )
    return bool(changed)


@transaction.atomic
def ban_create(
    *,
    actor: User,
    community: Community,
    user: User,
    reason: str = "",
    expires_at: datetime | None = None,
) -> Ban:
    """Ban a member from a community (until `expires_at`, or for good).
    Banning someone already banned replaces the old ban's reason and expiry."""
    if not policies.can_ban(actor, community):
        raise PermissionDenied(_("Only the community's moderators can ban members."))
    if community.owner_id == user.pk:
        raise ValidationError(
            {"user": _("The owner of a community cannot be banned from it.")}, code="ban_owner"
        )
    if actor.pk == user.pk:
        raise ValidationError({"user": _("You cannot ban yourself.")}, code="ban_self")
    target = Membership.objects.filter(community=community, user=user).first()
    target_is_moderator = target is not None and target.is_moderator
    if (
        target_is_moderator
        and not actor.is_staff
        and not policies.can_manage_moderators(actor, community)
    ):
        raise PermissionDenied(_("Only the owner can ban a moderator."))
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError(
            {"expires_at": _("The end of a ban must be in the future.")}, code="ban_expired"
        )
    ban = Ban(
        community=community,
        user=user,
        reason=(reason or "").strip(),
        expires_at=expires_at,
        banned_by=actor,
    )
    ban.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            ban.save()
    except IntegrityError:
        # Already banned (maybe an expired ban): this ban replaces it.
        ban = Ban.objects.select_for_update().get(community=community, user=user)
        ban.reason = (reason or "").strip()
        ban.expires_at = expires_at
        ban.banned_by = actor
        ban.created = timezone.now()
        ban.full_clean(validate_unique=False, validate_constraints=False)
        ban.save(update_fields=["reason", "expires_at", "banned_by", "created"])
    if target_is_moderator:
        # A banned moderator stops moderating.
        Membership.objects.filter(pk=target.pk).update(is_moderator=False)
    transaction.on_commit(lambda: events.member_banned.send(sender=Ban, ban=ban, actor=actor))
    return ban


@transaction.atomic
def ban_delete(*, actor: User, community: Community, user: User) -> bool:
    """Lift a ban. Returns True if there was one."""
    if not policies.can_ban(actor, community):
        raise PermissionDenied(_("Only the community's moderators can lift bans."))
    deleted, _rows = Ban.objects.filter(community=community, user=user).delete()
    if deleted:
        transaction.on_commit(
            lambda: events.member_unbanned.send(
                sender=Ban, community=community, user=user, actor=actor
            )
        )
    return bool(deleted)
