"""Your data: the settings page of exports, the download, and deleting
the account."""

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.types import MemberRequest
from apps.core.http import ServiceCall, error_text, refused, render_call, service_call

from . import exports, services
from .forms import DeleteAccountForm
from .models import DataExport


@login_required
@require_GET
def data_page(request: MemberRequest) -> HttpResponse:
    """The newest export (being built, ready with its link, or used) and the
    way to delete the account. 2 queries."""
    export = DataExport.objects.filter(user=request.user).order_by("-created").first()
    context = {
        "export": export,
        "download_url": exports.download_path(export) if export and export.is_downloadable else "",
    }
    return render(request, "privacy/data.html", context)


@login_required
@require_POST
def export_request(request: MemberRequest) -> HttpResponse:
    with service_call() as call:
        services.export_request(user=request.user)
    if not call.ok:
        assert call.error is not None
        return refused(request, call.error, back_url=_data_url())
    messages.success(
        request,
        _("Your archive is being prepared. We will email you a link to download it."),
    )
    return redirect("privacy:data")


def _data_url() -> str:
    return reverse("privacy:data")


class _DeleteOnClose:
    """The archive's file: when the response has been sent (or the client
    went away), the archive leaves the storage."""

    def __init__(self, export: DataExport):
        self.export = export
        self.file = exports.default_storage.open(export.file_name, "rb")

    def read(self, size: int = -1) -> bytes:
        return self.file.read(size)

    def close(self) -> None:
        self.file.close()
        services.export_forget_file(export=self.export)


@never_cache
@login_required
@require_GET
def export_download(request: MemberRequest, token: str) -> HttpResponseBase:
    """The one download of an export. A forged link, or another member's,
    is a 404; a used or expired one says so (410)."""
    try:
        export_id, member_id = exports.read_download_token(token)
    except signing.SignatureExpired:
        return _gone(request, _("This download link has expired. Ask for a new export."))
    except signing.BadSignature:
        raise Http404 from None
    if member_id != request.user.pk:
        raise Http404
    with service_call() as call:
        export = services.export_claim(user=request.user, export_id=export_id)
    if not call.ok:
        assert call.error is not None
        if call.status == 403:  # another member's export
            raise Http404
        return _gone(request, error_text(call.error))
    try:
        source = _DeleteOnClose(export)
    except FileNotFoundError:
        return _gone(request, _("This archive is no longer available. Ask for a new export."))
    filename = f"quorum-{request.user.username}-{export.created:%Y-%m-%d}.zip"
    return FileResponse(
        source, as_attachment=True, filename=filename, content_type="application/zip"
    )


def _gone(request: MemberRequest, reason: str) -> HttpResponse:
    return render(request, "refused.html", {"reason": reason, "back_url": _data_url()}, status=410)


@login_required
@reauthentication_required(allow_get=True)
@require_http_methods(["GET", "POST"])
def delete_account(request: MemberRequest) -> HttpResponse:
    """Delete the account. The page shows the choice; the POST goes through
    allauth's reauthentication (the member's password, or their second
    factor) unless they confirmed who they are in the last few minutes, and
    resumes once they have. Logs them out and says goodbye."""
    form = DeleteAccountForm(request.POST or None)
    call = ServiceCall()
    if form.is_bound and form.is_valid():
        with service_call(form) as call:
            services.account_delete(
                actor=request.user, user=request.user, remove_content=form.remove_content
            )
        if call.ok:
            logout(request)
            return render(request, "privacy/deleted.html")
    return render_call(request, "privacy/delete.html", {"form": form}, call)
