"""HTML views of posts: the feeds, submit, edit, delete and vote.

The post page itself (/c/<slug>/p/<id>/<post-slug>/, "comments:post_detail")
belongs to apps.comments and includes templates/posts/_post_full.html.
"""

import secrets
from collections.abc import Collection, Mapping
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.types import MemberRequest
from apps.communities import selectors as community_selectors
from apps.core.http import ServiceCall, refused, render_call, safe_next, service_call
from apps.core.page_cache import cache_scope
from apps.core.ratelimit import client_ip
from apps.profiles import selectors as profile_selectors
from apps.tags.selectors import tag_by_slug

from . import policies, selectors, services
from .forms import KeywordFilterForm, PostForm
from .models import KEYWORD_FILTERS_MAX

# The shape Django gives SECURE_CSP (django-stubs' global_settings): the plugin
# would read the settings module's literal dict as dict[str, object] instead.
CspConfig = Mapping[str, Collection[str] | str]
_SITE_CSP = cast(CspConfig, settings.SECURE_CSP)

# TinyMCE injects inline styles: its pages (and only they) allow them.
# Everything else of the site's policy stays, object-src and base-uri included.
EDITOR_CSP: CspConfig = {
    **_SITE_CSP,
    "style-src": [*_SITE_CSP.get("style-src", [CSP.SELF]), CSP.UNSAFE_INLINE],
}


def _feed_context(params: selectors.FeedParams, page) -> dict:
    return {
        "page": page,
        "sort": params.sort,
        "period": params.period,
        "uses_period": params.uses_period,
        "sorts": list(selectors.SORTS.items()),
        "periods": [(key, label) for key, (label, _delta) in selectors.PERIODS.items()],
    }


# --- feeds -----------------------------------------------------------------------


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """/: the member's communities and people; everything public for visitors
    and for members who have not joined or followed anything yet."""
    params = selectors.feed_params(request.GET)
    personal = selectors.viewer_has_subscriptions(request.user)
    if personal:
        page = selectors.front_page(request.user, params)
    else:
        page = selectors.all_page(request.user, params)
    context = _feed_context(params, page)
    context.update({"personal": personal, "feed": "home", "hidden": page.hidden})
    return render(request, "posts/home.html", context)


@require_GET
def all_posts(request: HttpRequest) -> HttpResponse:
    params = selectors.feed_params(request.GET)
    page = selectors.all_page(request.user, params)
    context = _feed_context(params, page)
    context.update({"feed": "all", "hidden": page.hidden})
    return render(request, "posts/all.html", context)


@require_GET
def community_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """/c/<slug>/: pinned posts on the first page, then the chosen sort."""
    community = community_selectors.community_for_viewer(slug, request.user)
    standing = community_selectors.community_standing(request.user, community)
    params = selectors.feed_params(request.GET)
    page = selectors.community_page(request.user, community, params)
    pinned = [] if params.cursor else selectors.pinned_posts(request.user, community)
    context = _feed_context(params, page)
    context.update(
        {
            "community": community,
            "standing": standing,
            "pinned": pinned,
            "tab": "posts",
            # Votes are refused to members who cannot contribute here: say so
            # up front instead of offering buttons that fail.
            "vote_disabled": request.user.is_authenticated and not standing.can_contribute,
            "muted": selectors.is_muted(request.user, community),
        }
    )
    # Its cached copy for visitors follows this community's version.
    return cache_scope(render(request, "posts/community_feed.html", context), community.pk)


@require_GET
def tag_feed(request: HttpRequest, slug: str) -> HttpResponse:
    tag = tag_by_slug(slug)
    params = selectors.feed_params(request.GET)
    context = _feed_context(params, selectors.tag_page(request.user, tag, params))
    context["tag"] = tag
    return render(request, "tags/detail.html", context)


@require_GET
def member_posts(request: HttpRequest, username: str) -> HttpResponse:
    """/u/<username>/posts/: the profile's posts tab (newest first by default)."""
    member = profile_selectors.member_by_username(username)
    params = selectors.feed_params(request.GET, default_sort="new")
    context = _feed_context(params, selectors.member_posts_page(request.user, member, params))
    context.update(
        {
            "member": member,
            "profile": member.profile,
            "viewer_follows": profile_selectors.is_following(request.user, member),
        }
    )
    return render(request, "posts/member_posts.html", context)


# --- submit, edit, delete ------------------------------------------------------------


