"""HTML views of moderation: reports, the community's queue, moderators'
actions on posts, comments and members, and the public logs.

Views parse input, call a selector or a service, and render; the services
(and their policies) decide. Every action works as a plain form POST that
redirects to `next` with a message, and in the queue also with htmx, which
swaps the report group it came from. A refused action writes nothing and
says why: the queue's group shows the reason in place (403/429 for a
refusal), a plain POST gets the page of apps.core.http.refused (400 for bad
input, 403, 429), and a form comes back with its errors.
"""

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.models import User
from apps.accounts.types import MemberRequest
from apps.comments.links import permalink_url
from apps.communities import selectors as community_selectors
from apps.communities.models import Community
from apps.core.http import (
    ServiceCall,
    refusal_status,
    refused,
    render_call,
    safe_next,
    service_call,
    with_retry_after,
)
from apps.core.ratelimit import client_ip
from apps.core.types import HtmxHttpRequest

from . import policies, selectors, services
from .forms import BanForm, MemberForm, NoteForm, ReportForm
from .models import TargetKind

if TYPE_CHECKING:  # django-stubs' helper types: a dev requirement only
    from django_stubs_ext import StrOrPromise

GROUP_KINDS = ("post", "comment", "member")
# What may be reported: the queue's kinds plus private messages (reported
# by their recipient, seen by staff moderators only, in the admin).
REPORT_KINDS = (*GROUP_KINDS, "message")


# --- shared pieces ----------------------------------------------------------------------


def _community(request: HttpRequest, slug: str) -> Community:
    return community_selectors.community_for_viewer(slug, request.user)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _target_url(kind: str, target) -> str:
    if kind == TargetKind.POST:
        return target.get_absolute_url()
    if kind == TargetKind.COMMENT:
        return f"{permalink_url(target.post, target)}#comment-{target.pk}"
    if kind == TargetKind.MESSAGE:
        return f"{target.conversation.get_absolute_url()}#message-{target.pk}"
    return reverse("profiles:detail", args=[target.username])


def _reason(request: HttpRequest, field: str = "reason") -> str:
    """The posted reason as typed; the service trims and checks it."""
    return request.POST.get(field, "")


def _member(username: str) -> User:
    """The member a moderator's form names; bad input (inside service_call) if none."""
    member = selectors.member_by_name(username)
    if member is None:
        raise ValidationError(
            {"member": _("There is no member with this username.")}, code="no_member"
        )
    return member


def _group(request: HttpRequest) -> tuple[str, int] | None:
    """The queue group an htmx action came from (its kind and target id)."""
    kind = request.POST.get("group_kind", "")
    try:
        target_id = int(request.POST.get("group_id", ""))
    except ValueError:
        return None
    return (kind, target_id) if kind in GROUP_KINDS else None


def _answer(
    request: HtmxHttpRequest,
    call: ServiceCall,
    *,
    community: Community | None,
    fallback: str,
    success: "StrOrPromise" = "",
) -> HttpResponse:
    """After an action: htmx from the queue gets its report group again with
    the outcome; anything else goes back to `next` with a message, or gets
    the page that explains the refusal."""
    group = _group(request)
    back = safe_next(request, fallback)
    if request.htmx and group is not None:
        return _group_answer(request, call, group, community=community, back=back, success=success)
    if call.error is not None:
        return refused(request, call.error, back_url=back)
    messages.success(request, success)
    return HttpResponseRedirect(back)


def _group_answer(
    request: HttpRequest,
    call: ServiceCall,
    group: tuple[str, int],
    *,
    community: Community | None,
    back: str,
    success: "StrOrPromise",
) -> HttpResponse:
    """The queue's report group after an action, saying how it went (a
    refusal with its status). Someone refused permission (not a moderator
    here) sees only why, not the reports."""
    kind, target_id = group
    hidden = isinstance(call.error, PermissionDenied)
    context = {
        "group": None
        if hidden
        else selectors.report_group_for(community=community, kind=kind, target_id=target_id),
        "hidden": hidden,
        "group_key": f"{kind}-{target_id}",
        "community": community,
        "success": success if call.ok else "",
        "error": call.message,
        "return_to": back,
    }
    return render_call(request, "moderation/_report_group.html", context, call)


