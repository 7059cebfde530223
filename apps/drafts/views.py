"""HTML views of drafts: the list at /drafts/, deleting one, and the
submit form's autosave. Resuming a draft is the submit page itself
(/c/<slug>/submit/?draft=<id>, apps.posts.views.submit), which also saves a
draft without JavaScript (its "Save draft" button)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.accounts.types import MemberRequest
from apps.communities import selectors as community_selectors
from apps.core.http import refused, render_call, service_call

from . import selectors, services
from .forms import draft_form
from .models import Draft
from .policies import max_drafts


def saved_message(draft: Draft) -> str:
    """ "Draft saved at 12:03", in the member's time zone and language."""
    # Translators: %(time)s is the time of day a draft was last saved, e.g. “12:03”.
    return _("Draft saved at %(time)s") % {
        "time": time_format(timezone.localtime(draft.updated), "TIME_FORMAT")
    }


@login_required
@require_GET
def draft_list(request: MemberRequest) -> HttpResponse:
    """/drafts/: the member's drafts, last saved first (1 query)."""
    context = {"drafts": selectors.drafts_of(request.user), "max_drafts": max_drafts()}
    return render(request, "drafts/list.html", context)


@login_required
@require_POST
def draft_delete(request: MemberRequest, draft_id: int) -> HttpResponse:
    """Throw a draft away; another member's id is a 404."""
    draft = selectors.draft_for_author(request.user, draft_id)
    services.draft_delete(author=request.user, draft_id=draft.pk)
    messages.success(request, _("The draft is deleted."))
    return redirect("drafts:list")


@login_required
@require_POST
def autosave(request: MemberRequest, slug: str) -> HttpResponse:
    """The submit form's fields, saved every few seconds by htmx (the form's
    hx-post): answers the status line, and the draft's id for the form's
    hidden field (an out-of-band swap), so the next save updates the same
    draft. A plain POST (no JavaScript) goes back to the submit page with
    the draft, or to the refusal page."""
    community = community_selectors.community_for_viewer(slug, request.user)
    form = draft_form(request.POST)
    draft = selectors.own_draft_or_none(request.user, form.draft_id(), community=community)
    if draft is None and request.htmx and form.is_empty():
        return HttpResponse(status=204)  # nothing typed yet: no empty draft
    saved: Draft | None = None
    with service_call() as call:
        saved = services.draft_save(
            author=request.user, community=community, draft=draft, **form.fields_for_service()
        )
    if saved is None:
        error = call.error or PermissionDenied()
        if not request.htmx:
            return refused(request, error, back_url=community.get_absolute_url())
        context = {"draft": draft, "error": call.message}
        return render_call(request, "drafts/_status.html", context, call)
    if not request.htmx:
        messages.success(request, saved_message(saved))
        return redirect(saved.get_resume_url())
    context = {"draft": saved, "saved": saved_message(saved)}
    return render(request, "drafts/_status.html", context)
