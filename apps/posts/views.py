"""HTML views of posts: the feeds, submit, edit, delete and vote.

The post page itself (/c/<slug>/p/<id>/<post-slug>/, "comments:post_detail")
belongs to apps.comments and includes templates/posts/_post_full.html.
"""

import html as std_html
import secrets
from collections.abc import Collection, Mapping
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
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
from apps.drafts import selectors as draft_selectors
from apps.drafts import services as draft_services
from apps.drafts.forms import draft_form
from apps.drafts.models import Draft
from apps.drafts.views import saved_message
from apps.media import services as media_services
from apps.profiles import selectors as profile_selectors
from apps.tags.selectors import tag_by_slug

from . import policies, selectors, services
from .forms import KeywordFilterForm, PostForm
from .models import KEYWORD_FILTERS_MAX, Post

# The shape Django gives SECURE_CSP (django-stubs' global_settings): the plugin
# would read the settings module's literal dict as dict[str, object] instead.
CspConfig = Mapping[str, Collection[str] | str]
_SITE_CSP = cast(CspConfig, settings.SECURE_CSP)

# TinyMCE injects inline styles: its pages (and only they) allow them.
# Everything else of the site's policy stays, object-src and base-uri included.
# Images pasted or dropped into the editor show as blob: URLs until uploaded.
EDITOR_CSP: CspConfig = {
    **_SITE_CSP,
    "style-src": [*_SITE_CSP.get("style-src", [CSP.SELF]), CSP.UNSAFE_INLINE],
    "img-src": [*_SITE_CSP.get("img-src", [CSP.SELF]), "blob:"],
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
    draft = _submit_draft(request, community)
    initial = {"form_token": _form_token(), **_draft_initial(draft)}
    form = PostForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        initial=initial,
        with_image=True,
    )
    call = ServiceCall()
    if bound and refusal is None and "save_draft" in request.POST:
        # "Save draft" without JavaScript: the form as typed, nothing checked but its size.
        saved = None
        with service_call(form) as call:
            saved = draft_services.draft_save(
                author=request.user,
                community=community,
                draft=draft,
                **draft_form(request.POST).fields_for_service(),
            )
        if saved is not None:
            messages.success(request, saved_message(saved))
            return redirect(saved.get_resume_url())
    elif bound and refusal is None and form.is_valid():
        fields = _post_fields(form)
        # The image of the file field (no JavaScript), stored first: a post
        # refused after it leaves an orphan the daily cleanup deletes.
        with service_call() as call:
            fields["body"] = _body_with_image(request, form, fields["body"])
        if call.error is not None:
            _image_errors_on_form(form, call.error)
        else:
            # Publishing deletes the draft it came from, in the same transaction.
            with service_call(form) as call, transaction.atomic():
                post = services.post_create(
                    author=request.user,
                    community=community,
                    idempotency_key=form.cleaned_data["form_token"],
                    client_ip=client_ip(request),
                    **fields,
                )
                draft_services.draft_delete(
                    author=request.user, draft_id=draft.pk if draft is not None else None
                )
            if call.ok:
                messages.success(request, _("Your post is published."))
                return redirect(post)
    context = {"form": form, "community": community, "refusal": refusal, "draft": draft}
    if refusal is not None:
        return render(request, "posts/submit.html", context, status=403)
    return render_call(request, "posts/submit.html", context, call)


def _body_with_image(request: MemberRequest, form: PostForm, body: str) -> str:
    """`body` with the image of the form's file field uploaded and appended
    as a figure (the body as the sanitizer will keep it: plain text typed
    without the editor becomes paragraphs first). Unchanged without a file."""
    upload = form.cleaned_data.get("image")
    if not upload:
        return body
    image = media_services.image_upload(
        uploader=request.user,
        file=upload,
        alt=form.cleaned_data.get("image_alt") or "",
        client_ip=client_ip(request),
    )
    alt = std_html.escape(image.alt, quote=True)
    figure = (
        f'<figure><img src="{std_html.escape(image.url, quote=True)}" alt="{alt}" '
        f'width="{image.width}" height="{image.height}"></figure>'
    )
    return services.body_to_html(body) + figure


def _image_errors_on_form(form: PostForm, error: ValidationError | PermissionDenied) -> None:
    """The image's refusal on the image fields (the service names them `file`, `alt`)."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        names = {"file": "image", "alt": "image_alt"}
        for field, errors in error.error_dict.items():
            form.add_error(names.get(field), errors)
    elif isinstance(error, ValidationError):
        form.add_error("image", error)
    else:
        form.add_error(None, str(error))


def _submit_draft(request: MemberRequest, community) -> Draft | None:
    """The draft the submit form works on: `?draft=<id>` when resuming one
    (404 unless it is the member's, in this community), the form's hidden
    `draft` field when posting (one that is gone starts a new draft)."""
    if request.method == "POST":
        draft_id = draft_form(request.POST).draft_id()
        return draft_selectors.own_draft_or_none(request.user, draft_id, community=community)
    if "draft" not in request.GET:
        return None
    raw = request.GET["draft"]
    draft_id = int(raw) if raw.isdigit() and len(raw) < 19 else None
    return draft_selectors.draft_for_author(request.user, draft_id, community=community)


def _draft_initial(draft: Draft | None) -> dict:
    """The submit form prefilled from a draft (its fields as typed)."""
    if draft is None:
        return {}
    initial = {field: getattr(draft, field) for field in ("title", "body", "link", "tags")}
    if draft.language:
        initial["language"] = draft.language
    return initial


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
    with service_call() as call:
        try:
            post = services.post_vote_at(
                user=request.user,
                community_slug=slug,
                post_id=post_id,
                value=_vote_value(request),
                client_ip=client_ip(request),
            )
        except Post.DoesNotExist:
            raise Http404 from None
    if call.error is not None:
        # Refused: the widget shows the post as it stands (the read that
        # voting saves is only paid on this path).
        post = selectors.post_for_action(community_slug=slug, post_id=post_id, viewer=request.user)
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
