"""The Django admin for staff moderators.

All moderation logic stays in apps.moderation.services: this module
registers the admin of reports, the log and suspensions, and re-registers the
admins of posts, comments, bans and users (unregister + subclass, so those
apps' admin.py files stay as they are) with bulk actions and forms that call
the same services as the site. Moderation fields are read-only in every
change form: they change through the actions, which check the same policies
and write the same log.

Staff moderators (the "Moderators" group, see migration 0002) cannot edit
superusers, staff accounts, groups, permissions or site settings; the User
admin below is restricted accordingly for anyone who is not a superuser.

Lists stay fast on a million rows: show_full_result_count = False (no
COUNT(*) of the whole table), a paginator that stops counting at 10,000, no
facet counts and no date hierarchy (both scan every row), filters on indexed
columns, list_select_related for every column shown (no per-row queries:
tests pin the counts). The Post and Comment filters on is_removed and the
like are booleans without an index of their own (their tables belong to
apps.posts and apps.comments): partial indexes there would make them cheap.
"""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from apps.accounts.admin import UserAdmin as BaseUserAdmin
from apps.comments.admin import CommentAdmin as BaseCommentAdmin
from apps.comments.links import permalink_url
from apps.comments.models import Comment
from apps.communities.admin import BanAdmin as BaseBanAdmin
from apps.communities.models import Ban
from apps.posts.admin import PostAdmin as BasePostAdmin
from apps.posts.models import Post

from . import policies, selectors, services
from .models import ModerationAction, Report, ReportStatus, Suspension, TargetKind

User = get_user_model()


# --- shared pieces ------------------------------------------------------------------------


class ReasonActionForm(ActionForm):
    """The action bar with a reason (and a length for suspensions): the
    moderator types it once for all the selected rows."""

    reason = forms.CharField(label=gettext_lazy("Reason:"), required=False, max_length=500)
    days = forms.IntegerField(
        label=gettext_lazy("Days (suspensions; empty: until lifted):"),
        required=False,
        min_value=1,
        max_value=3650,
    )


def live_link(url: str) -> str:
    return format_html('<a href="{}">{}</a>', url, _("view on site"))


def target_url(obj) -> str:
    """The live page of a report's or a log entry's target ("" if none)."""
    kind = obj.kind
    if kind == TargetKind.POST and obj.post is not None:
        return obj.post.get_absolute_url()
    if kind == TargetKind.COMMENT and obj.comment is not None:
        comment = obj.comment
        return f"{permalink_url(comment.post, comment)}#comment-{comment.pk}"
    if kind == TargetKind.MEMBER and obj.member is not None:
        return reverse("profiles:detail", args=[obj.member.username])
    return ""


def target_text(obj) -> str:
    kind = obj.kind
    if kind == TargetKind.POST and obj.post is not None:
        return _("post: %(title)s") % {"title": Truncator(obj.post.title).chars(60)}
    if kind == TargetKind.COMMENT and obj.comment is not None:
        return _("comment: %(text)s") % {"text": Truncator(obj.comment.body_text).chars(60)}
    if kind == TargetKind.MEMBER and obj.member is not None:
        return _("member: %(name)s") % {"name": obj.member.username}
    return getattr(obj, "target_label", "") or "-"


class CappedCountPaginator(Paginator):
    """The admin counts the filtered rows to draw its pages: on a million
    rows that COUNT(*) is a scan. This one stops counting at COUNT_CAP
    (SELECT COUNT(*) FROM (… LIMIT cap + 1)), so a list costs the same at
    any size; past the cap the admin shows "10001 results" and 100 pages."""

    COUNT_CAP = 10_000

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.COUNT_CAP + 1].count()


