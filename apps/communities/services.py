"""Writes for communities, memberships, moderators and bans: the site, the
API and the admin all write through these.

Keyword-only, typed, atomic, validated. Who may act is decided by the
refusal rules of policies.py (`raise_refusal` raises them). Counters
(member_count) change with F() in the same transaction as the row they
count; uniqueness (one membership, one ban per member and community) is
decided by the database. Each write sends its event (events.py) once the
transaction commits; the feed cache subscribes in apps.py.
"""

from collections.abc import Mapping
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from modeltranslation.utils import get_translation_fields

from apps.accounts.models import User
from apps.core import ratelimit
from apps.core.events import send_after_commit
from apps.core.html import rich_text_html
from apps.core.refusals import raise_refusal as core_raise_refusal

from . import events, policies
from .models import Ban, Community, JoinRequest, Membership, Visibility

# Creating communities: at most this many per member per day (UTC), counted
# with apps.core.ratelimit's counters in the cache (shared by every web node
# through Redis). If the cache is down the limit fails open: creation still
# needs a verified account, and an outage must not lock members out of a
# normal action.
COMMUNITY_CREATE_LIMIT = 5
COMMUNITY_CREATE_WINDOW = 24 * 60 * 60
_CREATE_RATE = ratelimit.Rate(COMMUNITY_CREATE_LIMIT, COMMUNITY_CREATE_WINDOW)

# The translated texts (apps/communities/translation.py).
TEXT_FIELDS = ("name", "description", "rules")
# The longest description one may type, in any language (stored as HTML with
# the comments' allowlist, which may be a little longer).
MAX_DESCRIPTION_LENGTH = 2000


def raise_refusal(refusal: policies.Refusal | None, *, field: str | None = None) -> None:
    """Raise a policy's refusal: bad input or state (policies.INPUT_REFUSALS)
    as a ValidationError (on `field` if given), anything else as a
    PermissionDenied. apps.moderation raises the refusals of these policies
    with it too."""
    core_raise_refusal(refusal, input_codes=policies.INPUT_REFUSALS, field=field)


def community_creations_left(user: User) -> int:
    """How many more communities `user` may create in the current window."""
    if user.is_staff:
        return COMMUNITY_CREATE_LIMIT
    used = ratelimit.used("community-create", str(user.pk), _CREATE_RATE)
    return max(COMMUNITY_CREATE_LIMIT - used, 0)


def _count_creation(user: User) -> None:
    ratelimit.hit("community-create", str(user.pk), _CREATE_RATE)


def _in_english() -> translation.override:
    """Saving writes each text's original column (name, description, rules)
    from the active language's value: in the default language, so those
    columns keep the English text whatever language the writer reads in."""
    return translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE)


def translated_text_fields() -> tuple[str, ...]:
    """name_en, name_es, …, rules_ar: the text columns, one per language."""
    return tuple(column for field in TEXT_FIELDS for column in get_translation_fields(field))


def editable_fields() -> tuple[str, ...]:
    """What community_update may change (policies.edit_refusal says why not more)."""
    return (*translated_text_fields(), "visibility")


def description_html(raw: str | None, *, field: str = "description") -> str:
    """A description as typed (plain text or the comments' HTML) as stored:
    sanitized HTML (apps.core.html.rich_text_html), or a ValidationError on
    `field` when it is too long."""
    raw = (raw or "").replace("\r\n", "\n").strip()
    if len(raw) > MAX_DESCRIPTION_LENGTH:
        raise ValidationError(
            {
                field: ValidationError(
                    # Translators: %(limit)s is the longest allowed length, %(length)s the
                    # length of the text typed (numbers).
                    _("A description can be at most %(limit)s characters long; it has %(length)s.")
                    % {"limit": MAX_DESCRIPTION_LENGTH, "length": len(raw)},
                    code="too_long",
                )
            }
        )
    return rich_text_html(raw)


