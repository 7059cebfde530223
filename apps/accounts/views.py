"""The admin's login page is the site's: allauth's login view (its rate
limits, its two-factor stage, its passkeys) serves /admin/login/ too."""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.account.views import LoginView
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.http import refused, safe_next

site_login = LoginView.as_view()


def admin_login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    """Replaces `admin.site.login` (config/urls.py). A signed-in staff member
    goes on to the admin; a signed-in member without staff access is told so
    (the admin would otherwise send them back here forever); anyone else gets
    the site's login form, coming back to the admin afterwards."""
    admin_index = reverse("admin:index")
    user = request.user
    if user.is_authenticated:
        if user.is_active and user.is_staff:
            return redirect(safe_next(request, admin_index))
        error = PermissionDenied(_("Your account has no access to the administration."))
        return refused(request, error)
    if request.method == "GET" and not request.GET.get("next"):
        return redirect(f"{request.path}?{urlencode({'next': admin_index})}")
    return site_login(request)
