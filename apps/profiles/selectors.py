"""Reads for profile pages. Each function documents its query cost."""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from apps.accounts.models import User
from apps.accounts.types import Actor
from apps.core.pagination import Page, keyset_page

from .models import Block, Follow

FOLLOW_PAGE_SIZE = 30
BLOCKS_PAGE_SIZE = 50
PROFILE_PREVIEW_SIZE = 8


def member_by_username(username: str, *, include_inactive: bool = False) -> User:
    """An active member with their profile, matched case-insensitively (1
    query); `include_inactive` also finds suspended or closed accounts (to
    undo a block on one)."""
    members = User.objects.select_related("profile")
    if not include_inactive:
        members = members.filter(is_active=True)
    try:
        return members.get(username__iexact=username)
    except User.DoesNotExist:
        raise Http404 from None


def is_following(viewer: Actor, member: User) -> bool:
    """Whether `viewer` follows `member` (1 query, 0 for visitors and oneself)."""
    if not viewer.is_authenticated or viewer.pk == member.pk:
        return False
    return Follow.objects.filter(follower=viewer, followee=member).exists()


def _with_viewer_follows(queryset: QuerySet, viewer: Actor, member_field: str) -> QuerySet:
    """Annotate each row with whether the viewer follows the member it shows,
    inside the same query (no per-row lookup)."""
    if not viewer.is_authenticated:
        return queryset
    return queryset.annotate(
        viewer_follows=Exists(
            Follow.objects.filter(follower=viewer, followee=OuterRef(member_field))
        )
    )


def followers_page(
    member: User, *, viewer: Actor, cursor: str | None = None, page_size: int = FOLLOW_PAGE_SIZE
) -> Page[Follow]:
    """Who follows `member`, newest first (1 query whatever the page or its size)."""
    queryset = Follow.objects.filter(followee=member, follower__is_active=True).select_related(
        "follower__profile"
    )
    queryset = _with_viewer_follows(queryset, viewer, "follower_id")
    return keyset_page(queryset, key="created", cursor=cursor, page_size=page_size)


def following_page(
    member: User, *, viewer: Actor, cursor: str | None = None, page_size: int = FOLLOW_PAGE_SIZE
) -> Page[Follow]:
    """Whom `member` follows, newest first (1 query)."""
    queryset = Follow.objects.filter(follower=member, followee__is_active=True).select_related(
        "followee__profile"
    )
    queryset = _with_viewer_follows(queryset, viewer, "followee_id")
    return keyset_page(queryset, key="created", cursor=cursor, page_size=page_size)


# --- blocks ---------------------------------------------------------------------------
# A block is private to the blocker: these reads answer the blocker's
# questions (whom did I block?) and the rules' (did they block me?), and no
# page ever shows the blocked member that they were blocked.


def has_blocked(blocker: Actor, blocked: Actor) -> bool:
    """Whether `blocker` blocked `blocked` (1 query; 0 for visitors and oneself)."""
    if not blocker.is_authenticated or not blocked.is_authenticated or blocker.pk == blocked.pk:
        return False
    return Block.objects.filter(blocker_id=blocker.pk, blocked_id=blocked.pk).exists()


def blocked_ids(user: Actor) -> frozenset[int]:
    """The ids of the members `user` blocked (1 query; 0 for visitors): loaded
    once per page to fold their content."""
    if not user.is_authenticated:
        return frozenset()
    return frozenset(Block.objects.filter(blocker_id=user.pk).values_list("blocked_id", flat=True))


def blocked_by_viewer(viewer: Actor, member_field: str = "author_id") -> Exists | None:
    """An EXISTS expression, for an annotation, that is true on rows whose
    `member_field` is a member the viewer blocked (None for visitors): folds
    blocked members' content inside the list's own query, no extra one."""
    if not viewer.is_authenticated:
        return None
    return Exists(Block.objects.filter(blocker_id=viewer.pk, blocked_id=OuterRef(member_field)))


def blocks_page(
    user: User, *, cursor: str | None = None, page_size: int = BLOCKS_PAGE_SIZE
) -> Page[Block]:
    """Whom `user` blocked, newest first, with each member's profile
    (1 query whatever the page)."""
    queryset = Block.objects.filter(blocker=user).select_related("blocked__profile")
    return keyset_page(queryset, key="created", cursor=cursor, page_size=page_size)
