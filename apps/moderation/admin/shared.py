"""What every moderation admin shares: the action bar with a reason, links
to the live site, a paginator that stops counting, and `_apply`, which runs
a service once per selected row and reports what it did and refused."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.comments.links import permalink_url
from apps.core.http import error_text

from .. import policies
from ..models import TargetKind


class ReasonActionForm(ActionForm):
    """The action bar with a reason (and a length for suspensions): the
    moderator types it once for all the selected rows."""

    # Translators: A noun: followed by the reason a moderator gave.
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
        # Translators: Admin, what a report is about; %(title)s is a post's title.
        return _("post: %(title)s") % {"title": Truncator(obj.post.title).chars(60)}
    if kind == TargetKind.COMMENT and obj.comment is not None:
        # Translators: Admin, what a report is about; %(text)s is the start of a comment's text.
        return _("comment: %(text)s") % {"text": Truncator(obj.comment.body_text).chars(60)}
    if kind == TargetKind.MEMBER and obj.member is not None:
        # Translators: Admin, what a report is about; %(name)s is a username.
        return _("member: %(name)s") % {"name": obj.member.username}
    if kind == TargetKind.MESSAGE and getattr(obj, "message", None) is not None:
        # Only reports have a message (the log does not): staff read it here.
        # Translators: Admin, what a report is about; %(name)s is the sender's username, %(text)s
        # the start of the message.
        return _("private message from %(name)s: %(text)s") % {
            "name": obj.message.sender.username,
            "text": Truncator(obj.message.body_text).chars(60),
        }
    return getattr(obj, "target_label", "") or "-"


class CappedCountPaginator(Paginator):
    """The admin counts the filtered rows to draw its pages: on a million
    rows that COUNT(*) is a scan. This one stops counting at COUNT_CAP
    (SELECT COUNT(*) FROM (… LIMIT cap + 1)), so a list costs the same at
    any size; past the cap the admin shows "10001 results" and 100 pages."""

    COUNT_CAP = 10_000

    @cached_property
    def count(self) -> int:
        objects = self.object_list
        if not isinstance(objects, QuerySet):  # the admin always pages a QuerySet
            return len(objects)
        return objects.order_by()[: self.COUNT_CAP + 1].count()


class ModerationActionsMixin(admin.ModelAdmin):
    """Bulk actions that call a service once per selected row and report
    what worked and what was refused (with the service's own message).
    A ModelAdmin itself, put first among the bases of a model's admin
    (`class PostAdmin(ModerationActionsMixin, BasePostAdmin)`): its
    paginator, facets and date hierarchy win over the base admin's."""

    action_form = ReasonActionForm
    paginator = CappedCountPaginator
    # Facet counts are a COUNT per filter choice over the whole table, and a
    # date hierarchy a DISTINCT over every row's date: neither on lists that
    # must stay fast on a million rows (the "created" filter's ranges use
    # the index instead).
    show_facets = admin.ShowFacets.NEVER

    def __init_subclass__(cls, **kwargs) -> None:
        # No date hierarchy (see above), though the admin a subclass extends
        # names one: set on each subclass, as a class attribute here would
        # clash with those admins' (a str, where ModelAdmin allows None).
        super().__init_subclass__(**kwargs)
        if "date_hierarchy" not in cls.__dict__:
            cls.date_hierarchy = None

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
        """Run `call` on each object; `done` is an ngettext_lazy(..., "count").
        A refusal of one row neither stops the others nor hides: each is
        reported with the service's own message (the first 20)."""
        succeeded, refused = 0, []
        for obj in objects:
            try:
                call(obj)
            except (ValidationError, PermissionDenied) as error:
                refused.append(f"{obj}: {error_text(error)}")
            else:
                succeeded += 1
        if succeeded:
            self.message_user(request, done % {"count": succeeded})
        for line in refused[:20]:
            self.message_user(request, line, messages.ERROR)
