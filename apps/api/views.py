"""The access tokens page, /settings/tokens/ (HTML, plain POST forms).

A new token's secret is rendered in the response to the POST that made it
and nowhere else: it is never stored, put in the session or in a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts.types import MemberRequest
from apps.core.http import refused, service_call

from . import selectors, services
from .forms import TokenForm


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: MemberRequest) -> HttpResponse:
    """List the member's tokens; POST makes one and shows it, once."""
    new_token = None
    status = 200
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        # This page answers a form shown again with its errors with 400, and a
        # refusal (a policy said no) with its own status.
        status = 400
        if form.is_valid():
            with service_call(form) as call:
                token, raw = services.token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    scopes=form.scope_list(),
                    expires=form.expires_at(),
                )
            if call.ok:
                new_token = {"token": token, "raw": raw}
                form = TokenForm()
                status = 200
            elif not isinstance(call.error, ValidationError):
                status = call.status
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": list(selectors.tokens_of(request.user)),
        },
        status=status,
    )


@login_required
@require_POST
def token_revoke(request: MemberRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(selectors.tokens_of(request.user), pk=token_id)
    with service_call() as call:
        services.token_revoke(actor=request.user, token=token)
    if call.error is not None:
        return refused(request, call.error, back_url=reverse("api:tokens"))
    # Translators: %(name)s is the name the member gave an API token.
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api:tokens")