def _set_texts(community: Community, values: Mapping[str, object]) -> list[str]:
    """Set translated columns and the visibility from `values`; return the
    columns to save (each text's original column too, which keeps English).
    Descriptions are stored as sanitized HTML (description_html)."""
    unknown = set(values) - set(editable_fields())
    if unknown:
        raise ValueError(f"community fields that cannot be set here: {sorted(unknown)}")
    descriptions = set(get_translation_fields("description"))
    for field, value in values.items():
        if field in descriptions:
            value = description_html(value if isinstance(value, str) else "", field=field)
        setattr(community, field, value.strip() if isinstance(value, str) else value)
    originals = [f for f in TEXT_FIELDS if set(get_translation_fields(f)) & set(values)]
    return [*values, *originals]


@transaction.atomic
def community_create(
    *,
    owner: User,
    slug: str,
    name: str,
    description: str = "",
    rules: str = "",
    visibility: str = Visibility.PUBLIC,
    translations: Mapping[str, str] | None = None,
    actor: User | None = None,
) -> Community:
    """Create a community; its owner becomes its first member and moderator.
    `actor` is who creates it: the owner on the site, staff in the admin
    (for any active member, with `translations` of the texts, e.g. name_fr)."""
    actor = actor or owner
    raise_refusal(policies.create_refusal(actor, owner=owner))
    if community_creations_left(actor) <= 0:
        raise ValidationError(
            _("You have created too many communities today. Try again tomorrow."),
            code="rate_limited",
        )
    community = Community(
        owner=owner,
        slug=(slug or "").strip().lower(),
        name=(name or "").strip(),
        description=description_html(description),
        rules=(rules or "").strip(),
        visibility=visibility,
        member_count=1,
    )
    translations = translations or {}
    if set(translations) - set(translated_text_fields()):
        raise ValueError(f"not translated texts: {sorted(translations)}")
    _set_texts(community, translations)
    # Validates the slug's shape and its case-insensitive uniqueness
    # (the Lower("slug") constraint), with translated messages.
    community.full_clean()
    try:
        with transaction.atomic(), _in_english():
            community.save()
    except IntegrityError:
        # Someone took the address between the check and the insert.
        raise ValidationError(
            {"slug": _("A community with this address already exists.")}
        ) from None
    membership = Membership(community=community, user=owner, is_moderator=True, is_approved=True)
    membership.full_clean(validate_unique=False, validate_constraints=False)
    membership.save()
    transaction.on_commit(lambda: _count_creation(actor))
    send_after_commit(
        events.community_created,
        sender=Community,
        community=community,
        actor=actor,
        community_id=community.pk,
    )
    return community


@transaction.atomic
def community_update(
    *, actor: User, community: Community, changes: Mapping[str, object]
) -> Community:
    """Change a community's texts (any language: name_en, description_fr…)
    and visibility. Only the fields changed are written: the counters,
    which joins and posts change meanwhile, are never written back."""
    raise_refusal(policies.edit_refusal(actor, community))
    if not changes:
        return community
    locked = Community.objects.select_for_update().get(pk=community.pk)
    columns = _set_texts(locked, changes)
    # The slug does not change: no uniqueness to check.
    locked.full_clean(validate_unique=False, validate_constraints=False)
    with _in_english():
        locked.save(update_fields=columns)
    if "visibility" in changes and locked.visibility != Visibility.PRIVATE:
        # Anyone may join it now: requests to join have nothing left to wait for.
        JoinRequest.objects.filter(community=locked).delete()
    for column in columns:
        setattr(community, column, getattr(locked, column))
    send_after_commit(
        events.community_updated,
        sender=Community,
        community=locked,
        actor=actor,
        fields=sorted(changes),
        community_id=locked.pk,
    )
    return locked


