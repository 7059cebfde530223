"""The API's one error envelope, for every failure:

    {"error": {"code": "not_found", "message": "…", "details": {…}}}

`code` is a stable machine code from ERROR_CODES; `message` is a sentence
for people, translated into the request's language (Accept-Language; for a
signed-in session, the member's language setting first, as on the site);
`details` holds per-field errors for validation failures
({"title": [{"code": "title_blank", "message": "…"}]}) and is {} otherwise.

`api_exception_handler` (REST_FRAMEWORK["EXCEPTION_HANDLER"]) maps DRF's
exceptions, the ValidationError / PermissionDenied / Http404 that services
and selectors raise, oversized request bodies (413 `payload_too_large`; too
many fields → 400), database conflicts, database outages (503 `unavailable`
with Retry-After: PostgreSQL restarting or out of connections is not a bug
of ours, and the client should simply retry) and unexpected errors. handler400,
handler404 and handler500 (config/urls.py) answer failures that happen
outside DRF's views — an unknown /api/ URL, a body refused while a
middleware read it, a crash or a database outage in a middleware — in the
same envelope for /api/ paths and with the site's HTML pages elsewhere (the
HTML side of an outage is apps.core.middleware.OutageMiddleware's).
"""

import logging
import math
import sys

from django.conf import settings
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import defaults
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

from apps.core.http import error_text
from apps.core.middleware import RETRY_AFTER_SECONDS, database_is_down
from apps.core.ratelimit import RateLimited

logger = logging.getLogger("apps.api")

API_PREFIX = "/api/"

# Every code the API answers with, and its HTTP status. Clients may rely on
# these; adding one is fine, renaming one is a breaking change.
ERROR_CODES: dict[str, int] = {
    "validation_error": 400,
    "parse_error": 400,
    "bad_request": 400,
    "not_authenticated": 401,
    "authentication_failed": 401,
    "token_invalid": 401,
    "token_expired": 401,
    "token_revoked": 401,
    "permission_denied": 403,
    "insufficient_scope": 403,
    "csrf_failed": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "not_acceptable": 406,
    "conflict": 409,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "throttled": 429,
    "server_error": 500,
    "unavailable": 503,
}
_CODE_FOR_STATUS = {
    400: "bad_request",
    401: "authentication_failed",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "throttled",
    503: "unavailable",
}

# A database that is restarting, refusing connections ("too many clients") or
# dropped one mid-request: the request may succeed if retried.
DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError)
# Django refuses these while reading the body (DATA_UPLOAD_MAX_MEMORY_SIZE,
# DATA_UPLOAD_MAX_NUMBER_FIELDS, DATA_UPLOAD_MAX_NUMBER_FILES); they are
# SuspiciousOperations, which nothing in DRF maps.
TOO_MANY_PARTS_ERRORS = (TooManyFieldsSent, TooManyFilesSent)


def envelope(code: str, message: str, details: dict | None = None) -> dict:
    return {"error": {"code": code, "message": str(message), "details": details or {}}}


# --- validation details ------------------------------------------------------------


def _drf_details(detail) -> dict:
    """serializer.errors (nested dicts and lists of ErrorDetail) as
    {field: [{"code", "message"}]}; nested fields as "field.sub" or "field.0"."""
    out: dict[str, list[dict]] = {}

    def walk(value, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, (dict, list)):
                    walk(item, f"{path}.{index}" if path else str(index))
                else:
                    walk(item, path)
        else:
            key = path or api_settings.NON_FIELD_ERRORS_KEY
            code = getattr(value, "code", None) or "invalid"
            out.setdefault(key, []).append({"code": str(code), "message": str(value)})

    walk(detail, "")
    return out


def _django_details(error: DjangoValidationError) -> dict:
    """A service's ValidationError as {field: [{"code", "message"}]}."""

    def items(errors) -> list[dict]:
        return [
            {"code": item.code or "invalid", "message": " ".join(item.messages)} for item in errors
        ]

    if hasattr(error, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): items(
                errors
            )
            for field, errors in error.error_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: items(error.error_list)}


def _validation_message(details: dict) -> str:
    """The one sentence of a request refused as a whole ("This post is locked…"),
    or a pointer to the per-field details."""
    non_field = details.get(api_settings.NON_FIELD_ERRORS_KEY, [])
    if non_field and len(details) == 1:
        return non_field[0]["message"]
    return _("Some of the data you sent is not valid: see the details for each field.")


# --- the exception handler ----------------------------------------------------------


def _code_of(exc: exceptions.APIException) -> str:
    code = exc.get_codes() if not isinstance(exc.detail, (list, dict)) else None
    if isinstance(code, str) and code in ERROR_CODES:
        return code
    return _CODE_FOR_STATUS.get(exc.status_code, "bad_request")


