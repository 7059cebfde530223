"""Who may do what in a community. One named rule each, in one place.

A rule that can refuse returns its reason, `x_refusal(...) -> (code,
translated sentence) | None` (the shape of apps.moderation.policies.
report_refusal): services call it and raise (see `INPUT_REFUSALS`), views
only show the sentence, and `can_x` wrappers answer templates and other
apps that need a yes or no.

Each rule that needs the database costs at most one query (contribute:
two); a page that needs several answers about one community passes what it
already knows (`membership=`, `banned=`) and costs none, as
selectors.community_standing does; callers that check many rows at once use
the QuerySet methods in models.py instead.
"""

from datetime import datetime

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.accounts.types import Actor

from .models import Ban, Community, Membership, Visibility

Refusal = tuple[str, str]

# Refusals about the target or the state of things rather than about who
# acts: services raise them as ValidationError (a form error; 400 in the
# API, as it documents for an owner who tries to leave). Every other code
# is a PermissionDenied (403).
INPUT_REFUSALS = frozenset(
    {
        "inactive",
        "owner_cannot_leave",
        "not_member",
        "banned_moderator",
        "owner_moderator",
        "ban_owner",
        "ban_self",
        "ban_expired",
        "not_private",
        "banned_member",
    }
)

# "Not looked up yet" for a membership, whose known value may be None.
UNKNOWN = object()


def _active(user: Actor) -> bool:
    return bool(user.is_authenticated and user.is_active)


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


# --- contributing (post, comment, vote) ------------------------------------------------


def contribute_refusal(
    user: Actor, community: Community, *, membership=UNKNOWN, banned: bool | None = None
) -> Refusal | None:
    """Why `user` may not post, comment or vote here: an active member who
    is not banned; in a restricted community only approved members (and
    moderators); in a private one, members. Up to 2 queries, none when the
    caller passes `membership` and `banned`. The sentences speak of posting;
    an app that words its own refusal (a vote) can choose by code."""
    if not _active(user):
        return "login", _("Log in to post.")
    if banned is None:
        banned = is_banned(user, community)
    if banned:
        return "banned", _("You are banned from this community.")
    if community.visibility == Visibility.PUBLIC:
        return None
    if membership is UNKNOWN:
        membership = membership_of(user, community)
    if community.visibility == Visibility.RESTRICTED:
        if membership is not None and (membership.is_approved or membership.is_moderator):
            return None
        return "not_approved", _("Only members approved by the moderators can post here.")
    if membership is None:
        return "members_only", _("Only members of this community can post here.")
    return None


def contribute_rule(
    user: Actor, community: Community, *, membership: Membership | None, banned: bool
) -> bool:
    """can_contribute once the membership and the ban are known (no query)."""
    return contribute_refusal(user, community, membership=membership, banned=banned) is None


def can_contribute(user: Actor, community: Community) -> bool:
    return contribute_refusal(user, community) is None


# --- creating and changing a community -------------------------------------------------


def create_refusal(actor: Actor, *, owner: Actor | None = None) -> Refusal | None:
    """Why `actor` may not create a community owned by `owner` (themselves
    by default): members with a verified email address create their own
    (1 query); staff create one for any active member (no query)."""
    if owner is not None and owner.pk != actor.pk:
        if not (_active(actor) and actor.is_staff):
            return "not_staff", _("Only staff can create a community for another member.")
        if not owner.is_active:
            return "inactive", _("This account is not active.")
        return None
    if not _active(actor) or not EmailAddress.objects.filter(user=actor, verified=True).exists():
        return "unverified", _("Verify your email address before creating a community.")
    return None


def can_create_community(user: Actor) -> bool:
    """Active members with a verified email address (1 query)."""
    return create_refusal(user) is None


def edit_refusal(actor: Actor, community: Community) -> Refusal | None:
    """Its texts and visibility: the owner, and staff. Never the address
    (in every link), the owner (a handover, logged by apps.moderation) or
    the counters, which only the services that count change."""
    if _active(actor) and (actor.is_staff or community.owner_id == actor.pk):
        return None
    return "not_owner", _("Only the owner and staff can change this community.")


# --- joining and leaving -----------------------------------------------------------------


def join_refusal(
    user: Actor, community: Community, *, banned: bool | None = None
) -> Refusal | None:
    """Anyone active may join a public or restricted community they are not
    banned from; a private one only admits members its moderators add.
    1 query, none with `banned` known."""
    if not _active(user):
        return "login", _("Log in to join communities.")
    if community.visibility == Visibility.PRIVATE:
        return "private", _("This community is private: its moderators add members.")
    if banned is None:
        banned = is_banned(user, community)
    if banned:
        return "banned", _("You are banned from this community.")
    return None


def can_join(user: Actor, community: Community) -> bool:
    return join_refusal(user, community) is None


def request_refusal(
    user: Actor, community: Community, *, banned: bool | None = None
) -> Refusal | None:
    """Anyone active who is not banned may ask to join a private community;
    its moderators decide (services.membership_approve / membership_refuse).
    Public and restricted communities are joined directly. 1 query, none
    with `banned` known."""
    if not _active(user):
        return "login", _("Log in to ask to join communities.")
    if community.visibility != Visibility.PRIVATE:
        return "not_private", _("Anyone can join this community: use Join.")
    if banned is None:
        banned = is_banned(user, community)
    if banned:
        return "banned", _("You are banned from this community.")
    return None