def _membership_add(
    *, actor: User, community: Community, user: User, is_approved: bool, by_request: bool = False
) -> Membership | None:
    """Insert the membership and bump the counter together, or neither.
    Returns None when the member already belongs (the constraint decides).
    A pending request to join is settled by it (deleted)."""
    membership = Membership(community=community, user=user, is_approved=is_approved)
    # Field checks only: the unique constraint, not a SELECT, decides doubles.
    membership.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
            Community.objects.filter(pk=community.pk).update(member_count=F("member_count") + 1)
    except IntegrityError:
        return None
    JoinRequest.objects.filter(community=community, user=user).delete()
    send_after_commit(
        events.member_joined,
        sender=Membership,
        membership=membership,
        actor=actor,
        by_request=by_request,
        community_id=community.pk,
    )
    return membership


def _membership_delete(*, actor: User, community: Community, user: User) -> bool:
    deleted, _rows = Membership.objects.filter(community=community, user=user).delete()
    if not deleted:
        return False
    Community.objects.filter(pk=community.pk).update(member_count=F("member_count") - 1)
    send_after_commit(
        events.member_left,
        sender=Membership,
        community=community,
        user=user,
        actor=actor,
        community_id=community.pk,
    )
    return True


@transaction.atomic
def community_join(*, user: User, community: Community) -> bool:
    """Join a public or restricted community. Returns True if a membership was
    made, False if the member already belonged. In a restricted community the
    new member reads at once and posts once a moderator approves them."""
    raise_refusal(policies.join_refusal(user, community))
    membership = _membership_add(
        actor=user,
        community=community,
        user=user,
        is_approved=community.visibility != Visibility.RESTRICTED,
    )
    return membership is not None


@transaction.atomic
def membership_request(*, user: User, community: Community) -> bool:
    """Ask to join a private community: a JoinRequest its moderators approve
    or refuse. Returns True if a request was made, False if the member
    already asked or already belongs (the constraint decides doubles)."""
    raise_refusal(policies.request_refusal(user, community))
    if Membership.objects.filter(community=community, user=user).exists():
        return False
    try:
        with transaction.atomic():
            JoinRequest.objects.create(community=community, user=user)
    except IntegrityError:
        return False
    send_after_commit(
        events.member_requested,
        sender=JoinRequest,
        community=community,
        user=user,
        actor=user,
        community_id=community.pk,
    )
    return True


@transaction.atomic
def membership_request_cancel(*, user: User, community: Community) -> bool:
    """Withdraw one's own request to join. Returns True if there was one."""
    deleted, _rows = JoinRequest.objects.filter(community=community, user=user).delete()
    return bool(deleted)


@transaction.atomic
def community_leave(*, user: User, community: Community) -> bool:
    """Leave a community. Returns True if a membership was removed."""
    raise_refusal(policies.leave_refusal(user, community))
    return _membership_delete(actor=user, community=community, user=user)


@transaction.atomic
def member_add(
    *, actor: User, community: Community, user: User, is_approved: bool = True
) -> Membership | None:
    """A moderator (or staff) adds a member by hand: the way into a private
    community. Returns the new membership, None if they already belong."""
    raise_refusal(policies.member_add_refusal(actor, community, user))
    return _membership_add(actor=actor, community=community, user=user, is_approved=is_approved)


@transaction.atomic
def member_remove(*, actor: User, community: Community, user: User) -> bool:
    """A moderator (or staff) removes a member. The owner stays."""
    raise_refusal(policies.member_remove_refusal(actor, community, user))
    return _membership_delete(actor=actor, community=community, user=user)