class ModerationActionsMixin:
    """Bulk actions that call a service once per selected row and report
    what worked and what was refused (with the service's own message)."""

    action_form = ReasonActionForm
    paginator = CappedCountPaginator
    # Facet counts are a COUNT per filter choice over the whole table, and a
    # date hierarchy a DISTINCT over every row's date: neither on lists that
    # must stay fast on a million rows (the "created" filter's ranges use
    # the index instead).
    show_facets = admin.ShowFacets.NEVER
    date_hierarchy = None

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return policies.is_staff_moderator(request.user)

    def has_suspend_permission(self, request: HttpRequest) -> bool:
        return policies.can_suspend(request.user)

    def _reason(self, request: HttpRequest) -> str:
        return request.POST.get("reason", "")

    def _days(self, request: HttpRequest) -> int | None:
        try:
            days = int(request.POST.get("days") or 0)
        except ValueError:
            return None
        return days if 0 < days <= 3650 else None

    def _apply(self, request: HttpRequest, objects, call, done) -> None:
        """Run `call` on each object; `done` is an ngettext_lazy(..., "count")."""
        succeeded, refused = 0, []
        for obj in objects:
            try:
                call(obj)
            except (ValidationError, PermissionDenied) as error:
                text = (
                    " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                )
                refused.append(f"{obj}: {text}")
            else:
                succeeded += 1
        if succeeded:
            self.message_user(request, done % {"count": succeeded})
        for line in refused[:20]:
            self.message_user(request, line, messages.ERROR)


# --- posts ---------------------------------------------------------------------------------

MODERATION_FIELDS = ("is_removed", "removal_reason", "is_locked", "is_pinned", "is_deleted")


def _editable_field_names(model) -> list[str]:
    return [
        field.name
        for field in model._meta.get_fields()
        if getattr(field, "editable", False) and not field.auto_created and field.concrete
    ] + [field.name for field in model._meta.many_to_many]


admin.site.unregister(Post)


@admin.register(Post)
class PostAdmin(ModerationActionsMixin, BasePostAdmin):
    """apps.posts' admin, with moderation through the services."""

    list_display = (*BasePostAdmin.list_display, "on_site")
    actions = ("remove_posts", "restore_posts", "lock_posts", "unlock_posts", "pin_posts")
    actions += ("unpin_posts",)

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), *MODERATION_FIELDS]
        if not request.user.is_superuser:
            # Staff moderators moderate; they do not rewrite members' posts.
            fields += _editable_field_names(Post)
        return tuple(dict.fromkeys(fields))

    @admin.display(description=gettext_lazy("on the site"))
    def on_site(self, obj: Post) -> str:
        return live_link(obj.get_absolute_url())

    def _posts(self, queryset):
        return queryset.select_related("community")

    @admin.action(
        description=gettext_lazy("Remove selected posts (reason required)"),
        permissions=["moderate"],
    )
    def remove_posts(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            self._posts(queryset),
            lambda post: services.post_remove(actor=request.user, post=post, reason=reason),
            ngettext_lazy("%(count)d post removed.", "%(count)d posts removed.", "count"),
        )

    @admin.action(description=gettext_lazy("Restore selected posts"), permissions=["moderate"])
    def restore_posts(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            self._posts(queryset),
            lambda post: services.post_restore(actor=request.user, post=post, reason=reason),
            ngettext_lazy("%(count)d post restored.", "%(count)d posts restored.", "count"),
        )

    @admin.action(description=gettext_lazy("Lock selected posts"), permissions=["moderate"])
    def lock_posts(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            self._posts(queryset),
            lambda post: services.post_lock(actor=request.user, post=post, reason=reason),
            ngettext_lazy("%(count)d post locked.", "%(count)d posts locked.", "count"),
        )

    @admin.action(description=gettext_lazy("Unlock selected posts"), permissions=["moderate"])
    def unlock_posts(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            self._posts(queryset),
            lambda post: services.post_unlock(actor=request.user, post=post, reason=reason),
            ngettext_lazy("%(count)d post unlocked.", "%(count)d posts unlocked.", "count"),
        )

    @admin.action(description=gettext_lazy("Pin selected posts"), permissions=["moderate"])
    def pin_posts(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            self._posts(queryset),
            lambda post: services.post_pin(actor=request.user, post=post, reason=reason),
            ngettext_lazy("%(count)d post pinned.", "%(count)d posts pinned.", "count"),
        )

    @admin.action(description=gettext_lazy("Unpin selected posts"), permissions=["moderate"])
    def unpin_posts(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            self._posts(queryset),
            lambda post: services.post_unpin(actor=request.user, post=post, reason=reason),
            ngettext_lazy("%(count)d post unpinned.", "%(count)d posts unpinned.", "count"),
        )


