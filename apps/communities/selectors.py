"""Reads for community pages. Each function says what it costs in queries."""

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404
from modeltranslation.utils import (
    build_localized_fieldname,
    get_language,
    get_translation_fields,
    resolution_order,
)

from apps.accounts.types import Actor
from apps.core.pagination import Page, decode_cursor, encode_cursor, keyset_page

from . import policies
from .models import Ban, Community, JoinRequest, Membership, Visibility

DIRECTORY_PAGE_SIZE = 30
MEMBERS_PAGE_SIZE = 30
DIRECTORY_SORTS = ("members", "new", "name")
DEFAULT_DIRECTORY_SORT = "members"
QUERY_MAX_LENGTH = 100
# Primary keys are bigints: anything outside is a tampered cursor.
_PK_MAX = 2**63 - 1

CursorKind = Literal["int", "float", "datetime", "str"]


def checked_cursor(cursor: str | None, kind: CursorKind) -> str | None:
    """`cursor` if it decodes to a (key, pk) of the expected kind, else None
    (the first page). Hostile cursors then never reach the database as
    values of the wrong type, out of range or NaN (no 500s, no odd plans).
    Generic enough for apps.core.pagination; it lives here, the lowest app
    that needs it, and apps.posts reuses it."""
    position = decode_cursor(cursor)
    if position is None:
        return None
    value, pk = position
    if not (0 < pk <= _PK_MAX):
        return None
    ok = False
    if kind == "int":
        ok = isinstance(value, int) and -_PK_MAX <= value <= _PK_MAX
    elif kind == "float":
        ok = isinstance(value, (int, float)) and math.isfinite(value) and abs(value) < 1e15
    elif kind == "datetime":
        ok = isinstance(value, datetime) and value.tzinfo is not None
    elif kind == "str":
        ok = isinstance(value, str) and len(value) <= 200
    return cursor if ok else None


def ascending_keyset_page(
    queryset: QuerySet, *, key: str, cursor: str | None, page_size: int
) -> Page:
    """keyset_page's twin for lists ordered by `key, id` ascending (the
    directory by name), in the same index-bounded form:
    `key >= x AND (key > x OR id > y)`. One query, no COUNT."""
    queryset = queryset.order_by(key, "id")
    position = decode_cursor(cursor)
    if position is not None:
        value, pk = position
        queryset = queryset.filter(
            Q(**{f"{key}__gte": value}) & (Q(**{f"{key}__gt": value}) | Q(id__gt=pk))
        )
    rows = list(queryset[: page_size + 1])
    items = rows[:page_size]
    next_cursor = None
    if len(rows) > page_size:
        last = items[-1]
        next_cursor = encode_cursor(getattr(last, key), last.pk)
    return Page(items=items, next_cursor=next_cursor)


def community_for_viewer(slug: str, viewer: Actor) -> Community:
    """The community at /c/<slug>/ if `viewer` may read it (1 query). A
    private community is a 404 to outsiders, exactly like a missing one."""
    try:
        return (
            Community.objects.visible_to(viewer)
            .select_related("owner__profile")
            .get(slug=(slug or "").lower())
        )
    except Community.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class Standing:
    """What the viewer is in a community, for the header and the buttons."""

    membership: Membership | None
    is_banned: bool
    is_moderator: bool
    can_contribute: bool
    can_join: bool
    can_leave: bool

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def is_waiting(self) -> bool:
        """A member of a restricted community waiting for a moderator's approval."""
        membership = self.membership
        return bool(
            membership is not None
            and not membership.is_approved
            and not membership.is_moderator
            and not self.is_banned
            and membership.community.visibility == Visibility.RESTRICTED
        )


def community_standing(viewer: Actor, community: Community) -> Standing:
    """The viewer's membership, ban and derived rights (2 queries, 0 for
    visitors): the rules of apps.communities.policies, given what is known."""
    if not viewer.is_authenticated:
        return Standing(None, False, False, False, False, False)
    membership = Membership.objects.filter(community=community, user=viewer).first()
    if membership is not None:
        membership.community = community
    banned = Ban.objects.active().filter(community=community, user=viewer).exists()
    is_moderator = community.owner_id == viewer.pk or bool(membership and membership.is_moderator)
    return Standing(
        membership=membership,
        is_banned=banned,
        is_moderator=is_moderator,
        can_contribute=policies.contribute_rule(
            viewer, community, membership=membership, banned=banned
        ),
        can_join=membership is None
        and policies.join_refusal(viewer, community, banned=banned) is None,
        can_leave=membership is not None and policies.leave_refusal(viewer, community) is None,
    )


