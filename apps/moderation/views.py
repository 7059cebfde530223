"""HTML views of moderation: reports, the community's queue, moderators'
actions on posts, comments and members, and the public logs.

Views parse input, call a policy, selector or service, and render. A refused
action is a PermissionDenied (403, nothing written); bad input comes back as
a message or a form error (nothing written). Every action works as a plain
form POST that redirects to `next`, and in the queue also with htmx, which
swaps the report group it came from.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.models import User
from apps.comments.links import permalink_url
from apps.comments.models import Comment
from apps.communities import selectors as community_selectors
from apps.communities.models import Community
from apps.communities.views import add_form_errors, error_text, safe_next
from apps.core.ratelimit import RateLimited
from apps.posts.models import Post

from . import policies, selectors, services
from .forms import BanForm, MemberForm, NoteForm, ReportForm
from .models import Report, TargetKind

GROUP_KINDS = ("post", "comment", "member")


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
    return reverse("profiles:detail", args=[target.username])


def _reason(request: HttpRequest, field: str = "reason") -> str:
    """The posted reason as typed; the service trims and checks it."""
    return request.POST.get(field, "")


def _group(request: HttpRequest) -> tuple[str, int] | None:
    """The queue group an htmx action came from (its kind and target id)."""
    kind = request.POST.get("group_kind", "")
    try:
        target_id = int(request.POST.get("group_id", ""))
    except ValueError:
        return None
    return (kind, target_id) if kind in GROUP_KINDS else None


def _done(
    request: HttpRequest,
    *,
    community: Community | None,
    fallback: str,
    success: str = "",
    error: str = "",
) -> HttpResponse:
    """After an action: htmx from the queue gets its report group again (or
    a note that it is settled); anything else goes back to `next` with a
    message."""
    group = _group(request)
    if request.htmx and group is not None:
        kind, target_id = group
        item = selectors.report_group_for(community=community, kind=kind, target_id=target_id)
        context = {
            "group": item,
            "group_key": f"{kind}-{target_id}",
            "community": community,
            "success": success,
            "error": error,
            "return_to": safe_next(request, fallback),
        }
        return render(request, "moderation/_report_group.html", context)
    if error:
        messages.error(request, error)
    elif success:
        messages.success(request, success)
    return HttpResponseRedirect(safe_next(request, fallback))


# --- reports -----------------------------------------------------------------------------


def _report_target(request: HttpRequest, kind: str, key) -> object:
    """The target if the viewer may see it, else 404 (as if it did not exist)."""
    if kind == TargetKind.POST:
        queryset = Post.objects.visible_to(request.user).select_related(
            "community", "author__profile"
        )
        return get_object_or_404(queryset, pk=key)
    if kind == TargetKind.COMMENT:
        queryset = Comment.objects.on_visible_posts(request.user).select_related(
            "post__community", "author__profile"
        )
        return get_object_or_404(queryset, pk=key)
    return get_object_or_404(
        User.objects.select_related("profile"), username__iexact=key, is_active=True
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, kind: str, target_id: int | None = None, username: str = ""):
    """/report/<kind>/<id>/: why are you reporting this? Then the report."""
    if kind not in GROUP_KINDS:
        raise Http404
    target = _report_target(request, kind, username if kind == TargetKind.MEMBER else target_id)
    back = safe_next(request, _target_url(kind, target))
    refusal = policies.report_refusal(request.user, target)
    form = ReportForm(request.POST or None, kind=kind)
    status = 200
    if refusal is not None:
        code, _message = refusal
        status = 403 if code in policies.PERMISSION_REFUSALS else 400
        form = None
    elif (
        request.method == "GET"
        and Report.objects.open().about(target).filter(reporter=request.user).exists()
    ):
        refusal = ("duplicate", _("You already reported this. The moderators will look at it."))
        form = None
    elif request.method == "POST" and form.is_valid():
        try:
            services.report_create(
                reporter=request.user,
                target=target,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
        except RateLimited as error:
            form.add_error(None, str(error))
            status = 429
        except ValidationError as error:
            add_form_errors(form, error)
            status = 400
        except PermissionDenied as error:
            form.add_error(None, error_text(error))
            status = 403
        else:
            messages.success(request, _("Thank you. The moderators will review your report."))
            return HttpResponseRedirect(back)
    elif request.method == "POST":
        status = 400
    context = {
        "kind": kind,
        "target": target,
        "post": target if kind == TargetKind.POST else getattr(target, "post", None),
        "form": form,
        "refusal": refusal[1] if refusal else "",
        "back": back,
    }
    return render(request, "moderation/report.html", context, status=status)


# --- the queue ------------------------------------------------------------------------------


@login_required
@require_GET
def queue(request: HttpRequest, slug: str) -> HttpResponse:
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


@login_required
@require_POST
def report_action(request: HttpRequest, report_id: int, action: str) -> HttpResponse:
    """Resolve or dismiss the open reports about a report's target."""
    if action == "decide":
        # One form, two buttons: the submitter says which (plain POST and htmx alike).
        action = request.POST.get("decision", "")
    service = {"resolve": services.report_resolve, "dismiss": services.report_dismiss}.get(action)
    if service is None:
        raise Http404
    report = get_object_or_404(Report.objects.select_related("community"), pk=report_id)
    community = report.community
    if community is not None:
        _community(request, community.slug)  # 404 unless the viewer may read it
    fallback = reverse("moderation:queue", args=[community.slug]) if community else reverse("home")
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else _reason(request, "note")
    try:
        service(actor=request.user, report=report, note=note)
    except ValidationError as error:
        return _done(request, community=community, fallback=fallback, error=error_text(error))
    success = _("Reports resolved.") if action == "resolve" else _("Reports dismissed.")
    return _done(request, community=community, fallback=fallback, success=success)