# --- comments ----------------------------------------------------------------------------------

admin.site.unregister(Comment)


@admin.register(Comment)
class CommentAdmin(ModerationActionsMixin, BaseCommentAdmin):
    """apps.comments' (read-only) admin, with removal through the services."""

    list_display = (*BaseCommentAdmin.list_display, "link_on_site")
    actions = ("remove_comments", "restore_comments")

    def _comments(self, queryset):
        return queryset.select_related("post__community")

    @admin.action(
        description=gettext_lazy("Remove selected comments (reason required)"),
        permissions=["moderate"],
    )
    def remove_comments(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            self._comments(queryset),
            lambda comment: services.comment_remove(
                actor=request.user, comment=comment, reason=reason
            ),
            ngettext_lazy("%(count)d comment removed.", "%(count)d comments removed.", "count"),
        )

    @admin.action(description=gettext_lazy("Restore selected comments"), permissions=["moderate"])
    def restore_comments(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            self._comments(queryset),
            lambda comment: services.comment_restore(
                actor=request.user, comment=comment, reason=reason
            ),
            ngettext_lazy("%(count)d comment restored.", "%(count)d comments restored.", "count"),
        )


# --- bans --------------------------------------------------------------------------------------

admin.site.unregister(Ban)


@admin.register(Ban)
class BanAdmin(ModerationActionsMixin, BaseBanAdmin):
    """apps.communities' ban admin; bans are made and lifted by the services
    (and so logged), here as on the site."""

    actions = ("lift_bans",)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        actor = request.user

        class ServiceCheckedForm(form):
            def clean(self):
                cleaned = super().clean()
                community, member = cleaned.get("community"), cleaned.get("user")
                if community is not None and member is not None:
                    if not policies.can_ban(actor, community):
                        raise forms.ValidationError(
                            _("Only the community's moderators can ban members.")
                        )
                    if member.pk == actor.pk:
                        self.add_error("user", _("You cannot ban yourself."))
                return cleaned

        return ServiceCheckedForm

    def save_model(self, request, obj, form, change):
        ban = services.member_ban(
            actor=request.user,
            community=obj.community,
            member=obj.user,
            reason=obj.reason,
            expires_at=obj.expires_at,
        )
        obj.pk = ban.pk

    def delete_model(self, request, obj):
        services.member_unban(actor=request.user, community=obj.community, member=obj.user)

    def delete_queryset(self, request, queryset):
        for ban in queryset.select_related("community", "user"):
            self.delete_model(request, ban)

    @admin.action(description=gettext_lazy("Lift selected bans"), permissions=["moderate"])
    def lift_bans(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            queryset.select_related("community", "user"),
            lambda ban: services.member_unban(
                actor=request.user, community=ban.community, member=ban.user, reason=reason
            ),
            ngettext_lazy("%(count)d ban lifted.", "%(count)d bans lifted.", "count"),
        )


# --- users -------------------------------------------------------------------------------------

PRIVILEGED_FIELDS = ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")

admin.site.unregister(User)