def _post_fields(form: PostForm) -> dict:
    """What the submit and edit forms hand to the services."""
    fields = ("title", "body", "link", "tags", "language")
    return {field: form.cleaned_data[field] for field in fields}


@csp_override(EDITOR_CSP)
@login_required
@require_http_methods(["GET", "POST"])
def submit(request: MemberRequest, slug: str) -> HttpResponse:
    """The submit form, or why this member cannot post here (403)."""
    community = community_selectors.community_for_viewer(slug, request.user)
    refusal = policies.submit_refusal(request.user, community)
    bound = request.method == "POST"
    form = PostForm(request.POST if bound else None, initial={"form_token": _form_token()})
    call = ServiceCall()
    if bound and refusal is None and form.is_valid():
        with service_call(form) as call:
            post = services.post_create(
                author=request.user,
                community=community,
                idempotency_key=form.cleaned_data["form_token"],
                client_ip=client_ip(request),
                **_post_fields(form),
            )
        if call.ok:
            messages.success(request, _("Your post is published."))
            return redirect(post)
    context = {"form": form, "community": community, "refusal": refusal}
    if refusal is not None:
        return render(request, "posts/submit.html", context, status=403)
    return render_call(request, "posts/submit.html", context, call)


def _form_token() -> str:
    # A one-time token: a form sent twice (double click, reload) makes one post.
    return secrets.token_urlsafe(24)


@csp_override(EDITOR_CSP)
@login_required
@require_http_methods(["GET", "POST"])
def edit(request: MemberRequest, slug: str, post_id: int, post_slug: str) -> HttpResponse:
    post = selectors.post_for_action(community_slug=slug, post_id=post_id, viewer=request.user)
    refusal = policies.edit_refusal(request.user, post)
    if refusal is not None:
        return refused(request, PermissionDenied(refusal[1]), back_url=post.get_absolute_url())
    form = PostForm(request.POST) if request.method == "POST" else _edit_form(post)
    call = ServiceCall()
    if form.is_bound and form.is_valid():
        with service_call(form) as call:
            post = services.post_update(actor=request.user, post=post, **_post_fields(form))
        if call.ok:
            messages.success(request, _("Your changes are saved."))
            return redirect(post)
    context = {"form": form, "post": post, "community": post.community}
    return render_call(request, "posts/edit.html", context, call)


def _edit_form(post) -> PostForm:
    tags = ", ".join(tag.slug for tag in post.tags.all())
    initial = {
        "title": post.title,
        "link": post.link,
        "body": post.body_html,
        "tags": tags,
    }
    if post.language:  # older rows without one get the form's default
        initial["language"] = post.language
    return PostForm(initial=initial)


@login_required
@require_POST
def delete(request: MemberRequest, slug: str, post_id: int, post_slug: str) -> HttpResponse:
    post = selectors.post_for_action(community_slug=slug, post_id=post_id, viewer=request.user)
    with service_call() as call:
        services.post_delete(actor=request.user, post=post)
    if call.error is not None:
        return refused(request, call.error, back_url=safe_next(request, post.get_absolute_url()))
    messages.success(request, _("Your post is deleted."))
    return redirect(post.community)


# --- votes -------------------------------------------------------------------------


def _vote_value(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("value", ""))
    except ValueError:
        raise ValidationError(_("A vote is up (+1), down (-1) or cleared (0).")) from None


@login_required
@require_POST
def vote(request: MemberRequest, slug: str, post_id: int) -> HttpResponse:
    """POST value=1|-1|0. htmx gets the vote widget back (with the refusal
    inline, and its status); a plain form post is redirected to `next` (or
    the post page), or answered with the refusal page."""
    post = selectors.post_for_action(community_slug=slug, post_id=post_id, viewer=request.user)
    with service_call() as call:
        services.post_vote(
            user=request.user, post=post, value=_vote_value(request), client_ip=client_ip(request)
        )
    next_url = safe_next(request, post.get_absolute_url())
    if request.htmx:
        context = {"post": post, "error": call.message, "next": next_url}
        return render_call(request, "posts/_vote.html", context, call)
    if call.error is not None:
        return refused(request, call.error, back_url=next_url)
    return HttpResponseRedirect(next_url)


# --- save, mute, filters (issue 14) ------------------------------------------------------


