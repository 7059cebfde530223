"""HTTP plumbing every HTML view shares: turning a service's refusal into what
a person sees, and the safe `next` URL of a form.

Services refuse in three ways, and each has one answer here:

- `ValidationError`: bad input. On a form, its messages land on the fields
  they name and the page is shown again (200, nothing the member typed lost).
- `PermissionDenied` (a policy said no, with its reason): 403 with the reason.
- `RateLimited` (a PermissionDenied): 429 with the reason and Retry-After.

A view runs its service inside `service_call()`:

    with service_call(form) as call:
        post = services.post_create(author=request.user, ...)
    if call.ok:
        return redirect(post)
    return render(request, "posts/submit.html", context, status=call.status)

and answers an action without a form (vote, join, delete) with
`refused(request, call.error)` on failure: a full page (403/429/400) that
states the reason and links back; htmx callers render their partial with
`status=call.status` instead (base.html lets htmx swap 4xx answers so the
partial shows the reason in place). `with_retry_after` adds the header.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from apps.core.ratelimit import RateLimited

Refusal = ValidationError | PermissionDenied


def error_text(error: Exception) -> str:
    """A service's refusal as one sentence for a message, a form or a page."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You cannot do that.")


def refusal_status(error: Exception | None) -> int:
    """The HTTP status that answers a refusal (200 when there is none)."""
    if error is None:
        return 200
    if isinstance(error, RateLimited):
        return 429
    if isinstance(error, PermissionDenied):
        return 403
    return 400


def add_form_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names (the rest
    on the form as a whole)."""
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


@dataclass
class ServiceCall:
    """What became of a service call made inside `service_call()`."""

    error: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def message(self) -> str:
        return error_text(self.error) if self.error is not None else ""

    @property
    def status(self) -> int:
        """The status of the page that answers the call: a form shown again
        with its errors is 200; a refusal is 403 or 429."""
        if self.error is None or isinstance(self.error, ValidationError):
            return 200
        return refusal_status(self.error)


@contextmanager
def service_call(form=None) -> Iterator[ServiceCall]:
    """Run the block's service call; catch its refusal into the yielded
    `ServiceCall` and, with a `form`, onto the form (field errors for a
    ValidationError, a form-wide error for a PermissionDenied)."""
    call = ServiceCall()
    try:
        yield call
    except (ValidationError, PermissionDenied) as error:
        call.error = error
        if form is not None:
            if isinstance(error, ValidationError):
                add_form_errors(form, error)
            else:
                form.add_error(None, error_text(error))


def with_retry_after(response: HttpResponse, error: Exception | None) -> HttpResponse:
    """Tell the client when to try again after a rate-limit refusal."""
    if isinstance(error, RateLimited):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def refused(request: HttpRequest, error: Exception, *, back_url: str = "") -> HttpResponse:
    """The full page that answers a refused action: the reason, a link back,
    and the status that fits (403, 429 with Retry-After, or 400)."""
    response = render(
        request,
        "refused.html",
        {"reason": error_text(error), "back_url": back_url},
        status=refusal_status(error),
    )
    return with_retry_after(response, error)


def render_call(
    request: HttpRequest, template: str, context: dict, call: ServiceCall
) -> HttpResponse:
    """Render `template` with the status (and Retry-After) that `call` earned."""
    return with_retry_after(render(request, template, context, status=call.status), call.error)