# --- posts and comments -------------------------------------------------------------------

POST_ACTIONS = {
    "remove": (services.post_remove, True),
    "restore": (services.post_restore, False),
    "lock": (services.post_lock, False),
    "unlock": (services.post_unlock, False),
    "pin": (services.post_pin, False),
    "unpin": (services.post_unpin, False),
}


def _post_success(action: str) -> str:
    return {
        "remove": _("The post was removed."),
        "restore": _("The post was restored."),
        "lock": _("The post is locked: no new comments."),
        "unlock": _("The post is unlocked."),
        "pin": _("The post is pinned to the top of the community."),
        "unpin": _("The post is no longer pinned."),
    }[action]


@login_required
@require_POST
def post_action(request: HttpRequest, post_id: int, action: str) -> HttpResponse:
    """Remove, restore, lock, unlock, pin or unpin a post (moderators)."""
    if action not in POST_ACTIONS:
        raise Http404
    service, _needs_reason = POST_ACTIONS[action]
    post = get_object_or_404(
        Post.objects.visible_to(request.user).select_related("community"), pk=post_id
    )
    fallback = post.get_absolute_url()
    try:
        service(actor=request.user, post=post, reason=_reason(request))
    except ValidationError as error:
        return _done(request, community=post.community, fallback=fallback, error=error_text(error))
    return _done(
        request, community=post.community, fallback=fallback, success=_post_success(action)
    )


@login_required
@require_POST
def comment_action(request: HttpRequest, comment_id: int, action: str) -> HttpResponse:
    """Remove or restore a comment (moderators)."""
    service = {"remove": services.comment_remove, "restore": services.comment_restore}.get(action)
    if service is None:
        raise Http404
    comment = get_object_or_404(
        Comment.objects.on_visible_posts(request.user).select_related("post__community"),
        pk=comment_id,
    )
    community = comment.post.community
    fallback = f"{permalink_url(comment.post, comment)}#comment-{comment.pk}"
    try:
        service(actor=request.user, comment=comment, reason=_reason(request))
    except ValidationError as error:
        return _done(request, community=community, fallback=fallback, error=error_text(error))
    success = (
        _("The comment was removed.") if action == "remove" else _("The comment was restored.")
    )
    return _done(request, community=community, fallback=fallback, success=success)


# --- bans ---------------------------------------------------------------------------------------