def _wants_save(request: HttpRequest) -> bool:
    """POST saved=1 saves, saved=0 unsaves; anything else is bad input."""
    value = request.POST.get("saved", "")
    if value not in ("0", "1"):
        raise ValidationError(_("Say whether to save (1) or unsave (0)."), code="invalid")
    return value == "1"


@login_required
@require_POST
def save(request: MemberRequest, slug: str, post_id: int) -> HttpResponse:
    """POST saved=1|0. htmx gets the save button back (with a refusal
    inline, and its status); a plain form post goes back to `next` (or the
    post page), or is answered with the refusal page."""
    post = selectors.post_for_action(community_slug=slug, post_id=post_id, viewer=request.user)
    with service_call() as call:
        if _wants_save(request):
            services.saved_post_create(user=request.user, post=post)
            post.user_saved = True  # type: ignore[attr-defined]  # selectors.with_user_saved
        else:
            services.saved_post_delete(user=request.user, post=post)
            post.user_saved = False  # type: ignore[attr-defined]
    next_url = safe_next(request, post.get_absolute_url())
    if request.htmx:
        context = {"post": post, "error": call.message, "next": next_url}
        return render_call(request, "posts/_save.html", context, call)
    if call.error is not None:
        return refused(request, call.error, back_url=next_url)
    return HttpResponseRedirect(next_url)


def _mute_response(request: MemberRequest, community, muted: bool) -> HttpResponse:
    if request.htmx:
        return render(request, "posts/_mute.html", {"community": community, "muted": muted})
    return HttpResponseRedirect(safe_next(request, community.get_absolute_url()))


@login_required
@require_POST
def mute(request: MemberRequest, slug: str) -> HttpResponse:
    """Keep this community's posts out of the member's home and /all/."""
    community = community_selectors.community_for_viewer(slug, request.user)
    changed = services.community_mute_create(user=request.user, community=community)
    if changed and not request.htmx:
        messages.success(
            request,
            # Translators: %(slug)s is a community's address; keep “c/” as it is.
            _("c/%(slug)s is muted: its posts no longer appear in your feeds.")
            % {"slug": community.slug},
        )
    return _mute_response(request, community, True)


@login_required
@require_POST
def unmute(request: MemberRequest, slug: str) -> HttpResponse:
    """Let this community's posts back into the member's feeds. A community
    the member can no longer read can still be unmuted from /settings/feeds/."""
    community = community_selectors.community_by_slug(slug)
    changed = services.community_mute_delete(user=request.user, community=community)
    if changed and not request.htmx:
        messages.success(
            request,
            # Translators: %(slug)s is a community's address; keep “c/” as it is.
            _("c/%(slug)s is unmuted: its posts appear in your feeds again.")
            % {"slug": community.slug},
        )
    return _mute_response(request, community, False)


def _feed_settings(request: MemberRequest, form: KeywordFilterForm, call: ServiceCall):
    context = {
        "form": form,
        "filters": selectors.keyword_filters(request.user),
        "mutes": selectors.muted_communities(request.user),
        "max_filters": KEYWORD_FILTERS_MAX,
    }
    return render_call(request, "posts/feed_settings.html", context, call)


@login_required
@require_http_methods(["GET", "POST"])
def feed_settings(request: MemberRequest) -> HttpResponse:
    """/settings/feeds/: the member's muted communities and keyword filters;
    POST adds a filter."""
    form = KeywordFilterForm(request.POST if request.method == "POST" else None)
    call = ServiceCall()
    if form.is_bound and form.is_valid():
        with service_call(form) as call:
            _filter, created = services.keyword_filter_create(
                user=request.user, phrase=form.cleaned_data["phrase"]
            )
        if call.ok:
            if created:
                messages.success(
                    request,
                    # Translators: %(phrase)s is the keyword filter the member just added.
                    _("Posts whose title contains “%(phrase)s” are now hidden from your feeds.")
                    % {"phrase": _filter.phrase},
                )
            else:
                messages.info(
                    request,
                    # Translators: %(phrase)s is a keyword filter the member already has.
                    _("You already filter “%(phrase)s”.") % {"phrase": _filter.phrase},
                )
            return redirect("posts:feed_settings")
    return _feed_settings(request, form, call)


@login_required
@require_POST
def filter_delete(request: MemberRequest, filter_id: int) -> HttpResponse:
    """Remove one of the member's filters (another member's id: nothing)."""
    if services.keyword_filter_delete(user=request.user, filter_id=filter_id):
        messages.success(request, _("The filter is removed."))
    return redirect("posts:feed_settings")
