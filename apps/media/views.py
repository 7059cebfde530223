"""The editor's image upload: POST /images/upload/ (members, CSRF-checked).

Answers as TinyMCE's upload handler expects: 201 `{"location": url, …}`, or
the API's error envelope `{"error": {"code", "message"}}` with a translated
message (400 bad file, 403 not signed in, 429 too many uploads with
Retry-After). static/js/editor-images.js sends the file with the page's CSRF
token. Not under /media/: that prefix is the files themselves (nginx).
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.http import error_text, refusal_status, service_call, with_retry_after
from apps.core.ratelimit import RateLimited, client_ip

from . import policies, services
from .models import Image


def image_json(image: Image) -> dict:
    return {
        "location": image.url,
        "id": image.pk,
        "width": image.width,
        "height": image.height,
        "alt": image.alt,
    }


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status=status)


def _code(error: Exception) -> str:
    if isinstance(error, RateLimited):
        return "throttled"
    if isinstance(error, ValidationError):
        codes = [e.code for e in error.error_list] if not hasattr(error, "error_dict") else []
        for errors in getattr(error, "error_dict", {}).values():
            codes.extend(e.code for e in errors)
        return next((code for code in codes if code), "validation_error")
    return "permission_denied"


@require_POST
def upload(request: HttpRequest) -> JsonResponse:
    refusal = policies.upload_refusal(request.user)
    if refusal is not None:
        return _error(403, "not_authenticated", refusal[1])
    file = request.FILES.get("file")
    if file is None:
        return _error(400, "image_missing", _("Choose an image to upload."))
    with service_call() as call:
        image = services.image_upload(
            uploader=request.user,  # type: ignore[arg-type]
            file=file,
            alt=request.POST.get("alt", ""),
            client_ip=client_ip(request),
        )
    if call.error is not None:
        status = refusal_status(call.error)
        response = _error(status, _code(call.error), error_text(call.error))
        return with_retry_after(response, call.error)  # type: ignore[return-value]
    return JsonResponse(image_json(image), status=201)
