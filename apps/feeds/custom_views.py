"""HTML views of custom feeds (/f/...). The RSS/Atom views are in views.py.

/f/                          the member's feeds, and the form to build one
/f/<slug>/                   one of their feeds (the feeds' sorts, keyset pages)
/f/<slug>/edit/              rename, describe, share, choose its communities
/f/<slug>/share/             POST: a new share link (the old one stops working)
/f/<slug>/delete/            POST
/f/<slug>/remove/<c-slug>/   POST: take one community out
/f/add/<c-slug>/             "Add to a feed", from a community's page
/f/s/<token>/                a shared feed, read-only, for anyone with the link
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.types import MemberRequest
from apps.communities import selectors as community_selectors
from apps.core.http import ServiceCall, refused, render_call, service_call
from apps.posts import selectors as post_selectors

from . import policies, selectors, services
from .forms import CustomFeedForm
from .models import CustomFeed


def _feed_context(request: HttpRequest, feed: CustomFeed) -> dict:
    """What the feed page shows, as `request.user` may read it (4 queries:
    the page's 2, its communities, none more for the sort links)."""
    params = post_selectors.feed_params(request.GET)
    page = selectors.custom_feed_page(request.user, feed, params)
    return {
        "feed": feed,
        "page": page,
        "hidden": page.hidden,
        "feed_communities": selectors.feed_communities(feed, request.user),
        "sort": params.sort,
        "period": params.period,
        "uses_period": params.uses_period,
        "sorts": list(post_selectors.SORTS.items()),
        "periods": [(key, label) for key, (label, _delta) in post_selectors.PERIODS.items()],
    }


@login_required
@require_http_methods(["GET", "POST"])
def feed_list(request: MemberRequest) -> HttpResponse:
    """/f/: the member's feeds; POST builds a new one."""
    bound = request.method == "POST"
    form = CustomFeedForm(
        request.POST if bound else None, choices=selectors.community_choices(request.user)
    )
    call = ServiceCall()
    if bound and form.is_valid():
        with service_call(form) as call:
            feed = services.custom_feed_create(owner=request.user, **form.service_fields())
        if call.ok:
            # Translators: %(name)s is the name of the custom feed the member just built.
            messages.success(request, _("Your feed “%(name)s” is ready.") % {"name": feed.name})
            return redirect(feed)
    feeds = selectors.custom_feeds_of(request.user)
    context = {
        "form": form,
        "feeds": feeds,
        "feeds_max": policies.feeds_max(),
        "communities_max": policies.communities_max(),
    }
    return render_call(request, "feeds/custom_list.html", context, call)


@login_required
@require_GET
def feed_detail(request: MemberRequest, slug: str) -> HttpResponse:
    feed = selectors.custom_feed_for_owner(request.user, slug)
    context = _feed_context(request, feed)
    context["is_owner"] = True
    return render(request, "feeds/custom_feed.html", context)


@require_GET
def feed_shared(request: HttpRequest, token: str) -> HttpResponse:
    """A shared feed, read-only: each reader sees only what they may read."""
    feed = selectors.shared_custom_feed(token)
    context = _feed_context(request, feed)
    context["is_owner"] = policies.can_manage(request.user, feed)
    response = render(request, "feeds/custom_feed.html", context)
    # The link is the key: keep it out of other sites' Referer headers.
    response.headers["Referrer-Policy"] = "same-origin"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def feed_edit(request: MemberRequest, slug: str) -> HttpResponse:
    feed = selectors.custom_feed_for_owner(request.user, slug)
    choices = selectors.community_choices(request.user, feed)
    if request.method == "POST":
        form = CustomFeedForm(request.POST, choices=choices)
    else:
        initial = {
            "name": feed.name,
            "description": feed.description,
            "visibility": feed.visibility,
            "communities": list(feed.communities.values_list("slug", flat=True)),
        }
        form = CustomFeedForm(initial=initial, choices=choices)
    call = ServiceCall()
    if form.is_bound and form.is_valid():
        with service_call(form) as call:
            feed = services.custom_feed_update(
                actor=request.user, feed=feed, **form.service_fields()
            )
        if call.ok:
            messages.success(request, _("Your changes are saved."))
            return redirect(feed)
        feed.refresh_from_db()
    context = {"form": form, "feed": feed, "communities_max": policies.communities_max()}
    return render_call(request, "feeds/custom_edit.html", context, call)


@login_required
@require_POST
def feed_share_reset(request: MemberRequest, slug: str) -> HttpResponse:
    feed = selectors.custom_feed_for_owner(request.user, slug)
    with service_call() as call:
        services.custom_feed_share_reset(actor=request.user, feed=feed)
    if call.error is not None:
        return refused(request, call.error, back_url=feed.get_absolute_url())
    messages.success(request, _("Your feed has a new link: the old one no longer works."))
    return redirect("custom_feeds:edit", slug=feed.slug)


@login_required
@require_POST
def feed_delete(request: MemberRequest, slug: str) -> HttpResponse:
    feed = selectors.custom_feed_for_owner(request.user, slug)
    with service_call() as call:
        services.custom_feed_delete(actor=request.user, feed=feed)
    if call.error is not None:
        return refused(request, call.error, back_url=feed.get_absolute_url())
    # Translators: %(name)s is the name of the custom feed the member deleted.
    messages.success(request, _("The feed “%(name)s” is deleted.") % {"name": feed.name})
    return redirect("custom_feeds:list")


@login_required
@require_POST
def feed_remove_community(request: MemberRequest, slug: str, community_slug: str) -> HttpResponse:
    feed = selectors.custom_feed_for_owner(request.user, slug)
    community = community_selectors.community_by_slug(community_slug)
    with service_call() as call:
        removed = services.custom_feed_community_remove(
            actor=request.user, feed=feed, community=community
        )
    if call.error is not None:
        return refused(request, call.error, back_url=feed.get_absolute_url())
    if removed:
        messages.success(
            request,
            # Translators: %(slug)s is a community's address (keep “c/”), %(name)s a custom feed's.
            _("c/%(slug)s is no longer in “%(name)s”.")
            % {"slug": community.slug, "name": feed.name},
        )
    return redirect(feed)


@login_required
@require_http_methods(["GET", "POST"])
def add_community(request: MemberRequest, community_slug: str) -> HttpResponse:
    """ "Add to a feed" from a community's page: choose one of your feeds
    (or build one). POST feed=<slug>."""
    community = community_selectors.community_for_viewer(community_slug, request.user)
    feeds = selectors.custom_feeds_of(request.user)
    context = {"community": community, "feeds": feeds, "error": ""}
    if request.method == "GET":
        return render(request, "feeds/custom_add.html", context)
    chosen = next((feed for feed in feeds if feed.slug == request.POST.get("feed")), None)
    if chosen is None:
        context["error"] = _("Choose one of your feeds.")
        return render(request, "feeds/custom_add.html", context, status=400)
    with service_call() as call:
        added = services.custom_feed_community_add(
            actor=request.user, feed=chosen, community=community
        )
    if call.error is not None:
        context["error"] = call.message
        return render_call(request, "feeds/custom_add.html", context, call)
    if added:
        # Translators: %(slug)s is a community's address (keep “c/”), %(name)s a custom feed's.
        text = _("c/%(slug)s is now in “%(name)s”.")
    else:
        # Translators: %(slug)s is a community's address (keep “c/”), %(name)s a custom feed's.
        text = _("c/%(slug)s was already in “%(name)s”.")
    messages.success(request, text % {"slug": community.slug, "name": chosen.name})
    return redirect(chosen)
