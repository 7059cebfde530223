"""HTML views for threads: parse input, call a policy/selector/service, render.

Every write works twice: as a plain form POST that redirects (no JavaScript)
and as an htmx request answered with a partial. Services raise
ValidationError / PermissionDenied; here they become form errors or messages.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from apps.communities.policies import can_contribute
from apps.posts.models import Post
from apps.posts.selectors import post_for_page
from apps.profiles import selectors as profile_selectors

from . import policies, selectors, services
from .forms import CommentForm, VoteForm
from .links import comment_url, create_url, permalink_url, post_url
from .models import Comment

SORT_LABELS = {
    selectors.SORT_BEST: gettext_lazy("Best"),
    selectors.SORT_TOP: gettext_lazy("Top"),
    selectors.SORT_NEW: gettext_lazy("New"),
    selectors.SORT_OLD: gettext_lazy("Old"),
    selectors.SORT_CONTROVERSIAL: gettext_lazy("Controversial"),
}
TOP_FORM_ID = "comment-form"


# --- shared pieces ----------------------------------------------------------------


def _return_to(request: HttpRequest, fallback: str) -> str:
    """Where a plain POST goes back to: a same-site `next`, the page an htmx
    request came from, or `fallback`. Without its #fragment: templates add
    the comment's anchor."""
    candidates = [request.POST.get("next"), request.GET.get("next")]
    if request.htmx:
        candidates.append(request.htmx.current_url)
    for candidate in candidates:
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate.split("#", 1)[0]
    return fallback.split("#", 1)[0]


def _load_post(request: HttpRequest, community_slug: str, post_id: int) -> Post:
    """The post if the viewer may read it, else 404 (as if it did not exist)."""
    return post_for_page(community_slug=community_slug, post_id=post_id, viewer=request.user)


def _viewer(request: HttpRequest, post: Post) -> selectors.Viewer:
    return selectors.Viewer(
        user=request.user, contributor=can_contribute(request.user, post.community)
    )


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You cannot do that.")


def _top_form(data=None) -> CommentForm:
    return CommentForm(data, prefix_id=TOP_FORM_ID)


def _reply_form(parent: Comment, data=None) -> CommentForm:
    name = parent.author.profile.name if parent.author_id and parent.is_visible else ""
    label = _("Your reply to %(name)s") % {"name": name} if name else _("Your reply")
    return CommentForm(data, prefix_id=f"reply-{parent.pk}", label=label)


def _form_context(post: Post, form: CommentForm, parent: Comment | None = None) -> dict:
    """What templates/comments/_comment_form.html needs."""
    if parent is None:
        return {
            "form": form,
            "form_id": TOP_FORM_ID,
            "action": create_url(post),
            "target": "#comment-tree",
            # The button (a verb); the noun "Comment" labels comments elsewhere.
            "submit_label": pgettext("submit button", "Comment"),
            "parent": None,
        }
    return {
        "form": form,
        "form_id": f"reply-form-{parent.pk}",
        "action": comment_url("reply", post, parent),
        "target": f"#replies-{parent.pk}",
        "submit_label": _("Reply"),
        "parent": parent,
        "cancel_url": permalink_url(post, parent) + f"#comment-{parent.pk}",
    }


def _page_context(
    request: HttpRequest, post: Post, viewer: selectors.Viewer, thread: selectors.Thread
) -> dict:
    return {
        "post": post,
        "community": post.community,
        "can_contribute": viewer.contributor,
        "can_comment": policies.can_comment(request.user, post, contributor=viewer.contributor),
        "closed_reason": policies.comment_closed_reason(post),
        "thread": thread,
        "sorts": [(value, SORT_LABELS[value]) for value in selectors.SORTS],
        "post_url": post_url(post),
        # Plain POSTs come back here, with the sort kept and `?reply` dropped.
        "return_to": request.path + (f"?sort={thread.sort}" if "sort" in request.GET else ""),
    }


# --- pages --------------------------------------------------------------------------


@require_GET
def post_detail(
    request: HttpRequest, community_slug: str, post_id: int, post_slug: str
) -> HttpResponse:
    """The post and its comment tree: 7 queries or so, whatever the number of
    comments (session, user, post + tags, ban and membership, the tree)."""
    post = _load_post(request, community_slug, post_id)
    if post_slug != (post.slug or "-"):
        return _permanent_redirect(request, post_url(post))
    request.feed_community_id = post.community_id  # apps/posts/page_cache.py's version
    return _render_post_page(request, post, form=None)


def _render_post_page(
    request: HttpRequest, post: Post, *, form: CommentForm | None, status: int = 200
) -> HttpResponse:
    viewer = _viewer(request, post)
    thread = selectors.comment_thread(post=post, viewer=viewer, sort=request.GET.get("sort"))
    context = _page_context(request, post, viewer, thread)
    context.update(_form_context(post, form or _top_form()))
    return render(request, "comments/post_detail.html", context, status=status)