@transaction.atomic
def membership_approve(*, actor: User, community: Community, user: User) -> bool:
    """Accept a request: the member who asked to join (a JoinRequest, in a
    private community) becomes a member; a member of a restricted community
    may post. Returns True if they were waiting for it."""
    raise_refusal(policies.approve_refusal(actor, community))
    request = JoinRequest.objects.select_for_update().filter(community=community, user=user).first()
    if request is not None:
        if not user.is_active:
            raise ValidationError(_("This account is not active."), code="inactive")
        if policies.is_banned(user, community):
            raise ValidationError(
                _("This member is banned from this community: lift the ban first."),
                code="banned_member",
            )
        added = _membership_add(
            actor=actor, community=community, user=user, is_approved=True, by_request=True
        )
        # They became a member meanwhile (added by hand): the request is settled.
        request.delete()
        return added is not None
    membership = (
        Membership.objects.select_for_update().filter(community=community, user=user).first()
    )
    if membership is None or membership.is_approved:
        return False
    membership.is_approved = True
    membership.save(update_fields=["is_approved"])
    send_after_commit(
        events.member_approved,
        sender=Membership,
        membership=membership,
        actor=actor,
        community_id=community.pk,
    )
    return True


@transaction.atomic
def membership_refuse(*, actor: User, community: Community, user: User) -> bool:
    """Turn a request down: the request to join a private community is
    dropped; the unapproved member of a restricted community stops being a
    member (they still read it, as everyone does). Returns True if they
    were waiting. Either way they may ask again; a ban stops that."""
    raise_refusal(policies.refuse_refusal(actor, community))
    deleted, _rows = JoinRequest.objects.filter(community=community, user=user).delete()
    if not deleted:
        deleted, _rows = Membership.objects.filter(
            community=community, user=user, is_approved=False, is_moderator=False
        ).delete()
        if deleted:
            Community.objects.filter(pk=community.pk).update(member_count=F("member_count") - 1)
    if not deleted:
        return False
    send_after_commit(
        events.member_refused,
        sender=Membership,
        community=community,
        user=user,
        actor=actor,
        community_id=community.pk,
    )
    return True


@transaction.atomic
def moderator_appoint(*, actor: User, community: Community, user: User) -> Membership:
    """The owner makes a member a moderator."""
    membership = (
        Membership.objects.select_for_update().filter(community=community, user=user).first()
    )
    raise_refusal(policies.appoint_refusal(actor, community, user, membership=membership))
    assert membership is not None  # appoint_refusal refuses non-members
    if not membership.is_moderator:
        membership.is_moderator = True
        membership.is_approved = True
        membership.full_clean(validate_unique=False, validate_constraints=False)
        membership.save(update_fields=["is_moderator", "is_approved"])
        send_after_commit(
            events.moderator_appointed,
            sender=Membership,
            community=community,
            user=user,
            actor=actor,
            community_id=community.pk,
        )
    return membership


@transaction.atomic
def moderator_remove(*, actor: User, community: Community, user: User) -> bool:
    """The owner takes a moderator's role away (not their membership)."""
    raise_refusal(policies.moderator_remove_refusal(actor, community, user))
    changed = Membership.objects.filter(community=community, user=user, is_moderator=True).update(
        is_moderator=False
    )
    if changed:
        send_after_commit(
            events.moderator_removed,
            sender=Membership,
            community=community,
            user=user,
            actor=actor,
            community_id=community.pk,
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
    Banning someone already banned replaces the old ban's reason and expiry.
    A banned moderator stops moderating."""
    raise_refusal(policies.ban_refusal(actor, community, user), field="user")
    raise_refusal(policies.ban_end_refusal(expires_at), field="expires_at")
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
    Membership.objects.filter(community=community, user=user, is_moderator=True).update(
        is_moderator=False
    )
    send_after_commit(
        events.member_banned, sender=Ban, ban=ban, actor=actor, community_id=community.pk
    )
    return ban


@transaction.atomic
def ban_delete(*, actor: User, community: Community, user: User) -> bool:
    """Lift a ban. Returns True if there was one."""
    raise_refusal(policies.unban_refusal(actor, community))
    deleted, _rows = Ban.objects.filter(community=community, user=user).delete()
    if deleted:
        send_after_commit(
            events.member_unbanned,
            sender=Ban,
            community=community,
            user=user,
            actor=actor,
            community_id=community.pk,
        )
    return bool(deleted)