def fresh_member_count(community: Community) -> Community:
    """`community` with its member_count read again (1 query): a join or a
    leave has just changed it."""
    community.refresh_from_db(fields=["member_count"])
    return community


def directory_page(
    *,
    viewer: Actor,
    sort: str = DEFAULT_DIRECTORY_SORT,
    query: str = "",
    cursor: str | None = None,
    page_size: int = DIRECTORY_PAGE_SIZE,
) -> Page[Community]:
    """One page of the communities `viewer` may see, each annotated with
    `is_member` (1 query whatever the page, the sort or the filter)."""
    if sort not in DIRECTORY_SORTS:
        sort = DEFAULT_DIRECTORY_SORT
    queryset = Community.objects.visible_to(viewer).with_membership(viewer)
    query = (query or "").strip()[:QUERY_MAX_LENGTH]
    if query:
        queryset = queryset.filter(name_matches(query) | Q(slug__icontains=query))
    if sort == "name":
        return ascending_keyset_page(
            queryset.annotate(shown_name=shown_name()),
            key="shown_name",
            cursor=checked_cursor(cursor, "str"),
            page_size=page_size,
        )
    key = "member_count" if sort == "members" else "created"
    kind: CursorKind = "int" if sort == "members" else "datetime"
    return keyset_page(queryset, key=key, cursor=checked_cursor(cursor, kind), page_size=page_size)


def name_matches(text: str) -> Q:
    """Communities whose name contains `text` in any language. The name is
    translated (apps/communities/translation.py): a plain `name__icontains`
    would only look at the active language's column, which is empty until
    someone translates it, so untranslated communities could not be found."""
    condition = Q()
    for field in get_translation_fields("name"):
        condition |= Q(**{f"{field}__icontains": text})
    return condition


def shown_name() -> Coalesce:
    """The name a page shows in the active language, in SQL: its translation,
    else the English original (what `community.name` returns), so sorting by
    name sorts what the reader sees. An expression, so not index-backed: the
    name sort scans the visible communities (a small table, unlike posts)."""
    fields = [
        build_localized_fieldname("name", language) for language in resolution_order(get_language())
    ]
    return Coalesce(
        *(NullIf(field, Value("")) for field in fields), Value(""), output_field=CharField()
    )


def moderators_of(community: Community) -> list[Membership]:
    """The owner and appointed moderators with their profiles, owner first (1 query)."""
    memberships = list(
        Membership.objects.filter(community=community, is_moderator=True)
        .select_related("user__profile")
        .order_by("created", "id")
    )
    memberships.sort(key=lambda m: m.user_id != community.owner_id)
    return memberships


# --- the Members page (apps.moderation shows it to moderators) -------------------------


def pending_page(
    community: Community, *, cursor: str | None = None, page_size: int = MEMBERS_PAGE_SIZE
) -> Page[JoinRequest] | Page[Membership]:
    """Who waits for a moderator, newest first: the requests to join a
    private community (JoinRequest), or the members of a restricted one not
    approved to post yet (Membership). Each row has `user` (with profile)
    and `created`. 1 query whatever the page."""
    cursor = checked_cursor(cursor, "datetime")
    if community.visibility == Visibility.PRIVATE:
        requests = JoinRequest.objects.filter(community=community).select_related("user__profile")
        return keyset_page(requests, key="created", cursor=cursor, page_size=page_size)
    waiting = Membership.objects.filter(
        community=community, is_approved=False, is_moderator=False
    ).select_related("user__profile")
    return keyset_page(waiting, key="created", cursor=cursor, page_size=page_size)


def members_page(
    community: Community, *, cursor: str | None = None, page_size: int = MEMBERS_PAGE_SIZE
) -> Page[Membership]:
    """The community's members (those waiting for approval are in
    pending_page), newest first, with their profiles. 1 query whatever the page."""
    members = Membership.objects.filter(community=community).filter(
        Q(is_approved=True) | Q(is_moderator=True)
    )
    return keyset_page(
        members.select_related("user__profile"),
        key="created",
        cursor=checked_cursor(cursor, "datetime"),
        page_size=page_size,
    )


def has_requested(viewer: Actor, community: Community) -> bool:
    """Whether `viewer` asked to join `community` and waits (1 query, 0 for visitors)."""
    if not viewer.is_authenticated:
        return False
    return JoinRequest.objects.filter(community=community, user=viewer).exists()


def community_by_slug(slug: str) -> Community:
    """The community at `slug` whoever asks, or 404 (1 query). Only for the
    page where a member asks to join a private community: it shows the
    address alone, nothing the community holds."""
    try:
        return Community.objects.get(slug=(slug or "").lower())
    except Community.DoesNotExist:
        raise Http404 from None