@require_GET
def permalink(
    request: HttpRequest, community_slug: str, post_id: int, post_slug: str, comment_id: int
) -> HttpResponse:
    """One comment and its sub-thread (one prefix query), with links to the
    whole thread and to the parent. `?reply=1` opens the reply form: that is
    the "reply" link without JavaScript."""
    post = _load_post(request, community_slug, post_id)
    if post_slug != (post.slug or "-"):
        return _permanent_redirect(request, permalink_url(post, comment_id))
    comment = selectors.comment_on_post(post=post, comment_id=comment_id)
    form = None
    if request.GET.get("reply") == "1":
        form = _reply_form(comment)
    return _render_permalink(request, post, comment, reply_form=form)


def _render_permalink(
    request: HttpRequest,
    post: Post,
    comment: Comment,
    *,
    reply_form: CommentForm | None,
    status: int = 200,
) -> HttpResponse:
    viewer = _viewer(request, post)
    thread = selectors.comment_thread(
        post=post, viewer=viewer, sort=request.GET.get("sort"), root=comment
    )
    context = _page_context(request, post, viewer, thread)
    # A bound form always shows: it carries the refusal and what was typed.
    if reply_form is not None and thread.root and (reply_form.is_bound or thread.root.can_reply):
        context["reply_to"] = thread.root
        context.update(_form_context(post, reply_form, parent=thread.root))
    if comment.parent_id:
        context["parent_url"] = permalink_url(post, comment.parent_id) + (
            f"#comment-{comment.parent_id}"
        )
    return render(request, "comments/permalink.html", context, status=status)


def _permanent_redirect(request: HttpRequest, url: str) -> HttpResponse:
    query = request.GET.urlencode()
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


@require_GET
def by_member(request: HttpRequest, username: str) -> HttpResponse:
    """The member's comments tab: 3 queries or so whatever the page size."""
    member = profile_selectors.member_by_username(username)
    page = selectors.member_comments_page(
        member, viewer=request.user, cursor=request.GET.get("cursor")
    )
    context = {
        "member": member,
        "profile": member.profile,
        "viewer_follows": profile_selectors.is_following(request.user, member),
        "page": page,
    }
    return render(request, "comments/member_comments.html", context)


# --- writes ---------------------------------------------------------------------------


def _created_response(
    request: HttpRequest, post: Post, viewer: selectors.Viewer, comment: Comment, parent
) -> HttpResponse:
    if not request.htmx:
        if parent is None:
            return HttpResponseRedirect(f"{post_url(post)}#comment-{comment.pk}")
        return HttpResponseRedirect(f"{permalink_url(post, parent)}#comment-{comment.pk}")
    post.refresh_from_db(fields=["comment_count"])
    comment = selectors.comment_for_viewer(post=post, comment_id=comment.pk, viewer=viewer)
    context = {
        "comment": comment,
        "post": post,
        "community": post.community,
        "return_to": _return_to(request, post_url(post)),
    }
    if parent is None:
        context.update(_form_context(post, _top_form()))
    else:
        context["parent"] = parent
    return render(request, "comments/_comment_created.html", context)


def _form_error_response(
    request: HttpRequest, post: Post, form: CommentForm, parent, status: int
) -> HttpResponse:
    if request.htmx:
        # Swap the form (with its errors and the typed text) in place of itself.
        context = _form_context(post, form, parent=parent)
        response = render(request, "comments/_comment_form.html", context)
        return reswap(retarget(response, f"#{context['form_id']}"), "outerHTML")
    if parent is None:
        return _render_post_page(request, post, form=form, status=status)
    return _render_permalink(request, post, parent, reply_form=form, status=status)


def _create(request: HttpRequest, post: Post, parent: Comment | None) -> HttpResponse:
    viewer = _viewer(request, post)
    form = _top_form(request.POST) if parent is None else _reply_form(parent, request.POST)
    status = 200
    if form.is_valid():
        try:
            comment = services.comment_create(
                author=request.user, post=post, body=form.cleaned_data["body"], parent=parent
            )
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as error:
            form.add_error(None, _error_text(error))
            status = 403
        else:
            return _created_response(request, post, viewer, comment, parent)
    return _form_error_response(request, post, form, parent, status)


@require_POST
@login_required
def comment_create(request: HttpRequest, community_slug: str, post_id: int) -> HttpResponse:
    post = _load_post(request, community_slug, post_id)
    return _create(request, post, parent=None)


@require_http_methods(["GET", "POST"])
@login_required
def comment_reply(
    request: HttpRequest, community_slug: str, post_id: int, comment_id: int
) -> HttpResponse:
    """GET: the inline reply form (htmx) or the permalink with the form open.
    POST: the reply."""
    post = _load_post(request, community_slug, post_id)
    parent = selectors.comment_on_post(post=post, comment_id=comment_id)
    if request.method == "POST":
        return _create(request, post, parent=parent)
    if not request.htmx:
        url = permalink_url(post, parent)
        return HttpResponseRedirect(f"{url}?reply=1#reply-form-{parent.pk}")
    if request.GET.get("cancel"):
        return HttpResponse("")
    viewer = _viewer(request, post)
    reason = policies.comment_closed_reason(post) or policies.reply_refused_reason(parent, post)
    if reason is None and not policies.can_comment(
        request.user, post, contributor=viewer.contributor
    ):
        reason = _("You cannot comment in this community.")
    if reason:
        return render(request, "comments/_notice.html", {"notice": reason})
    context = _form_context(post, _reply_form(parent), parent=parent)
    return render(request, "comments/_comment_form.html", context)