def leave_refusal(user: Actor, community: Community) -> Refusal | None:
    """Everyone but the owner, who would leave the community without one (no query)."""
    if not user.is_authenticated:
        return "login", _("You cannot do that.")
    if community.owner_id == user.pk:
        return "owner_cannot_leave", _("You own this community: you cannot leave it.")
    return None


def can_leave(user: Actor, community: Community) -> bool:
    return leave_refusal(user, community) is None


# --- members, moderators and bans, by moderators -----------------------------------------


def can_ban(user: Actor, community: Community) -> bool:
    """The community's moderators, and staff (site moderators)."""
    if not _active(user):
        return False
    return user.is_staff or is_moderator(user, community)


def can_add_members(user: Actor, community: Community) -> bool:
    """Moderators (and staff) add, approve and remove members, e.g. of a private community."""
    return can_ban(user, community)


def member_add_refusal(actor: Actor, community: Community, user: User) -> Refusal | None:
    """A moderator (or staff) adds an active member who is not banned by hand:
    the way into a private community (up to 2 queries)."""
    if not can_add_members(actor, community):
        return "not_moderator", _("Only the community's moderators can add members.")
    if not user.is_active:
        return "inactive", _("This account is not active.")
    if is_banned(user, community):
        return "banned_member", _("This member is banned from this community: lift the ban first.")
    return None


def member_remove_refusal(actor: Actor, community: Community, user: User) -> Refusal | None:
    """A moderator (or staff) removes a member; the owner stays."""
    if not can_add_members(actor, community):
        return "not_moderator", _("Only the community's moderators can remove members.")
    if community.owner_id == user.pk:
        return "owner_cannot_leave", _("The owner cannot be removed.")
    return None


def approve_refusal(actor: Actor, community: Community) -> Refusal | None:
    """A moderator (or staff) lets a member of a restricted community post."""
    if not can_add_members(actor, community):
        return "not_moderator", _("Only the community's moderators can approve members.")
    return None


def refuse_refusal(actor: Actor, community: Community) -> Refusal | None:
    """A moderator (or staff) turns down a request to join (private) or to
    post (restricted)."""
    if not can_add_members(actor, community):
        return "not_moderator", _("Only the community's moderators can refuse requests.")
    return None


def can_manage_moderators(user: Actor, community: Community) -> bool:
    """Only the owner appoints and removes moderators."""
    return bool(_active(user) and community.owner_id == user.pk)


def appoint_refusal(
    actor: Actor, community: Community, user: User, *, membership: Membership | None
) -> Refusal | None:
    """The owner makes a member (`membership`, None if they are not one) who
    is not banned a moderator (1 query)."""
    if not can_manage_moderators(actor, community):
        return "not_owner", _("Only the owner can appoint moderators.")
    if membership is None:
        return "not_member", _("Only members can become moderators.")
    if is_banned(user, community):
        return "banned_moderator", _("A banned member cannot become a moderator.")
    return None


def moderator_remove_refusal(actor: Actor, community: Community, user: User) -> Refusal | None:
    """The owner takes a moderator's role away; the owner stays one."""
    if not can_manage_moderators(actor, community):
        return "not_owner", _("Only the owner can remove moderators.")
    if community.owner_id == user.pk:
        return "owner_moderator", _("The owner is always a moderator of their community.")
    return None


def ban_refusal(
    actor: Actor, community: Community, user: User, *, may_ban: bool | None = None
) -> Refusal | None:
    """Moderators and staff ban members; never the owner nor oneself, and a
    moderator only by the owner or staff (up to 2 queries). `may_ban` is
    the caller's own answer to "may `actor` ban here?" (apps.moderation's
    can_ban, which asks more of staff); by default can_ban's."""
    if not (can_ban(actor, community) if may_ban is None else may_ban):
        return "not_moderator", _("Only the community's moderators can ban members.")
    if community.owner_id == user.pk:
        return "ban_owner", _("The owner of a community cannot be banned from it.")
    if actor.pk == user.pk:
        return "ban_self", _("You cannot ban yourself.")
    if (
        not actor.is_staff
        and not can_manage_moderators(actor, community)
        and Membership.objects.filter(community=community, user=user, is_moderator=True).exists()
    ):
        return "moderator_ban", _("Only the owner can ban a moderator.")
    return None


def ban_end_refusal(expires_at: datetime | None) -> Refusal | None:
    """A ban ends in the future, or never (no query)."""
    if expires_at is not None and expires_at <= timezone.now():
        return "ban_expired", _("The end of a ban must be in the future.")
    return None


def unban_refusal(
    actor: Actor, community: Community, *, may_ban: bool | None = None
) -> Refusal | None:
    """Whoever may ban lifts bans (`may_ban` as for ban_refusal)."""
    if not (can_ban(actor, community) if may_ban is None else may_ban):
        return "not_moderator", _("Only the community's moderators can lift bans.")
    return None
