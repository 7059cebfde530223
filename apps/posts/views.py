"""HTML views of posts: the feeds, submit, edit, delete and vote.

The post page itself (/c/<slug>/p/<id>/<post-slug>/, "comments:post_detail")
belongs to apps.comments and includes templates/posts/_post_full.html.
"""

import secrets

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

from apps.communities import selectors as community_selectors
from apps.communities.views import add_form_errors, error_text, safe_next
from apps.profiles import selectors as profile_selectors
from apps.tags.selectors import tag_by_slug

from . import policies, selectors, services
from .forms import PostForm

# TinyMCE injects inline styles: its pages (and only they) allow them.
# Everything else of the site's policy stays, object-src and base-uri included.
EDITOR_CSP = {
    **settings.SECURE_CSP,
    "style-src": [*settings.SECURE_CSP.get("style-src", [CSP.SELF]), CSP.UNSAFE_INLINE],
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
    context.update({"personal": personal, "feed": "home"})
    return render(request, "posts/home.html", context)


@require_GET
def all_posts(request: HttpRequest) -> HttpResponse:
    params = selectors.feed_params(request.GET)
    context = _feed_context(params, selectors.all_page(request.user, params))
    context["feed"] = "all"
    return render(request, "posts/all.html", context)


@require_GET
def community_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """/c/<slug>/: pinned posts on the first page, then the chosen sort."""
    community = community_selectors.community_for_viewer(slug, request.user)
    request.feed_community_id = community.pk  # for page_cache: the community's cache version
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
        }
    )
    return render(request, "posts/community_feed.html", context)


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


@csp_override(EDITOR_CSP)
@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_selectors.community_for_viewer(slug, request.user)
    standing = community_selectors.community_standing(request.user, community)
    if request.method == "POST":
        form = PostForm(request.POST)
        if standing.can_contribute and form.is_valid():
            data = form.cleaned_data
            try:
                post = services.post_create(
                    author=request.user,
                    community=community,
                    title=data["title"],
                    body=data["body"],
                    link=data["link"],
                    tags=data["tags"],
                    idempotency_key=data["form_token"],
                )
            except ValidationError as error:
                add_form_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, _("Your post is published."))
                return redirect(post)
    else:
        form = PostForm(initial={"form_token": secrets.token_urlsafe(24)})
    return render(
        request,
        "posts/submit.html",
        {"form": form, "community": community, "standing": standing},
        status=200 if standing.can_contribute else 403,
    )


@csp_override(EDITOR_CSP)
@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, post_id: int, post_slug: str) -> HttpResponse:
    post = selectors.post_for_action(community_slug=slug, post_id=post_id, viewer=request.user)
    if not policies.can_edit_post(request.user, post):
        raise PermissionDenied(_("You can only edit your own posts, while they stand."))
    if request.method == "POST":
        form = PostForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                post = services.post_update(
                    actor=request.user,
                    post=post,
                    title=data["title"],
                    body=data["body"],
                    link=data["link"],
                    tags=data["tags"],
                )
            except ValidationError as error:
                add_form_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(post)
    else:
        form = PostForm(
            initial={
                "title": post.title,
                "link": post.link,
                "body": post.body_html,
                "tags": ", ".join(tag.slug for tag in post.tags.all()),
            }
        )
    return render(
        request, "posts/edit.html", {"form": form, "post": post, "community": post.community}
    )


@login_required
@require_POST
def delete(request: HttpRequest, slug: str, post_id: int, post_slug: str) -> HttpResponse:
    post = selectors.post_for_action(community_slug=slug, post_id=post_id, viewer=request.user)
    try:
        services.post_delete(actor=request.user, post=post)
    except PermissionDenied as error:
        messages.error(request, error_text(error))
        return HttpResponseRedirect(safe_next(request, post.get_absolute_url()))
    messages.success(request, _("Your post is deleted."))
    return redirect(post.community)


# --- votes -------------------------------------------------------------------------


@login_required
@require_POST
def vote(request: HttpRequest, slug: str, post_id: int) -> HttpResponse:
    """POST value=1|-1|0. htmx gets the vote widget back; a plain form post is
    redirected to `next` (or the post page)."""
    post = selectors.post_for_action(community_slug=slug, post_id=post_id, viewer=request.user)
    error = ""
    try:
        value = int(request.POST.get("value", ""))
    except ValueError:
        value = None
    try:
        if value is None:
            raise ValidationError(_("A vote is up (+1), down (-1) or cleared (0)."))
        services.post_vote(user=request.user, post=post, value=value)
    except (ValidationError, PermissionDenied) as error_:
        error = error_text(error_)
    next_url = safe_next(request, post.get_absolute_url())
    if request.htmx:
        return render(request, "posts/_vote.html", {"post": post, "error": error, "next": next_url})
    if error:
        messages.error(request, error)
    return HttpResponseRedirect(next_url)