# --- reports -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report(request: MemberRequest, kind: str, target_id: int | None = None, username: str = ""):
    """/report/<kind>/<id>/: why are you reporting this? Then the report.
    Someone the policy refuses sees why instead of the form."""
    key = username if kind == TargetKind.MEMBER else target_id
    if kind not in REPORT_KINDS or key is None:
        raise Http404
    target = selectors.report_target(request.user, kind, key)
    back = safe_next(request, _target_url(kind, target))
    refusal = policies.report_refusal(request.user, target)
    if refusal is not None:
        code, reason = refusal
        status = 403 if code in policies.PERMISSION_REFUSALS else 400
        return _report_page(request, kind, target, back, refusal=reason, status=status)
    form = ReportForm(request.POST or None, kind=kind)
    if request.method == "GET":
        return _report_page(request, kind, target, back, form=form)
    call = _send_report(request, target, form)
    if call.ok:
        messages.success(request, _("Thank you. The moderators will review your report."))
        return HttpResponseRedirect(back)
    # Bad input is a 400 here (as it always was), a rate limit a 429.
    status = refusal_status(call.error)
    response = _report_page(request, kind, target, back, form=form, status=status)
    return with_retry_after(response, call.error)


def _send_report(request: MemberRequest, target, form: ReportForm) -> ServiceCall:
    """The report, if the form is valid; its refusal lands on the form."""
    if not form.is_valid():
        return ServiceCall(error=ValidationError(form.errors_text()))
    with service_call(form) as call:
        services.report_create(
            reporter=request.user,
            target=target,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
            client_ip=client_ip(request),
        )
    return call


def _report_page(
    request: HttpRequest,
    kind: str,
    target,
    back: str,
    *,
    form: ReportForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "kind": kind,
        "target": target,
        "post": target if kind == TargetKind.POST else getattr(target, "post", None),
        "form": form,
        "refusal": refusal,
        "back": back,
    }
    return render(request, "moderation/report.html", context, status=status)


# --- the queue ------------------------------------------------------------------------------


@login_required
@require_GET
def queue(request: MemberRequest, slug: str) -> HttpResponse:
    """/c/<slug>/modqueue/: open reports grouped by target."""
    community = _community(request, slug)
    _require(
        policies.can_view_queue(request.user, community),
        _("Only the community's moderators can see its reports."),
    )
    sort = request.GET.get("sort", selectors.DEFAULT_QUEUE_SORT)
    if sort not in selectors.QUEUE_SORTS:
        sort = selectors.DEFAULT_QUEUE_SORT
    page = selectors.report_groups_page(
        community=community, sort=sort, cursor=request.GET.get("cursor")
    )
    context = {
        "community": community,
        "standing": community_selectors.community_standing(request.user, community),
        "page": page,
        "sort": sort,
        "sorts": [("oldest", _("Waiting longest")), ("reports", _("Most reports"))],
        "tab": "modqueue",
        "section": "queue",
        "return_to": request.get_full_path(),
    }
    return render(request, "moderation/queue.html", context)


REPORT_DECISIONS = {
    "resolve": (services.report_resolve, gettext_lazy("Reports resolved.")),
    "dismiss": (services.report_dismiss, gettext_lazy("Reports dismissed.")),
}


@login_required
@require_POST
def report_action(request: MemberRequest, report_id: int, action: str) -> HttpResponse:
    """Resolve or dismiss the open reports about a report's target."""
    if action == "decide":
        # One form, two buttons: the submitter says which (plain POST and htmx alike).
        action = request.POST.get("decision", "")
    if action not in REPORT_DECISIONS:
        raise Http404
    service, success = REPORT_DECISIONS[action]
    report = selectors.report_to_decide(request.user, report_id)
    community = report.community
    fallback = reverse("moderation:queue", args=[community.slug]) if community else reverse("home")
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else _reason(request, "note")
    with service_call() as call:
        service(actor=request.user, report=report, note=note)
    return _answer(request, call, community=community, fallback=fallback, success=success)


# --- posts and comments -------------------------------------------------------------------

POST_SUCCESS = {
    "remove": gettext_lazy("The post was removed."),
    "restore": gettext_lazy("The post was restored."),
    "lock": gettext_lazy("The post is locked: no new comments."),
    "unlock": gettext_lazy("The post is unlocked."),
    "pin": gettext_lazy("The post is pinned to the top of the community."),
    "unpin": gettext_lazy("The post is no longer pinned."),
}


def _moderate_post(action: str, **kwargs):
    if action == "remove":
        return services.post_remove(**kwargs)
    if action == "restore":
        return services.post_restore(**kwargs)
    return services.post_flag_set(action=action, **kwargs)


@login_required
@require_POST
def post_action(request: MemberRequest, post_id: int, action: str) -> HttpResponse:
    """Remove, restore, lock, unlock, pin or unpin a post (moderators)."""
    if action not in POST_SUCCESS:
        raise Http404
    post = selectors.post_to_moderate(request.user, post_id)
    with service_call() as call:
        _moderate_post(action, actor=request.user, post=post, reason=_reason(request))
    return _answer(
        request,
        call,
        community=post.community,
        fallback=post.get_absolute_url(),
        success=POST_SUCCESS[action],
    )


