"""The inbox (/inbox/) and its header badge, the notification settings and
the emails' unsubscribe link. Every page works without JavaScript: entries
are links through /inbox/<id>/open/ (marks read, then redirects to the
exact comment or page), "mark read" and "mark all read" are POST forms.
With htmx the badge refreshes itself (see _badge.html)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.models import User
from apps.accounts.types import MemberRequest
from apps.core.http import safe_next

from . import emails, preferences, selectors, services
from .forms import NotificationSettingsForm
from .models import FILTERS, Kind, Notification

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


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: MemberRequest) -> HttpResponse:
    """Per kind: on the site and/or by email (/settings/notifications/, one
    of the settings pages; the profile app's page links here)."""
    current = preferences.preferences_of(request.user)
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None, initial_choices=current
    )
    if form.is_bound and form.is_valid():
        preferences.preferences_save(user=request.user, choices=form.choices())
        messages.success(request, _("Your settings were saved."))
        return redirect("notifications:settings")
    context = {"form": form, "minutes": settings.QUORUM_NOTIFICATION_EMAIL_MINUTES}
    return render(request, "notifications/settings.html", context)


# Mail clients send RFC 8058's one-click POST ("List-Unsubscribe=One-Click")
# from their own servers, without cookies or a CSRF token, so this one view is
# CSRF-exempt. That is safe here: the signed token in the URL is the
# authorization (it names the member and the kind, expires, and cannot be
# forged), and the only thing a forged cross-site POST could do with a
# stolen token is what the token's owner asked for anyway: stop one kind of
# email. A GET only shows a confirmation button, so link scanners and
# prefetching mail clients unsubscribe nobody.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user_id, kind = emails.read_unsubscribe_token(token)
    except signing.BadSignature:  # tampered with, or expired (SignatureExpired)
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    member = User.objects.filter(pk=user_id, is_active=True).first()
    if member is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    context = {"kind_label": Kind(kind).label, "done": request.method == "POST"}
    if request.method == "POST":
        preferences.preference_unsubscribe(user=member, kind=kind)
    return render(request, "notifications/unsubscribe.html", context)