def api_exception_handler(exc: Exception, context: dict) -> Response:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: every exception a view raises
    becomes the envelope. Never returns None, so nothing reaches Django's
    HTML error pages and no traceback is ever sent."""
    set_rollback()
    if isinstance(exc, RateLimited):
        # A service refused the action over its rate limit (apps.core.ratelimit):
        # for API clients that is a throttle, whatever layer said it.
        seconds = max(int(exc.retry_after or 1), 1)
        return Response(
            envelope("throttled", error_text(exc), {"retry_after": seconds}),
            status=429,
            headers={"Retry-After": str(seconds)},
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Nothing was found at this address, or you cannot see it."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(error_text(exc))

    if isinstance(exc, RequestDataTooBig):
        return Response(_too_large_body(), status=413)
    if isinstance(exc, TOO_MANY_PARTS_ERRORS):
        return Response(_too_many_parts_body(), status=400)
    if isinstance(exc, DATABASE_OUTAGE_ERRORS):
        return _unavailable(Response, context.get("request"), exc)

    if isinstance(exc, DjangoValidationError):
        fields = _django_details(exc)
        data = envelope("validation_error", _validation_message(fields), fields)
        return Response(data, status=400)

    if isinstance(exc, exceptions.ValidationError):
        fields = _drf_details(exc.detail)
        data = envelope("validation_error", _validation_message(fields), fields)
        return Response(data, status=400)

    if isinstance(exc, exceptions.ParseError):
        # DRF's parsers name what broke in English, untranslated ("JSON parse
        # error - Expecting value: line 1 column 15"): one sentence of ours.
        exc = exceptions.ParseError(_("The request body could not be read: send valid JSON."))

    if isinstance(exc, exceptions.APIException):
        headers: dict[str, str] = {}
        details: dict = {}
        # NotAuthenticated and AuthenticationFailed carry the challenge DRF set.
        auth_header = getattr(exc, "auth_header", None)
        if auth_header:
            headers["WWW-Authenticate"] = auth_header
        wait = getattr(exc, "wait", None)
        if wait is not None:
            seconds = max(math.ceil(wait), 1)
            headers["Retry-After"] = str(seconds)
            details = {"retry_after": seconds}
        code = _code_of(exc)
        message = exc.detail if isinstance(exc.detail, str) else _("The request failed.")
        if isinstance(exc, exceptions.Throttled) and wait is not None:
            # DRF writes the wait into its English sentence before translating
            # it: one sentence of ours, whole in the reader's language.
            message = ngettext(
                # Translators: an API client sent too many requests; %(seconds)d: how long to wait.
                "Too many requests: try again in %(seconds)d second.",
                "Too many requests: try again in %(seconds)d seconds.",
                details["retry_after"],
            ) % {"seconds": details["retry_after"]}
        return Response(envelope(code, message, details), status=exc.status_code, headers=headers)

    if isinstance(exc, IntegrityError):
        # A uniqueness race the services did not absorb: the other request won.
        logger.warning("api: integrity conflict on %s", context.get("request"), exc_info=True)
        data = envelope(
            "conflict",
            _("This request conflicts with another one made at the same time. Try again."),
        )
        return Response(data, status=409)

    request = context.get("request")
    logger.error(
        "api: unhandled error on %s %s",
        getattr(request, "method", "?"),
        getattr(request, "path", "?"),
        exc_info=exc,
    )
    return Response(_server_error_body(), status=500)


def _server_error_body() -> dict:
    return envelope(
        "server_error", _("Something went wrong on our side. Please try again in a moment.")
    )


def _too_large_body() -> dict:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return envelope(
        "payload_too_large",
        # Translators: API error; %(limit)s is the largest request size, a number of megabytes.
        _("The request is too large: the limit is %(limit)s MB.") % {"limit": limit // 2**20},
        {"limit_bytes": limit},
    )


def _too_many_parts_body() -> dict:
    return envelope("bad_request", _("The request could not be understood."))


def _unavailable(response_class, request, exc: BaseException | None):
    """503 `unavailable` with Retry-After, logged once (a warning: an outage is
    an operations matter, and every request during it would repeat the trace)."""
    logger.warning(
        "api: database unavailable on %s %s: %s",
        getattr(request, "method", "?"),
        getattr(request, "path", "?"),
        exc if exc is not None else "probe failed",
    )
    body = envelope(
        "unavailable",
        _(
            "Part of the site is briefly unavailable, so we could not do this safely "
            "right now. Nothing was lost: wait a few seconds and try again."
        ),
        {"retry_after": RETRY_AFTER_SECONDS},
    )
    response = response_class(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


# --- Django's error handlers (config/urls.py) ----------------------------------------


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def handler400(request: HttpRequest, exception=None) -> HttpResponse:
    if _is_api(request):
        # Django sends every SuspiciousOperation here, RequestDataTooBig
        # included when a middleware (CSRF reading a form) hit the limit.
        if isinstance(exception, RequestDataTooBig):
            return JsonResponse(_too_large_body(), status=413)
        return JsonResponse(
            envelope("bad_request", _("The request could not be understood.")), status=400
        )
    return defaults.bad_request(request, exception)


def handler404(request: HttpRequest, exception=None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse(
            envelope(
                "not_found",
                _("There is no API endpoint at this address: see /api/v1/docs/."),
            ),
            status=404,
        )
    return defaults.page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        # Django calls this inside its `except` block: the exception that
        # escaped a middleware (e.g. the session or token lookup meeting a
        # database that is down) is the one being handled.
        exc = sys.exc_info()[1]
        if isinstance(exc, DATABASE_OUTAGE_ERRORS) or database_is_down():
            return _unavailable(JsonResponse, request, exc)
        return JsonResponse(_server_error_body(), status=500)
    return defaults.server_error(request)
