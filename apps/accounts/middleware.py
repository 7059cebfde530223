"""Two middlewares of the signed-in member's security (apps/accounts/security.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from . import security


class SessionActivityMiddleware:
    """Record the signed-in session's device, IP and last visit for the
    "Active sessions" page, at most every QUORUM_SESSION_SEEN_SECONDS: most
    requests read a timestamp from the session already loaded and write nothing."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.session_key
            and request.user.is_authenticated
            and security.session_visit_due(request)
        ):
            security.record_session(request)
        return self.get_response(request)


class StaffMFARequiredMiddleware:
    """With QUORUM_STAFF_REQUIRE_MFA, a staff account without a second factor
    reaches nothing but the account pages (/accounts/: enrolment, email,
    password, sign-out) until it has one: pages redirect to the two-factor
    page, the API answers 403. Members are never concerned; staff cost one
    indexed query per request."""

    OPEN_PREFIXES = ("/accounts/", "/i18n/", "/jsi18n/", "/health/", "/favicon.ico")

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def _open(self, path: str) -> bool:
        prefixes = (*self.OPEN_PREFIXES, settings.STATIC_URL or "/static/", settings.MEDIA_URL)
        return path.startswith(prefixes)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.QUORUM_STAFF_REQUIRE_MFA
            and not self._open(request.path_info)
            and security.staff_must_enrol(request.user)
        ):
            return self.refuse(request)
        return self.get_response(request)

    def refuse(self, request: HttpRequest) -> HttpResponse:
        message = _(
            "Staff accounts must use two-factor authentication. "
            "Set up an authenticator app or a security key to continue."
        )
        if request.path_info.startswith("/api/"):
            error = {"code": "mfa_required", "message": message, "details": {}}
            return JsonResponse({"error": error}, status=403)
        target = reverse("mfa_index")
        if request.method == "GET":
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        messages.warning(request, message)
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(target)
        return HttpResponseRedirect(target)
