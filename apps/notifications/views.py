"""The inbox (/inbox/) and its header badge. Every page works without
JavaScript: entries are links through /inbox/<id>/open/ (marks read, then
redirects to the exact comment or page), "mark read" and "mark all read"
are POST forms. With htmx the badge refreshes itself (see _badge.html)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import quote_etag
from django.views.decorators.http import require_GET, require_POST

from apps.accounts.types import MemberRequest
from apps.core.http import safe_next

from . import selectors, services
from .models import FILTERS, Notification

FILTER_NAMES = tuple(FILTERS)


def _filter_of(request: HttpRequest) -> str:
    name = request.GET.get("filter", "all")
    return name if name in FILTERS else "all"


@login_required
@require_GET
def inbox(request: MemberRequest) -> HttpResponse:
    """A page of notifications, newest activity first (1 query for the page,
    whatever its size; the badge comes with the member's profile)."""
    filter_name = _filter_of(request)
    page = selectors.inbox_page(
        request.user, filter_name=filter_name, cursor=request.GET.get("cursor")
    )
    context = {
        "page": page,
        "notifications": page.items,
        "filter_name": filter_name,
        "filters": FILTER_NAMES,
    }
    return render(request, "notifications/inbox.html", context)


@login_required
@require_GET
def open_notification(request: MemberRequest, notification_id: int) -> HttpResponse:
    """Follow an entry: mark it read and go where it points. Another member's
    id answers 404 and changes nothing."""
    notification = selectors.notification_of(request.user, notification_id)
    if notification.read_at is None:
        services.notification_mark_read(user=request.user, notification_id=notification.pk)
    return redirect(notification.target_url())


@login_required
@require_POST
def mark_read(request: MemberRequest, notification_id: int) -> HttpResponse:
    try:
        services.notification_mark_read(user=request.user, notification_id=notification_id)
    except Notification.DoesNotExist:
        raise Http404 from None
    return redirect(safe_next(request, _inbox_url()))


@login_required
@require_POST
def mark_all_read(request: MemberRequest) -> HttpResponse:
    services.notification_mark_all_read(user=request.user)
    return redirect(safe_next(request, _inbox_url()))


def _inbox_url() -> str:
    from django.urls import reverse

    return reverse("notifications:inbox")


@require_GET
def count(request: HttpRequest) -> HttpResponse:
    """The header badge alone, for htmx to refresh every minute and when the
    tab comes back into view. Costs no query beyond authentication (the
    count rides on the profile loaded with the member); answers 304 to a
    browser that already holds this count. Visitors get an empty badge."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)
    unread = selectors.unread_count(request.user)
    etag = quote_etag(f"inbox-{request.user.pk}-{unread}-{request.LANGUAGE_CODE}")
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = render(request, "notifications/_badge.html", {"unread": unread})
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response