@admin.register(User)
class UserAdmin(ModerationActionsMixin, BaseUserAdmin):
    """apps.accounts' user admin, with suspensions through the services.

    Anyone but a superuser sees every field read-only, cannot change (or set
    the password of) staff and superuser accounts, and never touches
    is_staff, is_superuser, groups or permissions. is_active is read-only for
    them too: it changes through suspensions, which end sessions and log."""

    list_display = (*BaseUserAdmin.list_display, "profile_link")
    actions = ("suspend_members", "unsuspend_members")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [*PRIVILEGED_FIELDS, "username", "email", "first_name", "last_name"]
        return tuple(dict.fromkeys(fields))

    def _privileged(self, obj) -> bool:
        return obj is not None and (obj.is_staff or obj.is_superuser)

    def has_change_permission(self, request, obj=None):
        if self._privileged(obj) and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._privileged(obj) and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def view_on_site(self, obj):
        """The change form's "View on site" button: the public profile."""
        return reverse("profiles:detail", args=[obj.username]) if obj.is_active else None

    @admin.display(description=gettext_lazy("public page"))
    def profile_link(self, obj) -> str:
        if not obj.is_active:
            return "-"
        return live_link(reverse("profiles:detail", args=[obj.username]))

    @admin.action(
        description=gettext_lazy("Suspend selected members (reason required)"),
        permissions=["suspend"],
    )
    def suspend_members(self, request, queryset):
        reason, days = self._reason(request), self._days(request)
        expires_at = timezone.now() + timedelta(days=days) if days else None
        self._apply(
            request,
            queryset,
            lambda member: services.member_suspend(
                actor=request.user, member=member, reason=reason, expires_at=expires_at
            ),
            ngettext_lazy("%(count)d member suspended.", "%(count)d members suspended.", "count"),
        )

    @admin.action(
        description=gettext_lazy("Lift the suspension of selected members"), permissions=["suspend"]
    )
    def unsuspend_members(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            queryset,
            lambda member: services.member_unsuspend(
                actor=request.user, member=member, reason=reason
            ),
            ngettext_lazy("%(count)d suspension lifted.", "%(count)d suspensions lifted.", "count"),
        )


# --- reports ---------------------------------------------------------------------------------


