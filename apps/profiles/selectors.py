"""Reads for profile pages. Each function documents its query cost."""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from apps.accounts.models import User
from apps.accounts.types import Actor
from apps.core.pagination import Page, keyset_page

from .models import Follow

FOLLOW_PAGE_SIZE = 30
PROFILE_PREVIEW_SIZE = 8


def member_by_username(username: str) -> User:
    """An active member with their profile, matched case-insensitively (1 query)."""
    try:
        return User.objects.select_related("profile").get(username__iexact=username, is_active=True)
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
