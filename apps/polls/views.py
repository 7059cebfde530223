"""HTML views of polls: the submit page of a post with a poll, and voting.

The poll block of a post page is `{% poll_block post %}`
(apps.polls.templatetags.polls); the plain submit page links here ("Add a
poll"), since apps.posts cannot know of polls.
"""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts.types import MemberRequest
from apps.communities import selectors as community_selectors
from apps.core.http import ServiceCall, refused, render_call, safe_next, service_call
from apps.core.ratelimit import client_ip
from apps.posts import policies as post_policies
from apps.posts import selectors as post_selectors
from apps.posts.forms import PostForm
from apps.posts.views import EDITOR_CSP

from . import selectors, services
from .forms import PollForm
from .templatetags.polls import poll_context


@csp_override(EDITOR_CSP)
@login_required
@require_http_methods(["GET", "POST"])
def submit_poll(request: MemberRequest, slug: str) -> HttpResponse:
    """/c/<slug>/submit/poll/: the submit form plus a poll (the title is its
    question). The post and its poll are published in one transaction: a
    refused poll publishes nothing."""
    community = community_selectors.community_for_viewer(slug, request.user)
    refusal = post_policies.submit_refusal(request.user, community)
    bound = request.method == "POST"
    form = PostForm(request.POST if bound else None, initial={"form_token": _form_token()})
    poll_form = PollForm(request.POST if bound else None)
    call = ServiceCall()
    # Both forms are checked, so every mistake shows at once.
    forms_valid = bound and all([form.is_valid(), poll_form.is_valid()])
    if refusal is None and forms_valid:
        with service_call(poll_form) as call:
            poll_input = services.clean_poll_input(
                options=poll_form.options(),
                multiple=poll_form.cleaned_data["multiple"],
                closes_at=poll_form.cleaned_data["closes_at"],
            )
        if call.ok:
            with service_call(form) as call:
                post = services.post_with_poll_create(
                    author=request.user,
                    community=community,
                    poll=poll_input,
                    idempotency_key=form.cleaned_data["form_token"],
                    client_ip=client_ip(request),
                    **{
                        field: form.cleaned_data[field]
                        for field in ("title", "body", "link", "tags", "language")
                    },
                )
            if call.ok:
                messages.success(request, _("Your poll is published."))
                return redirect(post)
    context = {"form": form, "poll_form": poll_form, "community": community, "refusal": refusal}
    if refusal is not None:
        return render(request, "polls/submit.html", context, status=403)
    return render_call(request, "polls/submit.html", context, call)


def _form_token() -> str:
    # A one-time token: a form sent twice (double click, reload) makes one post.
    return secrets.token_urlsafe(24)


def _chosen(request: MemberRequest) -> list[int]:
    ids = []
    for value in request.POST.getlist("option"):
        ids.append(int(value) if value.isdigit() and len(value) < 19 else 0)
    return ids


@login_required
@require_POST
def vote(request: MemberRequest, slug: str, post_id: int) -> HttpResponse:
    """POST option=<id> (one, or several on a multiple-choice poll). htmx
    gets the poll block back (results, or the form with the refusal); a
    plain form post goes back to `next` (the post page), or to the refusal
    page."""
    post = post_selectors.post_for_action(community_slug=slug, post_id=post_id, viewer=request.user)
    poll = selectors.poll_for_viewer(post, request.user)
    with service_call() as call:
        services.poll_vote(user=request.user, poll=poll, option_ids=_chosen(request))
    next_url = safe_next(request, post.get_absolute_url())
    if request.htmx:
        poll = selectors.poll_for_viewer(post, request.user)
        context = poll_context(
            poll, user=request.user, post=post, error=call.message, next_url=next_url
        )
        return render_call(request, "polls/_poll.html", context, call)
    if call.error is not None:
        return refused(request, call.error, back_url=next_url)
    return HttpResponseRedirect(next_url)
