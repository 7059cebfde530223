"""Reads of the registration pages. Each states its cost."""

from dataclasses import dataclass, field
from datetime import datetime

from apps.accounts.models import User
from apps.core.pagination import Page, keyset_page

from .models import Application, ApplicationStatus, Invite, InviteUse

QUEUE_PAGE_SIZE = 25
INVITES_PAGE_SIZE = 25


def pending_applications(*, cursor: str | None = None, page_size: int = QUEUE_PAGE_SIZE) -> Page:
    """Applications waiting for a decision, newest first, with their
    applicant: one query, whatever the number of rows."""
    queryset = Application.objects.filter(status=ApplicationStatus.PENDING).select_related("user")
    return keyset_page(queryset, key="created", cursor=cursor, page_size=page_size)


def invites_of(user: User, *, cursor: str | None = None) -> Page:
    """The member's invite links, newest first: one query."""
    return keyset_page(
        Invite.objects.filter(inviter=user),
        key="created",
        cursor=cursor,
        page_size=INVITES_PAGE_SIZE,
    )


@dataclass
class TreeNode:
    user: User
    joined: datetime | None = None
    children: list["TreeNode"] = field(default_factory=list)


def invite_tree() -> list[TreeNode]:
    """Who invited whom, Lobsters style: the members who invited without
    having been invited themselves are the roots, each with the members who
    joined with their invites (oldest first), and so on down. One query
    (every edge, with both members), the tree built in Python."""
    uses = InviteUse.objects.select_related("user", "invite__inviter").order_by("created", "id")
    nodes: dict[int, TreeNode] = {}
    invited: set[int] = set()
    roots: list[TreeNode] = []

    def node(user: User) -> TreeNode:
        if user.pk not in nodes:
            nodes[user.pk] = TreeNode(user=user)
        return nodes[user.pk]

    for use in uses:
        parent = node(use.invite.inviter)
        child = node(use.user)
        child.joined = use.created
        invited.add(use.user_id)
        parent.children.append(child)
    seen: set[int] = set()
    for use in uses:
        inviter = use.invite.inviter
        if inviter.pk not in invited and inviter.pk not in seen:
            seen.add(inviter.pk)
            roots.append(nodes[inviter.pk])
    return roots
