"""HTML views of communities: directory, create, about, join and leave.

The community's own page, /c/<slug>/, is its post feed: that view lives in
apps.posts.views (it lists posts) and is routed from this app's urls.py
under the stable name "communities:detail".
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import policies, selectors, services
from .forms import CommunityForm
from .models import Community


def error_text(error: Exception) -> str:
    """A service error as one sentence for a message or a form."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You cannot do that.")


def add_form_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` the form posted if it points back into this site, else `fallback`."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return fallback


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "")
    if sort not in selectors.DIRECTORY_SORTS:
        sort = selectors.DEFAULT_DIRECTORY_SORT
    query = request.GET.get("q", "").strip()[: selectors.QUERY_MAX_LENGTH]
    page = selectors.directory_page(
        viewer=request.user, sort=sort, query=query, cursor=request.GET.get("cursor")
    )
    return render(
        request,
        "communities/directory.html",
        {
            "page": page,
            "sort": sort,
            "query": query,
            "sorts": [
                ("members", _("Most members")),
                ("new", _("Newest")),
                ("name", _("Name")),
            ],
            "can_create": request.user.is_authenticated,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def community_create(request: HttpRequest) -> HttpResponse:
    allowed = policies.can_create_community(request.user)
    form = CommunityForm(request.POST or None)
    if request.method == "POST" and allowed and form.is_valid():
        try:
            community = services.community_create(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(
                request, _("Your community %(name)s is ready.") % {"name": community.name}
            )
            return redirect(community)
    return render(
        request,
        "communities/create.html",
        {
            "form": form,
            "allowed": allowed,
            "creations_left": services.community_creations_left(request.user),
        },
    )


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
    request: HttpRequest, community: Community, error: str = ""
) -> HttpResponse:
    if request.htmx:
        community.refresh_from_db(fields=["member_count"])
        return render(
            request,
            "communities/_membership_box.html",
            {
                "community": community,
                "standing": selectors.community_standing(request.user, community),
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    return HttpResponseRedirect(safe_next(request, community.get_absolute_url()))


@login_required
@require_POST
def join(request: HttpRequest, slug: str) -> HttpResponse:
    community = selectors.community_for_viewer(slug, request.user)
    try:
        joined = services.community_join(user=request.user, community=community)
    except (ValidationError, PermissionDenied) as error:
        return _membership_response(request, community, error_text(error))
    if joined and not request.htmx:
        messages.success(request, _("You joined %(name)s.") % {"name": community.name})
    return _membership_response(request, community)


@login_required
@require_POST
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    community = selectors.community_for_viewer(slug, request.user)
    try:
        left = services.community_leave(user=request.user, community=community)
    except (ValidationError, PermissionDenied) as error:
        return _membership_response(request, community, error_text(error))
    if left and not request.htmx:
        messages.success(request, _("You left %(name)s.") % {"name": community.name})
    # Leaving a private community ends the right to read it.
    if not policies.can_read(request.user, community):
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse("communities:directory")
            return response
        return redirect("communities:directory")
    return _membership_response(request, community)