def _ban_errors(form: BanForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict") and "expires_at" in error.error_dict:
        error = ValidationError({"until": error.error_dict["expires_at"]})
    add_form_errors(form, error)


@login_required
@require_http_methods(["GET", "POST"])
def bans(request: HttpRequest, slug: str) -> HttpResponse:
    """/c/<slug>/modqueue/bans/: who is banned, and the form to ban someone."""
    community = _community(request, slug)
    _require(
        policies.can_ban(request.user, community),
        _("Only the community's moderators can ban members."),
    )
    form = BanForm(request.POST or None)
    status = 200
    if request.method == "POST":
        fallback = reverse("moderation:bans", args=[community.slug])
        member = None
        if form.is_valid():
            member = selectors.member_by_name(form.cleaned_data["member"])
            if member is None:
                form.add_error("member", _("There is no member with this username."))
        if member is not None:
            try:
                services.member_ban(
                    actor=request.user,
                    community=community,
                    member=member,
                    reason=form.cleaned_data["reason"],
                    expires_at=form.expires_at(),
                )
            except ValidationError as error:
                _ban_errors(form, error)
            else:
                success = _("%(name)s is banned from %(community)s.") % {
                    "name": member.username,
                    "community": community.name,
                }
                return _done(request, community=community, fallback=fallback, success=success)
        if request.htmx and _group(request) is not None:
            errors = " ".join(" ".join(errors) for errors in form.errors.values())
            return _done(request, community=community, fallback=fallback, error=errors)
        status = 400
    context = {
        "community": community,
        "standing": community_selectors.community_standing(request.user, community),
        "form": form,
        "page": selectors.bans_page(community, cursor=request.GET.get("cursor")),
        "tab": "modqueue",
        "section": "bans",
    }
    return render(request, "moderation/bans.html", context, status=status)


@login_required
@require_POST
def unban(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug)
    _require(
        policies.can_ban(request.user, community),
        _("Only the community's moderators can lift bans."),
    )
    fallback = reverse("moderation:bans", args=[community.slug])
    member = selectors.member_by_name(request.POST.get("member", ""))
    if member is None:
        return _done(
            request,
            community=community,
            fallback=fallback,
            error=_("There is no member with this username."),
        )
    try:
        services.member_unban(
            actor=request.user, community=community, member=member, reason=_reason(request)
        )
    except ValidationError as error:
        return _done(request, community=community, fallback=fallback, error=error_text(error))
    success = _("The ban of %(name)s is lifted.") % {"name": member.username}
    return _done(request, community=community, fallback=fallback, success=success)


# --- the moderators ----------------------------------------------------------------------


@login_required
@require_GET
def team(request: HttpRequest, slug: str) -> HttpResponse:
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


TEAM_ACTIONS = ("appoint", "remove", "transfer")


@login_required
@require_POST
def team_action(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    if action not in TEAM_ACTIONS:
        raise Http404
    community = _community(request, slug)
    _require(
        policies.can_manage_moderators(request.user, community),
        _("Only the owner can change the moderators."),
    )
    fallback = reverse("moderation:team", args=[community.slug])
    form = MemberForm(request.POST)
    member = selectors.member_by_name(form.data.get("member", "")) if form.is_valid() else None
    if member is None:
        messages.error(request, _("There is no member with this username."))
        return HttpResponseRedirect(fallback)
    try:
        if action == "appoint":
            services.moderator_appoint(actor=request.user, community=community, member=member)
            success = _("%(name)s is now a moderator.")
        elif action == "remove":
            services.moderator_remove(
                actor=request.user, community=community, member=member, reason=_reason(request)
            )
            success = _("%(name)s is no longer a moderator.")
        else:
            services.ownership_transfer(actor=request.user, community=community, new_owner=member)
            success = _("%(name)s now owns this community.")
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, success % {"name": member.username})
    return HttpResponseRedirect(fallback)


# --- the logs ------------------------------------------------------------------------------------


def _log_context(request: HttpRequest, page, filters) -> dict:
    return {
        "page": page,
        "filters": filters,
        "actions": selectors.LOG_ACTIONS,
    }


@require_GET
def community_log(request: HttpRequest, slug: str) -> HttpResponse:
    """/c/<slug>/modlog/: what the community's moderators did, for everyone
    who may read the community."""
    community = _community(request, slug)
    filters = selectors.log_filters(request.GET)
    page = selectors.log_page(
        viewer=request.user, community=community, filters=filters, cursor=request.GET.get("cursor")
    )
    context = _log_context(request, page, filters)
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
    return render(request, "moderation/site_log.html", _log_context(request, page, filters))
