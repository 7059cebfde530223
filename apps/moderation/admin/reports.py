"""Reports: the list (records nobody edits), bulk decisions, and the queue
view of every community's open reports grouped by target."""

from collections.abc import Callable
from datetime import timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, linebreaks
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext_lazy

from apps.core.http import service_call
from apps.posts.models import Post

from .. import selectors, services
from ..models import Report, ReportStatus, TargetKind
from .shared import ModerationActionsMixin, live_link, target_text, target_url


class TargetKindFilter(admin.SimpleListFilter):
    # Translators: admin filter title: what a report is about (a post, a comment, a member…).
    title = pgettext_lazy("report target", "about")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return TargetKind.choices

    def queryset(self, request, queryset):
        if self.value() in TargetKind.values:
            return queryset.filter(**{f"{self.value()}__isnull": False})
        return queryset


@admin.register(Report)
class ReportAdmin(ModerationActionsMixin, admin.ModelAdmin):
    """Reports, newest first; the queue view groups the open ones by target,
    oldest or most reported first. Reports are records: nobody edits,
    adds or deletes them here; the actions close them through the services."""

    list_display = (
        "id",
        "reason",
        "target",
        "community",
        "reporter",
        "status",
        "created",
        "resolved_by",
        "on_site",
    )
    list_display_links = ("id", "reason")
    list_filter = ("status", TargetKindFilter, "reason", "created")
    list_select_related = (
        "reporter",
        "community",
        "post__community",
        "comment__post__community",
        "member",
        "message__sender",
        "resolved_by",
    )
    search_fields = ("details", "reporter__username", "member__username", "community__slug")
    search_help_text = gettext_lazy(
        "Details, the reporter's or the reported member's username, or the community's address."
    )
    ordering = ("-created", "-id")
    show_full_result_count = False
    raw_id_fields = ("reporter", "post", "comment", "member", "community", "resolved_by")
    readonly_fields = (
        "reporter",
        "target",
        "message_text",
        "on_site",
        "community",
        "reason",
        "details",
        "status",
        "created",
        "resolved_at",
        "resolved_by",
        "note",
    )
    fields = readonly_fields
    actions = ("resolve_reports", "dismiss_reports", "remove_targets", "suspend_reported")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def view_on_site(self, obj):
        return target_url(obj) or None

    # Translators: admin column: what a report is about (a post, a comment, a member…).
    @admin.display(description=pgettext_lazy("report target", "about"))
    def target(self, obj: Report) -> str:
        return target_text(obj)

    @admin.display(description=gettext_lazy("reported message"))
    def message_text(self, obj: Report) -> str:
        """A reported private message in full: staff read messages here, in
        the report, and nowhere else (no admin of messages exists)."""
        if obj.message is None:
            return "-"
        return format_html(
            "<p>{}</p><blockquote>{}</blockquote>",
            # Translators: Admin, a reported private message; %(sender)s is a username, %(when)s a
            # date and time.
            _("From %(sender)s, sent %(when)s:")
            % {
                "sender": obj.message.sender.username,
                "when": date_format(localtime(obj.message.created), "DATETIME_FORMAT"),
            },
            linebreaks(obj.message.body_text, autoescape=True),
        )

    @admin.display(description=gettext_lazy("on the site"))
    def on_site(self, obj: Report) -> str:
        url = target_url(obj)
        return live_link(url) if url else "-"

    def _one_per_target(self, queryset) -> list[Report]:
        """One open report per target: a decision closes all of a target's."""
        chosen: dict[tuple, Report] = {}
        for report in self._open_reports(queryset):
            key = (report.post_id, report.comment_id, report.member_id, report.message_id)
            chosen.setdefault(key, report)
        return list(chosen.values())

    def _open_reports(self, queryset):
        return queryset.filter(status=ReportStatus.OPEN).select_related(
            "community", "post__community", "comment__post__community", "member", "message__sender"
        )

    @admin.action(
        description=gettext_lazy("Resolve selected reports (reason = note)"),
        permissions=["moderate"],
    )
    def resolve_reports(self, request, queryset):
        note = self._reason(request)
        self._apply(
            request,
            self._one_per_target(queryset),
            lambda report: services.report_resolve(actor=request.user, report=report, note=note),
            ngettext_lazy(
                # Translators: Admin message; %(count)d is the number of reported posts, comments,
                # members or messages whose reports were resolved.
                "Reports about %(count)d target resolved.",
                "Reports about %(count)d targets resolved.",
                "count",
            ),
        )

    @admin.action(
        description=gettext_lazy("Dismiss selected reports (reason = note)"),
        permissions=["moderate"],
    )
    def dismiss_reports(self, request, queryset):
        note = self._reason(request)
        self._apply(
            request,
            self._one_per_target(queryset),
            lambda report: services.report_dismiss(actor=request.user, report=report, note=note),
            ngettext_lazy(
                # Translators: Admin message; %(count)d is the number of reported posts, comments,
                # members or messages whose reports were dismissed.
                "Reports about %(count)d target dismissed.",
                "Reports about %(count)d targets dismissed.",
                "count",
            ),
        )

    @admin.action(
        description=gettext_lazy("Remove the reported posts and comments (reason required)"),
        permissions=["moderate"],
    )
    def remove_targets(self, request, queryset):
        reason = self._reason(request)
        targets = {}
        reports = self._open_reports(queryset)
        for report in reports.filter(Q(post__isnull=False) | Q(comment__isnull=False)):
            targets.setdefault((report.kind, report.target.pk), report.target)

        def remove(target):
            if isinstance(target, Post):
                return services.post_remove(actor=request.user, post=target, reason=reason)
            return services.comment_remove(actor=request.user, comment=target, reason=reason)

        self._apply(
            request,
            targets.values(),
            remove,
            # Translators: Admin message; %(count)d is the number of reported posts and comments
            # removed.
            ngettext_lazy("%(count)d item removed.", "%(count)d items removed.", "count"),
        )

    @admin.action(
        description=gettext_lazy("Suspend the reported members (reason required)"),
        permissions=["suspend"],
    )
    def suspend_reported(self, request, queryset):
        reason, days = self._reason(request), self._days(request)
        expires_at = timezone.now() + timedelta(days=days) if days else None
        members = {
            r.member_id: r.member for r in self._open_reports(queryset).filter(member__isnull=False)
        }
        self._apply(
            request,
            members.values(),
            lambda member: services.member_suspend(
                actor=request.user, member=member, reason=reason, expires_at=expires_at
            ),
            # Translators: Admin message; %(count)d is the number of members suspended from the
            # whole site.
            ngettext_lazy("%(count)d member suspended.", "%(count)d members suspended.", "count"),
        )

    # --- the queue view ---

    def get_urls(self):
        queue = self.admin_site.admin_view(self.queue_view)
        return [
            path("queue/", queue, name="moderation_report_queue"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "queue_url": reverse("admin:moderation_report_queue"),
        }
        return super().changelist_view(request, extra_context)

    def queue_view(self, request: HttpRequest):
        """Every community's open reports (and those about members), grouped
        by target, oldest or most reported first (2 queries + the admin's)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            return self._queue_post(request)
        sort = request.GET.get("sort", selectors.DEFAULT_QUEUE_SORT)
        page = selectors.report_groups_page(
            community=None, sort=sort, cursor=request.GET.get("cursor"), page_size=50
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Report queue"),
            "page": page,
            "sort": sort if sort in selectors.QUEUE_SORTS else selectors.DEFAULT_QUEUE_SORT,
            "sorts": [("oldest", _("Waiting longest")), ("reports", _("Most reports"))],
            "changelist_url": reverse("admin:moderation_report_changelist"),
            "can_act": self.has_moderate_permission(request),
            "can_suspend": self.has_suspend_permission(request),
        }
        return TemplateResponse(request, "admin/moderation/report/queue.html", context)

    def _queue_post(self, request: HttpRequest):
        """One decision from the queue: resolve, dismiss, remove the target or
        suspend the reported member; then back to the queue with a message."""
        report = selectors.report_with_target(request.POST.get("report"))
        decide = None
        if report is not None:
            decision = request.POST.get("decision", "")
            decide = QUEUE_DECISIONS.get((decision, None)) or QUEUE_DECISIONS.get(
                (decision, report.kind)
            )
        if report is None:
            self.message_user(request, _("This report no longer exists."), messages.ERROR)
        elif decide is None:
            self.message_user(request, _("Unknown action."), messages.ERROR)
        else:
            with service_call() as call:
                decide(request.user, report, request.POST.get("reason", ""))
            if call.ok:
                # Translators: Confirmation message (an adjective/past participle): the action is
                # finished.
                self.message_user(request, _("Done."), messages.SUCCESS)
            else:
                self.message_user(request, call.message, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())


# The queue's decisions: (decision, the kind of target it fits, None for
# any) → the service it calls with (actor, report, the typed reason).
QUEUE_DECISIONS: dict[tuple[str, str | None], Callable[..., object]] = {
    ("resolve", None): lambda actor, report, text: services.report_resolve(
        actor=actor, report=report, note=text
    ),
    ("dismiss", None): lambda actor, report, text: services.report_dismiss(
        actor=actor, report=report, note=text
    ),
    ("remove", TargetKind.POST): lambda actor, report, text: services.post_remove(
        actor=actor, post=report.post, reason=text
    ),
    ("remove", TargetKind.COMMENT): lambda actor, report, text: services.comment_remove(
        actor=actor, comment=report.comment, reason=text
    ),
    ("suspend", TargetKind.MEMBER): lambda actor, report, text: services.member_suspend(
        actor=actor, member=report.member, reason=text
    ),
    # A reported private message: its sender is who may be suspended.
    ("suspend", TargetKind.MESSAGE): lambda actor, report, text: services.member_suspend(
        actor=actor, member=report.message.sender, reason=text
    ),
}
