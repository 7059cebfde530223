"""The access tokens page, /settings/tokens/ (HTML, plain POST forms).

A new token's secret is rendered in the response to the POST that made it
and nowhere else: it is never stored, put in the session or in a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .forms import TokenForm


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You cannot do that.")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """List the member's tokens; POST makes one and shows it, once."""
    new_token = None
    status = 200
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                token, raw = services.token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    scopes=form.scope_list(),
                    expires=form.expires_at(),
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _error_text(error))
                status = 400
            else:
                new_token = {"token": token, "raw": raw}
                form = TokenForm()
        else:
            status = 400
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
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(selectors.tokens_of(request.user), pk=token_id)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api:tokens")