class TargetKindFilter(admin.SimpleListFilter):
    title = gettext_lazy("about")
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

    @admin.display(description=gettext_lazy("about"))
    def target(self, obj: Report) -> str:
        return target_text(obj)

    @admin.display(description=gettext_lazy("on the site"))
    def on_site(self, obj: Report) -> str:
        url = target_url(obj)
        return live_link(url) if url else "-"

    def _one_per_target(self, queryset) -> list[Report]:
        """One open report per target: a decision closes all of a target's."""
        chosen: dict[tuple, Report] = {}
        for report in self._open_reports(queryset):
            chosen.setdefault((report.post_id, report.comment_id, report.member_id), report)
        return list(chosen.values())

    def _open_reports(self, queryset):
        return queryset.filter(status=ReportStatus.OPEN).select_related(
            "community", "post__community", "comment__post__community", "member"
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
        for report in self._open_reports(queryset).exclude(member__isnull=False):
            targets.setdefault((report.kind, report.target.pk), report.target)

        def remove(target):
            if isinstance(target, Post):
                return services.post_remove(actor=request.user, post=target, reason=reason)
            return services.comment_remove(actor=request.user, comment=target, reason=reason)

        self._apply(
            request,
            targets.values(),
            remove,
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
        back = HttpResponseRedirect(request.get_full_path())
        report = (
            Report.objects.select_related(
                "community", "post__community", "comment__post__community", "member"
            )
            .filter(pk=request.POST.get("report") or 0)
            .first()
        )
        if report is None:
            self.message_user(request, _("This report no longer exists."), messages.ERROR)
            return back
        decision = request.POST.get("decision", "")
        text = request.POST.get("reason", "")
        actor = request.user
        try:
            if decision == "resolve":
                services.report_resolve(actor=actor, report=report, note=text)
            elif decision == "dismiss":
                services.report_dismiss(actor=actor, report=report, note=text)
            elif decision == "remove" and report.kind == TargetKind.POST:
                services.post_remove(actor=actor, post=report.post, reason=text)
            elif decision == "remove" and report.kind == TargetKind.COMMENT:
                services.comment_remove(actor=actor, comment=report.comment, reason=text)
            elif decision == "suspend" and report.kind == TargetKind.MEMBER:
                services.member_suspend(actor=actor, member=report.member, reason=text)
            else:
                self.message_user(request, _("Unknown action."), messages.ERROR)
                return back
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, _("Done."), messages.SUCCESS)
        return back


# --- the log -----------------------------------------------------------------------------------


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    """The whole log, private entries and staff names included. Read-only."""

    show_facets = admin.ShowFacets.NEVER
    paginator = CappedCountPaginator
    list_display = (
        "created",
        "actor",
        "as_staff",
        "action",
        "community",
        "target",
        "reason",
        "expires_at",
        "on_site",
    )
    list_display_links = ("created",)
    list_filter = ("action", "as_staff", "created")
    list_select_related = (
        "actor",
        "community",
        "post__community",
        "comment__post__community",
        "member",
    )
    search_fields = ("actor__username", "target_label", "reason", "community__slug")
    search_help_text = gettext_lazy(
        "Moderator's username, the target's title or name, the reason, or the community's address."
    )
    ordering = ("-created", "-id")
    show_full_result_count = False
    readonly_fields = (
        "created",
        "actor",
        "as_staff",
        "action",
        "community",
        "target",
        "on_site",
        "reason",
        "expires_at",
    )
    fields = readonly_fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def view_on_site(self, obj):
        return target_url(obj) or None

    @admin.display(description=gettext_lazy("target"))
    def target(self, obj: ModerationAction) -> str:
        return target_text(obj)

    @admin.display(description=gettext_lazy("on the site"))
    def on_site(self, obj: ModerationAction) -> str:
        url = target_url(obj)
        return live_link(url) if url else "-"


# --- suspensions -------------------------------------------------------------------------------


class ActiveSuspensionFilter(admin.SimpleListFilter):
    title = gettext_lazy("in force")
    parameter_name = "active"

    def lookups(self, request, model_admin):
        return (("yes", _("In force")), ("no", _("Lifted")))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(lifted_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(lifted_at__isnull=False)
        return queryset


class SuspensionForm(forms.ModelForm):
    class Meta:
        model = Suspension
        fields = ("member", "reason", "expires_at")

    def clean_expires_at(self):
        expires_at = self.cleaned_data.get("expires_at")
        if expires_at is not None and expires_at <= timezone.now():
            raise forms.ValidationError(_("The end must be in the future."))
        return expires_at


@admin.register(Suspension)
class SuspensionAdmin(ModerationActionsMixin, admin.ModelAdmin):
    """Site-wide suspensions. Adding one here suspends the member through the
    service (inactive account, sessions ended, logged); lifting is an action."""

    form = SuspensionForm
    list_display = (
        "member",
        "reason",
        "created",
        "expires_at",
        "lifted_at",
        "suspended_by",
        "lifted_by",
    )
    list_filter = (ActiveSuspensionFilter, "created")
    list_select_related = ("member", "suspended_by", "lifted_by")
    search_fields = ("member__username", "reason")
    autocomplete_fields = ("member",)
    ordering = ("-created", "-id")
    show_full_result_count = False
    actions = ("lift_suspensions",)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return (
                "member",
                "reason",
                "created",
                "expires_at",
                "lifted_at",
                "suspended_by",
                "lifted_by",
            )
        return ()

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and self.has_suspend_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        actor = request.user

        class ServiceCheckedForm(form):
            def clean(self):
                cleaned = super().clean()
                member = cleaned.get("member")
                if member is not None and not change:
                    if member.pk == actor.pk:
                        self.add_error("member", _("You cannot suspend yourself."))
                    elif not policies.can_suspend(actor, member):
                        self.add_error("member", _("Only a superuser can suspend a staff account."))
                    elif Suspension.objects.active().filter(member=member).exists():
                        self.add_error("member", _("This member is already suspended."))
                return cleaned

        return ServiceCheckedForm

    def save_model(self, request, obj, form, change):
        if change:
            return  # read-only once made
        suspension = services.member_suspend(
            actor=request.user, member=obj.member, reason=obj.reason, expires_at=obj.expires_at
        )
        obj.pk = suspension.pk

    @admin.action(description=gettext_lazy("Lift selected suspensions"), permissions=["suspend"])
    def lift_suspensions(self, request, queryset):
        reason = self._reason(request)
        self._apply(
            request,
            queryset.filter(lifted_at__isnull=True).select_related("member"),
            lambda suspension: services.member_unsuspend(
                actor=request.user, member=suspension.member, reason=reason
            ),
            ngettext_lazy("%(count)d suspension lifted.", "%(count)d suspensions lifted.", "count"),
        )
