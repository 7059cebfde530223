"""Reads for the report queues, the moderation logs and the moderators'
pages. Each function says what it costs in queries; none grows with the
number of rows shown.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.types import Actor
from apps.comments.models import Comment
from apps.communities.models import Ban, Community, Membership, Visibility
from apps.communities.selectors import checked_cursor, community_for_viewer
from apps.core.pagination import Page, decode_cursor, encode_cursor, keyset_page
from apps.messaging import selectors as messaging_selectors
from apps.messaging.models import Message
from apps.posts.models import Post

from .models import (
    PRIVATE_ACTIONS,
    Action,
    ModerationAction,
    Report,
    ReportReason,
    TargetKind,
)

QUEUE_PAGE_SIZE = 25
LOG_PAGE_SIZE = 50
BANS_PAGE_SIZE = 50
QUEUE_SORTS = ("oldest", "reports")
DEFAULT_QUEUE_SORT = "oldest"
USERNAME_MAX_LENGTH = 150


# --- what the actions act on ------------------------------------------------------------
# Each is a 404 unless the viewer may see it (as if it did not exist); the
# services then decide whether they may act on it.


def report_target(viewer: Actor, kind: str, key: int | str) -> Post | Comment | User | Message:
    """The post, comment, private message (by id) or active member (by
    username) to report, with what the report page shows (1 query). A
    message is a 404 for anyone but its two members."""
    if kind == TargetKind.POST:
        return post_to_moderate(viewer, key, "author__profile")
    if kind == TargetKind.COMMENT:
        return comment_to_moderate(viewer, key, "author__profile")
    if kind == TargetKind.MEMBER:
        return get_object_or_404(
            User.objects.select_related("profile"), username__iexact=key, is_active=True
        )
    if kind == TargetKind.MESSAGE:
        return messaging_selectors.message_for_participant(viewer, int(key))
    raise Http404


def post_to_moderate(viewer: Actor, post_id, *related: str) -> Post:
    """A post the viewer may read, with its community (1 query)."""
    queryset = Post.objects.visible_to(viewer).select_related("community", *related)
    return get_object_or_404(queryset, pk=post_id)


def comment_to_moderate(viewer: Actor, comment_id, *related: str) -> Comment:
    """A comment on a post the viewer may read, with its post and community (1 query)."""
    queryset = Comment.objects.on_visible_posts(viewer).select_related("post__community", *related)
    return get_object_or_404(queryset, pk=comment_id)


def report_to_decide(viewer: Actor, report_id: int) -> Report:
    """A report, with its community if the viewer may read it (2 queries)."""
    report = get_object_or_404(Report.objects.select_related("community"), pk=report_id)
    if report.community is not None:
        community_for_viewer(report.community.slug, viewer)
    return report


def report_with_target(report_id) -> Report | None:
    """A report with its target and community, or None (1 query)."""
    try:
        report_id = int(report_id or 0)
    except (TypeError, ValueError):
        return None
    return (
        Report.objects.select_related(
            "community", "post__community", "comment__post__community", "member", "message__sender"
        )
        .filter(pk=report_id)
        .first()
    )


# --- the report queue -----------------------------------------------------------------


@dataclass
class ReportGroup:
    """The open reports about one target, as the queue shows them."""

    kind: str
    target: Post | Comment | User | Message
    community: Community | None
    count: int
    oldest: datetime
    first_id: int
    reports: list[Report] = field(default_factory=list)

    @property
    def key(self) -> str:
        """A stable id for the group's element and its htmx swaps."""
        return f"{self.kind}-{self.target.pk}"

    @property
    def first_report(self) -> Report:
        return self.reports[0]

    @property
    def reasons(self) -> list[tuple[str, int]]:
        """Each reason's label (in the active language) and how many reports
        gave it, most frequent first."""
        labels = dict(ReportReason.choices)
        counts = Counter(report.reason for report in self.reports)
        return [(str(labels.get(reason, reason)), n) for reason, n in counts.most_common()]

    @property
    def details(self) -> list[str]:
        return [report.details for report in self.reports if report.details]


def _group_cursor(cursor: str | None) -> tuple[int, int] | None:
    position = decode_cursor(cursor)
    if position is None:
        return None
    value, first_id = position
    if not isinstance(value, int) or isinstance(value, bool) or not (0 < first_id < 2**63):
        return None
    return value, first_id