COMMENT_ACTIONS = {
    "remove": (services.comment_remove, gettext_lazy("The comment was removed.")),
    "restore": (services.comment_restore, gettext_lazy("The comment was restored.")),
}


@login_required
@require_POST
def comment_action(request: MemberRequest, comment_id: int, action: str) -> HttpResponse:
    """Remove or restore a comment (moderators)."""
    if action not in COMMENT_ACTIONS:
        raise Http404
    service, success = COMMENT_ACTIONS[action]
    comment = selectors.comment_to_moderate(request.user, comment_id)
    fallback = f"{permalink_url(comment.post, comment)}#comment-{comment.pk}"
    with service_call() as call:
        service(actor=request.user, comment=comment, reason=_reason(request))
    return _answer(
        request, call, community=comment.post.community, fallback=fallback, success=success
    )


# --- bans ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def bans(request: MemberRequest, slug: str) -> HttpResponse:
    """/c/<slug>/modqueue/bans/: who is banned, and the form to ban someone
    (also posted from a queue group, with htmx)."""
    community = _community(request, slug)
    _require(
        policies.can_ban(request.user, community),
        _("Only the community's moderators can ban members."),
    )
    form = BanForm(request.POST or None)
    status = 200
    if request.method == "POST":
        call, success = _ban(request, community, form)
        if call.ok or (request.htmx and _group(request) is not None):
            fallback = reverse("moderation:bans", args=[community.slug])
            return _answer(request, call, community=community, fallback=fallback, success=success)
        status = refusal_status(call.error)
    context = {
        "community": community,
        "standing": community_selectors.community_standing(request.user, community),
        "form": form,
        "page": selectors.bans_page(community, cursor=request.GET.get("cursor")),
        "tab": "modqueue",
        "section": "bans",
    }
    return render(request, "moderation/bans.html", context, status=status)


def _ban(request: MemberRequest, community: Community, form: BanForm) -> tuple[ServiceCall, str]:
    """Ban the member the form names: (the call, the success message). Every
    problem lands on the form, and in the call (the queue shows it in place)."""
    call = ServiceCall()
    if not form.is_valid():
        call.error = ValidationError(form.errors_text())
        return call, ""
    with service_call() as call:
        member = _member(form.cleaned_data["member"])
        services.member_ban(
            actor=request.user,
            community=community,
            member=member,
            reason=form.cleaned_data["reason"],
            expires_at=form.expires_at(),
        )
    if call.error is not None:
        form.add_service_error(call.error)
        return call, ""
    # Translators: %(name)s is a member's display name, %(community)s a community's name.
    return call, _("%(name)s is banned from %(community)s.") % {
        "name": member.username,
        "community": community.name,
    }


@login_required
@require_POST
def unban(request: MemberRequest, slug: str) -> HttpResponse:
    community = _community(request, slug)
    with service_call() as call:
        member = _member(request.POST.get("member", ""))
        services.member_unban(
            actor=request.user, community=community, member=member, reason=_reason(request)
        )
    # Translators: %(name)s is a member's display name.
    success = _("The ban of %(name)s is lifted.") % {"name": member.username} if call.ok else ""
    fallback = reverse("moderation:bans", args=[community.slug])
    return _answer(request, call, community=community, fallback=fallback, success=success)


# --- the moderators ----------------------------------------------------------------------


@login_required
@require_GET
def team(request: MemberRequest, slug: str) -> HttpResponse:
    """/c/<slug>/modqueue/team/: the moderators; the owner appoints, removes
    and hands the community over."""
    community = _community(request, slug)
    _require(
        policies.can_view_queue(request.user, community),
        _("Only the community's moderators can see this page."),
    )
    context = {
        "community": community,
        "standing": community_selectors.community_standing(request.user, community),
        "moderators": community_selectors.moderators_of(community),
        "can_manage": policies.can_manage_moderators(request.user, community),
        "form": MemberForm(),
        "tab": "modqueue",
        "section": "team",
    }
    return render(request, "moderation/team.html", context)


TEAM_SUCCESS = {
    # Translators: %(name)s is a member's display name.
    "appoint": gettext_lazy("%(name)s is now a moderator."),
    # Translators: %(name)s is a member's display name.
    "remove": gettext_lazy("%(name)s is no longer a moderator."),
    # Translators: %(name)s is a member's display name.
    "transfer": gettext_lazy("%(name)s now owns this community."),
}


def _change_team(request: MemberRequest, community: Community, action: str, member: User) -> None:
    actor = request.user
    if action == "appoint":
        services.moderator_appoint(actor=actor, community=community, member=member)
    elif action == "remove":
        reason = _reason(request)
        services.moderator_remove(actor=actor, community=community, member=member, reason=reason)
    else:
        services.ownership_transfer(actor=actor, community=community, new_owner=member)