@require_GET
def comment_detail(
    request: HttpRequest, community_slug: str, post_id: int, comment_id: int
) -> HttpResponse:
    """The comment alone (htmx: after cancelling an edit); others go to the permalink."""
    post = _load_post(request, community_slug, post_id)
    if not request.htmx:
        comment = selectors.comment_on_post(post=post, comment_id=comment_id)
        return HttpResponseRedirect(f"{permalink_url(post, comment)}#comment-{comment.pk}")
    viewer = _viewer(request, post)
    comment = selectors.comment_for_viewer(post=post, comment_id=comment_id, viewer=viewer)
    return _article_response(request, post, comment)


def _article_response(
    request: HttpRequest,
    post: Post,
    comment: Comment,
    template: str = "comments/_comment.html#article",
    **extra,
) -> HttpResponse:
    context = {
        "comment": comment,
        "post": post,
        "community": post.community,
        "return_to": _return_to(request, permalink_url(post, comment)),
        **extra,
    }
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@login_required
def comment_edit(
    request: HttpRequest, community_slug: str, post_id: int, comment_id: int
) -> HttpResponse:
    """Inline edit with htmx (the article swaps into a form and back) and a
    plain page without JavaScript."""
    post = _load_post(request, community_slug, post_id)
    viewer = _viewer(request, post)
    comment = selectors.comment_for_viewer(post=post, comment_id=comment_id, viewer=viewer)
    if not comment.can_edit:
        raise PermissionDenied(_("You can only edit your own comments."))
    form = CommentForm(
        request.POST or None,
        initial={"body": services.editable_body(comment.body_html)},
        prefix_id=f"edit-{comment.pk}",
        label=_("Edit your comment"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_update(
                actor=request.user, comment=comment, body=form.cleaned_data["body"]
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _error_text(error))
        else:
            if request.htmx:
                return _article_response(request, post, comment)
            messages.success(request, _("Your comment was saved."))
            return HttpResponseRedirect(f"{permalink_url(post, comment)}#comment-{comment.pk}")
    if request.htmx:
        return _article_response(request, post, comment, edit_form=form)
    context = {
        "post": post,
        "community": post.community,
        "comment": comment,
        "form": form,
        "cancel_url": f"{permalink_url(post, comment)}#comment-{comment.pk}",
    }
    return render(request, "comments/comment_edit.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def comment_delete(
    request: HttpRequest, community_slug: str, post_id: int, comment_id: int
) -> HttpResponse:
    """GET: a confirmation page (no JavaScript; htmx asks with hx-confirm).
    POST: soft delete; the comment stays as "[deleted]" with its replies."""
    post = _load_post(request, community_slug, post_id)
    viewer = _viewer(request, post)
    comment = selectors.comment_for_viewer(post=post, comment_id=comment_id, viewer=viewer)
    if not comment.can_delete:
        raise PermissionDenied(_("You can only delete your own comments."))
    back = f"{permalink_url(post, comment)}#comment-{comment.pk}"
    if request.method == "GET":
        return render(
            request,
            "comments/comment_delete.html",
            {"post": post, "community": post.community, "comment": comment, "cancel_url": back},
        )
    services.comment_delete(actor=request.user, comment=comment)
    if request.htmx:
        post.refresh_from_db(fields=["comment_count"])
        comment = selectors.comment_for_viewer(post=post, comment_id=comment.pk, viewer=viewer)
        return _article_response(request, post, comment, template="comments/_comment_deleted.html")
    messages.success(request, _("Your comment was deleted."))
    return HttpResponseRedirect(f"{_return_to(request, back)}#comment-{comment.pk}")


@require_POST
@login_required
def comment_vote(
    request: HttpRequest, community_slug: str, post_id: int, comment_id: int
) -> HttpResponse:
    """Up, down or clear. htmx gets the vote box back (score and pressed
    buttons); a plain POST goes back to `next`."""
    post = _load_post(request, community_slug, post_id)
    viewer = _viewer(request, post)
    comment = selectors.comment_for_viewer(post=post, comment_id=comment_id, viewer=viewer)
    form = VoteForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("A vote is up, down or cleared."))
    error = None
    try:
        comment.user_vote = (
            services.comment_vote(
                user=request.user, comment=comment, value=form.cleaned_data["value"]
            )
            or None
        )
    except (ValidationError, PermissionDenied) as exc:
        error = _error_text(exc)
    return_to = _return_to(request, permalink_url(post, comment))
    if request.htmx:
        comment.refresh_from_db(fields=["score", "upvotes", "downvotes"])
        context = {
            "comment": comment,
            "post": post,
            "community": post.community,
            "return_to": return_to,
            "vote_error": error,
        }
        return render(request, "comments/_comment.html#vote", context)
    if error:
        messages.error(request, error)
    return HttpResponseRedirect(f"{return_to}#comment-{comment.pk}")