def report_groups_page(
    *,
    community: Community | None,
    sort: str = DEFAULT_QUEUE_SORT,
    cursor: str | None = None,
    page_size: int = QUEUE_PAGE_SIZE,
    target_filter: Q | None = None,
) -> Page[ReportGroup]:
    """Open reports grouped by target, `oldest` first (the target waiting
    longest) or most `reports` first (then oldest). `community` None is the
    staff queue: every community and the reports about members.

    2 queries: the groups (GROUP BY target over the open reports, read
    through the partial index report_open_idx / report_open_all_idx, so the
    cost follows the open reports, not the table), then the page's reports
    with their targets, authors and communities joined."""
    sort = sort if sort in QUEUE_SORTS else DEFAULT_QUEUE_SORT
    reports = Report.objects.open()
    if community is not None:
        reports = reports.filter(community=community)
    if target_filter is not None:
        reports = reports.filter(target_filter)
    groups = reports.values("post_id", "comment_id", "member_id", "message_id").annotate(
        count=Count("id"), first_id=Min("id"), oldest=Min("created")
    )
    position = _group_cursor(cursor)
    if sort == "reports":
        groups = groups.order_by("-count", "first_id")
        if position is not None:
            count, first_id = position
            groups = groups.filter(Q(count__lt=count) | Q(count=count, first_id__gt=first_id))
    else:
        groups = groups.order_by("first_id")
        if position is not None:
            groups = groups.filter(first_id__gt=position[1])
    rows = list(groups[: page_size + 1])
    page_rows = rows[:page_size]
    next_cursor = None
    if len(rows) > page_size:
        last = page_rows[-1]
        next_cursor = encode_cursor(last["count"] if sort == "reports" else 0, last["first_id"])
    if not page_rows:
        return Page(items=[], next_cursor=None)

    wanted = Q()
    for kind in ("post", "comment", "member", "message"):
        ids = [row[f"{kind}_id"] for row in page_rows if row[f"{kind}_id"]]
        if ids:
            wanted |= Q(**{f"{kind}_id__in": ids})
    detail = (
        reports.filter(wanted)
        .select_related(
            "community",
            "post__community",
            "post__author__profile",
            "comment__post__community",
            "comment__author__profile",
            "member__profile",
            "message__sender__profile",
        )
        .order_by("created", "id")
    )
    by_target: dict[tuple, list[Report]] = {}
    for report in detail:
        by_target.setdefault(
            (report.post_id, report.comment_id, report.member_id, report.message_id), []
        ).append(report)
    items = []
    for row in page_rows:
        members = by_target.get(
            (row["post_id"], row["comment_id"], row["member_id"], row["message_id"]), []
        )
        if not members:
            continue  # closed between the two queries
        first = members[0]
        items.append(
            ReportGroup(
                kind=first.kind,
                target=first.target,
                community=first.community,
                count=row["count"],
                oldest=row["oldest"],
                first_id=row["first_id"],
                reports=members,
            )
        )
    return Page(items=items, next_cursor=next_cursor)


def report_group_for(*, community: Community | None, kind: str, target_id: int):
    """The open reports about one target, as a group, or None (2 queries)."""
    page = report_groups_page(
        community=community, target_filter=Q(**{f"{kind}_id": target_id}), page_size=1
    )
    return page.items[0] if page.items else None


# --- the moderation logs ------------------------------------------------------------------

LOG_ACTIONS = [(value, label) for value, label in Action.choices if value not in PRIVATE_ACTIONS]


@dataclass(frozen=True)
class LogFilters:
    action: str = ""
    community: str = ""
    moderator: str = ""
    since: date | None = None
    until: date | None = None

    @property
    def active(self) -> bool:
        return bool(self.action or self.community or self.moderator or self.since or self.until)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


def log_filters(query: dict) -> LogFilters:
    """The log's filters from a GET dict: unknown or malformed values are
    dropped (never an error, never a 500)."""
    action = query.get("action", "")
    if action not in dict(LOG_ACTIONS):
        action = ""
    return LogFilters(
        action=action,
        community=(query.get("community") or "").strip().lower()[:40],
        moderator=(query.get("moderator") or "").strip()[:USERNAME_MAX_LENGTH],
        since=_date(query.get("since", "")),
        until=_date(query.get("until", "")),
    )


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def log_page(
    *,
    viewer: Actor,
    community: Community | None = None,
    filters: LogFilters | None = None,
    cursor: str | None = None,
    page_size: int = LOG_PAGE_SIZE,
) -> Page[ModerationAction]:
    """The public moderation log, newest first: of one community (the caller
    checked the viewer may read it), or site-wide (actions in communities the
    viewer may read, and site-wide suspensions). Report decisions are left
    out (PRIVATE_ACTIONS). "moderator" filters on names the log shows, so it
    never reveals which staff member acted.

    1 query: actor, community and targets joined; each filter is an index
    (community, actor, action, time) walked in keyset order."""
    filters = filters or LogFilters()
    queryset = ModerationAction.objects.public().select_related(
        "actor__profile",
        "community",
        "post__community",
        "comment__post__community",
        "member__profile",
    )
    if community is not None:
        queryset = queryset.filter(community=community)
    else:
        queryset = queryset.filter(_visible_communities(viewer))
        if filters.community:
            queryset = queryset.filter(community__slug=filters.community)
    if filters.action:
        queryset = queryset.filter(action=filters.action)
    if filters.moderator:
        queryset = queryset.filter(actor__username__iexact=filters.moderator, as_staff=False)
    if filters.since:
        queryset = queryset.filter(created__gte=_day_start(filters.since))
    if filters.until:
        queryset = queryset.filter(created__lt=_day_start(filters.until) + timedelta(days=1))
    return keyset_page(
        queryset, key="created", cursor=checked_cursor(cursor, "datetime"), page_size=page_size
    )


def _visible_communities(viewer: Actor) -> Q:
    """Log lines the viewer may see: no community (suspensions) or one they
    may read (apps.communities' visibility rule, as a condition on the row)."""
    if viewer.is_authenticated and viewer.is_staff:
        return Q()
    readable = Q(community__isnull=True) | ~Q(community__visibility=Visibility.PRIVATE)
    if viewer.is_authenticated:
        member = Membership.objects.filter(community=OuterRef("community_id"), user=viewer)
        readable |= Q(Exists(member))
    return readable


# --- moderators' pages ----------------------------------------------------------------------


def bans_page(
    community: Community, *, cursor: str | None = None, page_size: int = BANS_PAGE_SIZE
) -> Page[Ban]:
    """The community's bans still in force, newest first, with the banned
    member's and the moderator's profiles (1 query)."""
    queryset = (
        Ban.objects.active()
        .filter(community=community)
        .select_related("user__profile", "banned_by__profile")
    )
    return keyset_page(
        queryset, key="created", cursor=checked_cursor(cursor, "datetime"), page_size=page_size
    )


def member_by_name(username: str) -> User | None:
    """An active member by username, case-insensitively (1 query)."""
    username = (username or "").strip().lstrip("@")[:USERNAME_MAX_LENGTH]
    if not username:
        return None
    return User.objects.filter(username__iexact=username, is_active=True).first()
