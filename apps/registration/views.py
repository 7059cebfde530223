"""Pages of the registration: the staff's applications queue and invite
tree, a member's invite links, and the landing page of an invite link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.accounts.types import MemberRequest
from apps.core.http import ServiceCall, refused, render_call, service_call

from . import modes, policies, selectors, services
from .forms import InviteForm
from .models import Application, Invite, Mode


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


# --- staff: applications ---------------------------------------------------------------


@login_required
@require_GET
def applications(request: MemberRequest) -> HttpResponse:
    """/joining/applications/: the applications waiting for a decision
    (staff allowed to decide them). Two queries plus the session's."""
    _require(
        policies.can_decide_applications(request.user),
        _("Only staff members allowed to decide applications can see this page."),
    )
    page = selectors.pending_applications(cursor=request.GET.get("cursor"))
    return render(
        request,
        "joining/applications.html",
        {"page": page, "registration": modes.current()},
    )


DECISIONS = {"approve": services.application_approve, "refuse": services.application_refuse}


@login_required
@require_POST
def decide(request: MemberRequest, pk: int, action: str) -> HttpResponse:
    """Approve or refuse one application; the applicant is emailed."""
    if action not in DECISIONS:
        raise Http404
    application = get_object_or_404(Application.objects.select_related("user"), pk=pk)
    service = DECISIONS[action]
    with service_call() as call:
        service(actor=request.user, application=application)
    back = reverse("registration:applications")
    if not call.ok:
        return refused(request, call.error, back_url=back)  # type: ignore[arg-type]
    name = application.user.username
    if action == "approve":
        # Translators: %(name)s is the username of the person who applied to join the site.
        messages.success(request, _("%(name)s's application was approved.") % {"name": name})
    else:
        # Translators: %(name)s is the username of the person who applied to join the site.
        messages.success(request, _("%(name)s's application was refused.") % {"name": name})
    return redirect(back)


# --- staff: the invite tree ------------------------------------------------------------


@login_required
@require_GET
def tree(request: MemberRequest) -> HttpResponse:
    """/joining/tree/: who invited whom (staff allowed to see invites)."""
    _require(
        policies.can_view_invite_tree(request.user),
        _("Only staff members allowed to see invites can see this page."),
    )
    return render(request, "joining/tree.html", {"roots": selectors.invite_tree()})


# --- members: their invite links ---------------------------------------------------------


def _invite_link(request: HttpRequest, invite: Invite) -> str:
    return request.build_absolute_uri(reverse("registration:join", args=[invite.token]))


@login_required
def invites(request: MemberRequest) -> HttpResponse:
    """/settings/invites/: make invite links (members with enough karma, in
    the invite mode) and see or withdraw one's own."""
    form = InviteForm(request.POST or None)
    call = ServiceCall()
    if request.method == "POST":
        with service_call(form) as call:
            if form.is_valid():
                invite = services.invite_create(
                    inviter=request.user,
                    max_uses=form.cleaned_data["max_uses"],
                    days=form.cleaned_data["days"],
                )
                messages.success(
                    request,
                    # Translators: %(link)s is the invite link's address (a URL).
                    _("Your invite link is ready: %(link)s")
                    % {"link": _invite_link(request, invite)},
                )
                return redirect("registration:invites")
    page = selectors.invites_of(request.user, cursor=request.GET.get("cursor"))
    for invite in page:
        invite.link = _invite_link(request, invite)
        invite.refusal = policies.invite_refusal(invite)
    context = {
        "form": form,
        "page": page,
        "refusal": policies.invite_create_refusal(request.user),
    }
    return render_call(request, "joining/invites.html", context, call)


@login_required
@require_POST
def invite_revoke(request: MemberRequest, pk: int) -> HttpResponse:
    invite = get_object_or_404(Invite, pk=pk)
    with service_call() as call:
        services.invite_revoke(actor=request.user, invite=invite)
    back = reverse("registration:invites")
    if not call.ok:
        return refused(request, call.error, back_url=back)  # type: ignore[arg-type]
    messages.success(request, _("The invite link was withdrawn: nobody can join with it now."))
    return redirect(back)


# --- anyone: an invite link ----------------------------------------------------------------


@require_GET
def join(request: HttpRequest, token: str) -> HttpResponse:
    """/join/<token>/: a usable invite leads to the signup form with its code
    filled in; any other says why it cannot be used (404 for an unknown
    link, 410 for one that expired, was used up or withdrawn)."""
    invite = services.invite_by_token(token)
    refusal = policies.invite_refusal(invite)
    if refusal is None and invite is not None and modes.current().mode == Mode.INVITE:
        return redirect(reverse("account_signup") + "?" + urlencode({"invite": invite.token}))
    if refusal is None:
        # A good link while the site does not use invites: signup decides.
        return redirect("account_signup")
    status = 404 if refusal[0] == "unknown" else 410
    return render(request, "joining/invite_refused.html", {"reason": refusal[1]}, status=status)
