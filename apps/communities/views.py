"""HTML views of communities: directory, create, about, join and leave, and
the request to join a private community.

The community's own page, /c/<slug>/, is its post feed: that view lives in
apps.posts.views (it lists posts) and config/urls.py routes it under the
stable name "communities:detail".
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.types import MemberRequest
from apps.core.http import ServiceCall, refused, render_call, safe_next, service_call

from . import policies, selectors, services
from .forms import CommunityForm
from .models import Community, Visibility


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "")
    if sort not in selectors.DIRECTORY_SORTS:
        sort = selectors.DEFAULT_DIRECTORY_SORT
    query = request.GET.get("q", "").strip()[: selectors.QUERY_MAX_LENGTH]
    page = selectors.directory_page(
        viewer=request.user, sort=sort, query=query, cursor=request.GET.get("cursor")
    )
    sorts = [("members", _("Most members")), ("new", _("Newest")), ("name", _("Name"))]
    context = {"page": page, "sort": sort, "query": query, "sorts": sorts}
    return render(
        request,
        "communities/directory.html",
        {**context, "can_create": request.user.is_authenticated},
    )


@login_required
@require_http_methods(["GET", "POST"])
def community_create(request: MemberRequest) -> HttpResponse:
    allowed = policies.can_create_community(request.user)
    form = CommunityForm(request.POST or None)
    call = ServiceCall()
    if request.method == "POST" and allowed and form.is_valid():
        with service_call(form) as call:
            community = services.community_create(owner=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(
                request,
                # Translators: %(name)s is the name of the community just created.
                _("Your community %(name)s is ready.") % {"name": community.name},
            )
            return redirect(community)
    creations_left = services.community_creations_left(request.user)
    context = {"form": form, "allowed": allowed, "creations_left": creations_left}
    return render_call(request, "communities/create.html", context, call)


@require_GET
def about(request: HttpRequest, slug: str) -> HttpResponse:
    community = selectors.community_for_viewer(slug, request.user)
    return render(
        request,
        "communities/about.html",
        {
            "community": community,
            "standing": selectors.community_standing(request.user, community),
            "moderators": selectors.moderators_of(community),
            "rules": [line.strip() for line in community.rules.splitlines() if line.strip()],
            "tab": "about",
        },
    )


def _membership_response(
    request: MemberRequest, community: Community, call: ServiceCall
) -> HttpResponse:
    """htmx: the membership box again (with the refusal, if any, and its
    status); a plain form: back where it came from, or the refused page."""
    back_url = safe_next(request, community.get_absolute_url())
    if request.htmx:
        context = {
            "community": selectors.fresh_member_count(community),
            "standing": selectors.community_standing(request.user, community),
            "error": call.message,
        }
        return render_call(request, "communities/_membership_box.html", context, call)
    if call.error is not None:
        return refused(request, call.error, back_url=back_url)
    return HttpResponseRedirect(back_url)


@login_required
@require_POST
def join(request: MemberRequest, slug: str) -> HttpResponse:
    community = selectors.community_for_viewer(slug, request.user)
    joined = False
    with service_call() as call:
        joined = services.community_join(user=request.user, community=community)
    if joined and not request.htmx:
        # Translators: %(name)s is a community's name.
        messages.success(request, _("You joined %(name)s.") % {"name": community.name})
    return _membership_response(request, community, call)


@login_required
@require_POST
def leave(request: MemberRequest, slug: str) -> HttpResponse:
    community = selectors.community_for_viewer(slug, request.user)
    left = False
    with service_call() as call:
        left = services.community_leave(user=request.user, community=community)
    if left and not request.htmx:
        # Translators: %(name)s is a community's name.
        messages.success(request, _("You left %(name)s.") % {"name": community.name})
    if left and not policies.can_read(request.user, community):
        # Leaving a private community ends the right to read it.
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse("communities:directory")
            return response
        return redirect("communities:directory")
    return _membership_response(request, community, call)


def _request_context(request: MemberRequest, community: Community, call: ServiceCall) -> dict:
    return {
        "community": community,
        "requested": selectors.has_requested(request.user, community),
        "refusal": policies.request_refusal(request.user, community),
        "error": call.message,
    }


@login_required
@require_http_methods(["GET", "POST"])
def membership_request(request: MemberRequest, slug: str) -> HttpResponse:
    """/c/<slug>/request/: ask to join a private community, or see that the
    request waits. The page names the address only: nothing the community
    holds is shown before its moderators let the member in. Whoever may
    read the community already (a member, staff) or may simply join it is
    sent to its page."""
    community = selectors.community_by_slug(slug)
    if community.visibility != Visibility.PRIVATE or policies.can_read(request.user, community):
        return redirect(community)
    call = ServiceCall()
    if request.method == "POST":
        with service_call() as call:
            services.membership_request(user=request.user, community=community)
        if call.ok and not request.htmx:
            messages.success(request, _("Your request is waiting for a moderator."))
            return redirect("communities:request", community.slug)
        if call.error is not None and not request.htmx:
            return refused(request, call.error, back_url=request.path)
    template = "communities/_request_box.html" if request.htmx else "communities/request.html"
    return render_call(request, template, _request_context(request, community, call), call)


@login_required
@require_POST
def membership_request_cancel(request: MemberRequest, slug: str) -> HttpResponse:
    """Withdraw one's request to join."""
    community = selectors.community_by_slug(slug)
    with service_call() as call:
        cancelled = services.membership_request_cancel(user=request.user, community=community)
    if request.htmx:
        context = _request_context(request, community, call)
        return render_call(request, "communities/_request_box.html", context, call)
    if cancelled:
        messages.success(request, _("Your request to join is withdrawn."))
    return redirect("communities:request", community.slug)
