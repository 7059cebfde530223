"""Reads of the inbox: one keyset page, one notification, the unread count."""

from django.shortcuts import get_object_or_404

from apps.accounts.models import User
from apps.core.pagination import Page, keyset_page

from .models import FILTERS, Notification

PAGE_SIZE = 25


def inbox_page(
    user: User, *, filter_name: str = "all", cursor: str | None = None, page_size: int = PAGE_SIZE
) -> Page[Notification]:
    """`user`'s notifications, newest activity first. One query whatever the
    page size: the actor (with profile), the post (with community), the
    comment and the community come joined."""
    queryset = (
        Notification.objects.filter(recipient=user)
        .of_filter(filter_name if filter_name in FILTERS else "all")
        .select_related("actor__profile", "post__community", "comment", "community")
    )
    return keyset_page(queryset, key="updated", cursor=cursor, page_size=page_size)


def notification_of(user: User, notification_id: int) -> Notification:
    """One of `user`'s notifications with what its link needs, or 404
    (another member's id looks exactly like one that does not exist)."""
    return get_object_or_404(
        Notification.objects.select_related("actor", "post__community", "community"),
        pk=notification_id,
        recipient=user,
    )


def unread_count(user: User) -> int:
    """The unread count: Profile.unread_notifications, which both the
    session backend and the API's token authentication load with the member
    (no query). No cache in front: it could only add a round trip."""
    return user.profile.unread_notifications