@login_required
@require_POST
def team_action(request: MemberRequest, slug: str, action: str) -> HttpResponse:
    """Appoint or remove a moderator, or hand the community over (the owner)."""
    if action not in TEAM_SUCCESS:
        raise Http404
    community = _community(request, slug)
    form = MemberForm(request.POST)
    with service_call() as call:
        member = _member(form.cleaned_data["member"] if form.is_valid() else "")
        _change_team(request, community, action, member)
    success = TEAM_SUCCESS[action] % {"name": member.username} if call.ok else ""
    fallback = reverse("moderation:team", args=[community.slug])
    return _answer(request, call, community=community, fallback=fallback, success=success)


# --- the members ---------------------------------------------------------------------------------


@login_required
@require_GET
def members(request: MemberRequest, slug: str) -> HttpResponse:
    """/c/<slug>/modqueue/members/: who waits for approval (requests to join
    a private community, members of a restricted one not approved to post),
    approve or refuse them; add a member by username; the members, to
    remove one. Two keyset lists: `pending` and `cursor` continue each."""
    community = _community(request, slug)
    _require(
        policies.can_manage_members(request.user, community),
        _("Only the community's moderators can see this page."),
    )
    context = {
        "community": community,
        "standing": community_selectors.community_standing(request.user, community),
        "pending": community_selectors.pending_page(community, cursor=request.GET.get("pending")),
        "page": community_selectors.members_page(community, cursor=request.GET.get("cursor")),
        "is_owner": policies.can_manage_moderators(request.user, community),
        "request_url": request.build_absolute_uri(
            reverse("communities:request", args=[community.slug])
        ),
        "tab": "modqueue",
        "section": "members",
    }
    return render(request, "moderation/members.html", context)


MEMBER_ACTIONS = {
    # Translators: %(name)s is a member's display name.
    "approve": gettext_lazy("%(name)s is now a member."),
    # Translators: A request to join a community; %(name)s is a member's display name.
    "refuse": gettext_lazy("The request of %(name)s is refused."),
    # Translators: %(name)s is a member's display name.
    "add": gettext_lazy("%(name)s is now a member."),
    # Translators: %(name)s is a member's display name.
    "remove": gettext_lazy("%(name)s is no longer a member."),
}


def _change_members(request: MemberRequest, community: Community, action: str, member: User):
    actor = request.user
    if action == "approve":
        services.membership_approve(actor=actor, community=community, member=member)
    elif action == "refuse":
        reason = _reason(request)
        services.membership_refuse(actor=actor, community=community, member=member, reason=reason)
    elif action == "add":
        services.member_add(actor=actor, community=community, member=member)
    else:
        reason = _reason(request)
        services.member_remove(actor=actor, community=community, member=member, reason=reason)


@login_required
@require_POST
def member_action(request: MemberRequest, slug: str, action: str) -> HttpResponse:
    """Approve or refuse a request, add or remove a member. A plain form goes
    back to the Members page with a message (or gets the refused page);
    htmx gets the row it came from, saying how it went."""
    if action not in MEMBER_ACTIONS:
        raise Http404
    community = _community(request, slug)
    form = MemberForm(request.POST)
    member = None
    with service_call() as call:
        member = _member(form.cleaned_data["member"] if form.is_valid() else "")
        _change_members(request, community, action, member)
    success = MEMBER_ACTIONS[action] % {"name": member.username} if member and call.ok else ""
    if request.htmx:
        context = {"success": success, "error": call.message}
        return render_call(request, "moderation/_member_outcome.html", context, call)
    fallback = reverse("moderation:members", args=[community.slug])
    return _answer(request, call, community=community, fallback=fallback, success=success)


# --- the logs ------------------------------------------------------------------------------------


def _log_context(page, filters) -> dict:
    return {"page": page, "filters": filters, "actions": selectors.LOG_ACTIONS}


@require_GET
def community_log(request: HttpRequest, slug: str) -> HttpResponse:
    """/c/<slug>/modlog/: what the community's moderators did, for everyone
    who may read the community."""
    community = _community(request, slug)
    filters = selectors.log_filters(request.GET)
    page = selectors.log_page(
        viewer=request.user, community=community, filters=filters, cursor=request.GET.get("cursor")
    )
    context = _log_context(page, filters)
    context.update(
        {
            "community": community,
            "standing": community_selectors.community_standing(request.user, community),
            "tab": "modlog",
        }
    )
    return render(request, "moderation/community_log.html", context)


@require_GET
def site_log(request: HttpRequest) -> HttpResponse:
    """/modlog/: every public moderation action the viewer may see."""
    filters = selectors.log_filters(request.GET)
    page = selectors.log_page(
        viewer=request.user, filters=filters, cursor=request.GET.get("cursor")
    )
    return render(request, "moderation/site_log.html", _log_context(page, filters))
