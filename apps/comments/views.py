"""HTML views for threads: parse input, call a policy/selector/service, render.

Every write works twice: as a plain form POST that redirects (no JavaScript)
and as an htmx request answered with a partial. Services raise
ValidationError / PermissionDenied; apps.core.http turns them into form
errors (200), or a refusal: 403 (429 for rate limits) with the reason, the
full `refused` page for a plain POST, the same partial with the reason
inline for htmx.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from apps.accounts.types import MemberRequest
from apps.core.http import ServiceCall, refused, render_call, service_call, with_retry_after
from apps.core.page_cache import cache_scope
from apps.core.ratelimit import client_ip
from apps.core.types import HtmxHttpRequest
from apps.posts import policies as post_policies
from apps.posts.models import Post
from apps.posts.selectors import post_for_page
from apps.profiles import selectors as profile_selectors

from . import policies, selectors, services
from .forms import CommentForm, VoteForm
from .links import comment_url, create_url, more_url, permalink_url, post_url
from .models import Comment

SORT_LABELS = {
    # Translators: Sort order of comments (an adjective): the best-rated first.
    selectors.SORT_BEST: gettext_lazy("Best"),
    # Translators: sorts comments by score, the highest first.
    selectors.SORT_TOP: pgettext_lazy("sort order", "Top"),
    # Translators: Sort order (an adjective): the newest first.
    selectors.SORT_NEW: gettext_lazy("New"),
    # Translators: Sort order of comments (an adjective): the oldest first.
    selectors.SORT_OLD: gettext_lazy("Old"),
    selectors.SORT_CONTROVERSIAL: gettext_lazy("Controversial"),
}
TOP_FORM_ID = "comment-form"


# --- shared pieces ----------------------------------------------------------------


def _return_to(request: HtmxHttpRequest, fallback: str) -> str:
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
    return selectors.viewer_for(request.user, post)


def _top_form(data=None) -> CommentForm:
    return CommentForm(data, prefix_id=TOP_FORM_ID)


def _reply_form(parent: Comment, data=None) -> CommentForm:
    name = parent.author.profile.name if parent.author is not None and parent.is_visible else ""
    # Translators: Label of the reply box; %(name)s is the display name of the member being
    # answered.
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
        # Translators: Button and link (a verb, imperative): answer this comment or message.
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
        # The post's own buttons (templates/posts/_post_full.html), from its policies.
        "can_vote_post": post_policies.can_vote(request.user, post, contributor=viewer.contributor),
        "can_edit_post": post_policies.can_edit_post(
            request.user, post, contributor=viewer.contributor
        ),
        # Why no new comment can be written here, or None (one policy call, in the selector).
        "comment_refusal": thread.comment_refusal,
        "thread": thread,
        "sorts": [(value, SORT_LABELS[value]) for value in selectors.SORTS],
        "post_url": post_url(post),
        "more_url": more_url(post),
        # Plain POSTs come back here, with the sort and the batch kept and `?reply` dropped.
        "return_to": _page_address(request, thread),
    }


def _page_address(request: HttpRequest, thread: selectors.Thread) -> str:
    """The page's own address: its sort (when chosen) and batch of comments."""
    query = []
    if "sort" in request.GET or thread.after:
        query.append(f"sort={thread.sort}")
    if thread.after:
        query.append(f"after={thread.after}")
    return request.path + (f"?{'&'.join(query)}" if query else "")


# --- pages --------------------------------------------------------------------------


@require_GET
def post_detail(
    request: HttpRequest, community_slug: str, post_id: int, post_slug: str
) -> HttpResponse:
    """The post and one batch of its comment tree (`?after=`: the next batch,
    the "Load more comments" link without JavaScript): 8 queries or so,
    whatever the number of comments (session, user, post + tags, ban and
    membership, the thread's two)."""
    post = _load_post(request, community_slug, post_id)
    if post_slug != (post.slug or "-"):
        return _permanent_redirect(request, post_url(post))
    # The anonymous page cache keeps this page with its community's version.
    return cache_scope(_render_post_page(request, post, form=None), post.community_id)


def _render_post_page(
    request: HttpRequest, post: Post, *, form: CommentForm | None, status: int = 200
) -> HttpResponse:
    viewer = _viewer(request, post)
    thread = selectors.comment_page(
        post=post, viewer=viewer, sort=request.GET.get("sort"), after=request.GET.get("after")
    )
    context = _page_context(request, post, viewer, thread)
    context.update(_form_context(post, form or _top_form()))
    return render(request, "comments/post_detail.html", context, status=status)


@require_GET
def comment_more(request: HtmxHttpRequest, community_slug: str, post_id: int) -> HttpResponse:
    """The next batch of the post page's top-level comments (`?sort=`,
    `?after=`: the cursor of the "Load more comments" button), for htmx: the
    items that replace the button. Without htmx, the post page showing that
    batch. As many queries as the post page, the post's own buttons aside."""
    post = _load_post(request, community_slug, post_id)
    if not request.htmx:
        query = request.GET.urlencode()
        url = post_url(post)
        return HttpResponseRedirect(f"{url}?{query}" if query else url)
    viewer = _viewer(request, post)
    thread = selectors.comment_page(
        post=post, viewer=viewer, sort=request.GET.get("sort"), after=request.GET.get("after")
    )
    context = {
        "post": post,
        "community": post.community,
        "thread": thread,
        "more_url": more_url(post),
        "return_to": _page_address(request, thread).replace(request.path, post_url(post), 1),
    }
    return render(request, "comments/_more.html", context)


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
    # can_reply (like can_edit and can_delete below) is decorated on the comment
    # by selectors.decorate: see the note there for the ignores.
    can_reply = thread.root is not None and thread.root.can_reply  # type: ignore[attr-defined]
    if reply_form is not None and thread.root and (reply_form.is_bound or can_reply):
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
    request: HtmxHttpRequest, post: Post, viewer: selectors.Viewer, comment: Comment, parent
) -> HttpResponse:
    if not request.htmx:
        if parent is None:
            return HttpResponseRedirect(f"{post_url(post)}#comment-{comment.pk}")
        return HttpResponseRedirect(f"{permalink_url(post, parent)}#comment-{comment.pk}")
    post.refresh_from_db(fields=["comment_count"])
    comment = selectors.comment_for_viewer(post=post, comment_id=comment.pk, viewer=viewer)
    context = {
        "comment": comment,
        "thread_comments": [comment],
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
    request: HtmxHttpRequest, post: Post, form: CommentForm, parent, call: ServiceCall
) -> HttpResponse:
    if request.htmx:
        # Swap the form (with its errors and the typed text) in place of itself.
        context = _form_context(post, form, parent=parent)
        response = render_call(request, "comments/_comment_form.html", context, call)
        return reswap(retarget(response, f"#{context['form_id']}"), "outerHTML")
    if parent is None:
        response = _render_post_page(request, post, form=form, status=call.status)
    else:
        response = _render_permalink(request, post, parent, reply_form=form, status=call.status)
    return with_retry_after(response, call.error)


def _create(request: MemberRequest, post: Post, parent: Comment | None) -> HttpResponse:
    viewer = _viewer(request, post)
    form = _top_form(request.POST) if parent is None else _reply_form(parent, request.POST)
    call = ServiceCall()
    if form.is_valid():
        with service_call(form) as call:
            comment = services.comment_create(
                author=request.user,
                post=post,
                body=form.cleaned_data["body"],
                parent=parent,
                language=form.cleaned_data["language"],
                client_ip=client_ip(request),
            )
        if call.ok:
            return _created_response(request, post, viewer, comment, parent)
    return _form_error_response(request, post, form, parent, call)


@require_POST
@login_required
def comment_create(request: MemberRequest, community_slug: str, post_id: int) -> HttpResponse:
    post = _load_post(request, community_slug, post_id)
    return _create(request, post, parent=None)


@require_http_methods(["GET", "POST"])
@login_required
def comment_reply(
    request: MemberRequest, community_slug: str, post_id: int, comment_id: int
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
    refusal = policies.comment_refusal(request.user, post, parent, contributor=viewer.contributor)
    if refusal is not None:
        return render(request, "comments/_notice.html", {"notice": refusal[1]})
    context = _form_context(post, _reply_form(parent), parent=parent)
    return render(request, "comments/_comment_form.html", context)


@require_GET
def comment_detail(
    request: HtmxHttpRequest, community_slug: str, post_id: int, comment_id: int
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
    request: HtmxHttpRequest,
    post: Post,
    comment: Comment,
    template: str = "comments/_comment.html#article",
    call: ServiceCall | None = None,
    **extra,
) -> HttpResponse:
    context = {
        "comment": comment,
        "post": post,
        "community": post.community,
        "return_to": _return_to(request, permalink_url(post, comment)),
        **extra,
    }
    return render_call(request, template, context, call or ServiceCall())


def _edit_form(comment: Comment, data=None) -> CommentForm:
    return CommentForm(
        data,
        initial={"body": services.editable_body(comment.body_html)}
        | ({"language": comment.language} if comment.language else {}),
        prefix_id=f"edit-{comment.pk}",
        label=_("Edit your comment"),
    )


def _anchor(post: Post, comment: Comment) -> str:
    return f"{permalink_url(post, comment)}#comment-{comment.pk}"


@require_http_methods(["GET", "POST"])
@login_required
def comment_edit(
    request: MemberRequest, community_slug: str, post_id: int, comment_id: int
) -> HttpResponse:
    """Inline edit with htmx (the article swaps into a form and back) and a
    plain page without JavaScript."""
    post = _load_post(request, community_slug, post_id)
    comment = selectors.comment_for_viewer(
        post=post, comment_id=comment_id, viewer=_viewer(request, post)
    )
    if not comment.can_edit:  # type: ignore[attr-defined]  # decorated by the selector
        raise PermissionDenied(_("You can only edit your own comments."))
    form = _edit_form(comment, request.POST or None)
    call = ServiceCall()
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.comment_update(
                actor=request.user,
                comment=comment,
                body=form.cleaned_data["body"],
                language=form.cleaned_data["language"],
            )
        if call.ok and request.htmx:
            return _article_response(request, post, comment)
        if call.ok:
            messages.success(request, _("Your comment was saved."))
            return HttpResponseRedirect(_anchor(post, comment))
    return _edit_page(request, post, comment, form, call)


def _edit_page(
    request: HtmxHttpRequest, post: Post, comment: Comment, form: CommentForm, call: ServiceCall
) -> HttpResponse:
    """The comment in edit mode: the article (htmx) or the plain page."""
    if request.htmx:
        return _article_response(request, post, comment, call=call, edit_form=form)
    context = {
        "post": post,
        "community": post.community,
        "comment": comment,
        "form": form,
        "cancel_url": _anchor(post, comment),
    }
    return render_call(request, "comments/comment_edit.html", context, call)


@require_http_methods(["GET", "POST"])
@login_required
def comment_delete(
    request: MemberRequest, community_slug: str, post_id: int, comment_id: int
) -> HttpResponse:
    """GET: a confirmation page (no JavaScript; htmx asks with hx-confirm).
    POST: soft delete; the comment stays as "[deleted]" with its replies."""
    post = _load_post(request, community_slug, post_id)
    viewer = _viewer(request, post)
    comment = selectors.comment_for_viewer(post=post, comment_id=comment_id, viewer=viewer)
    if not comment.can_delete:  # type: ignore[attr-defined]  # decorated by the selector
        raise PermissionDenied(_("You can only delete your own comments."))
    back = _anchor(post, comment)
    if request.method == "GET":
        context = {"post": post, "community": post.community, "comment": comment}
        return render(request, "comments/comment_delete.html", {**context, "cancel_url": back})
    with service_call() as call:
        services.comment_delete(actor=request.user, comment=comment)
    if call.error is not None:
        return refused(request, call.error, back_url=back)
    if request.htmx:
        post.refresh_from_db(fields=["comment_count"])
        comment = selectors.comment_for_viewer(post=post, comment_id=comment.pk, viewer=viewer)
        return _article_response(request, post, comment, template="comments/_comment_deleted.html")
    messages.success(request, _("Your comment was deleted."))
    return HttpResponseRedirect(f"{_return_to(request, back)}#comment-{comment.pk}")


@require_POST
@login_required
def comment_vote(
    request: MemberRequest, community_slug: str, post_id: int, comment_id: int
) -> HttpResponse:
    """Up, down or clear. htmx gets the vote box back (score and pressed
    buttons, or the refusal inline); a plain POST goes back to `next`, or
    is answered with the refusal page (403, 429)."""
    form = VoteForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("A vote is up, down or cleared."))
    with service_call() as call:
        try:
            comment = services.comment_vote_at(
                user=request.user,
                community_slug=community_slug,
                post_id=post_id,
                comment_id=comment_id,
                value=form.cleaned_data["value"],
                client_ip=client_ip(request),
            )
        except Comment.DoesNotExist:
            raise Http404 from None
    if call.error is None:
        # The vote went through, so the member may vote here: the box needs
        # nothing more (no reply form in it, hence can_comment=False).
        post = comment.post
        viewer = selectors.Viewer(user=request.user, contributor=True)
        selectors.decorate(comment, post=post, viewer=viewer, can_comment=False)
    else:
        # Refused: the box shows the comment as it stands (the reads that
        # voting saves are only paid on this path).
        post = _load_post(request, community_slug, post_id)
        comment = selectors.comment_for_viewer(
            post=post, comment_id=comment_id, viewer=_viewer(request, post)
        )
    return_to = _return_to(request, permalink_url(post, comment))
    if request.htmx:
        return _vote_box(request, post, comment, return_to, call)
    if call.error is not None:
        return refused(request, call.error, back_url=f"{return_to}#comment-{comment.pk}")
    return HttpResponseRedirect(f"{return_to}#comment-{comment.pk}")


def _vote_box(
    request: HttpRequest, post: Post, comment: Comment, return_to: str, call: ServiceCall
) -> HttpResponse:
    context = {
        "comment": comment,
        "post": post,
        "community": post.community,
        "return_to": return_to,
        "vote_error": call.message or None,
    }
    return render_call(request, "comments/_comment.html#vote", context, call)


# --- saved comments and /saved/ (issue 14) -----------------------------------------------


@login_required
@require_POST
def comment_save(
    request: MemberRequest, community_slug: str, post_id: int, comment_id: int
) -> HttpResponse:
    """POST saved=1|0. htmx gets the save button back (or the refusal
    inline, with its status); a plain POST goes back to `next`, or is
    answered with the refusal page."""
    post = _load_post(request, community_slug, post_id)
    comment = selectors.comment_for_viewer(
        post=post, comment_id=comment_id, viewer=_viewer(request, post)
    )
    wanted = request.POST.get("saved", "")
    if wanted not in ("0", "1"):
        return HttpResponseBadRequest(_("Say whether to save (1) or unsave (0)."))
    with service_call() as call:
        if wanted == "1":
            services.saved_comment_create(user=request.user, comment=comment)
        else:
            services.saved_comment_delete(user=request.user, comment=comment)
        # `user_saved` is the thread queryset's annotation (selectors.with_user_saved).
        comment.user_saved = wanted == "1"  # type: ignore[attr-defined]
    return_to = _return_to(request, permalink_url(post, comment))
    if request.htmx:
        context = {
            "comment": comment,
            "post": post,
            "return_to": return_to,
            "save_error": call.message or None,
        }
        return render_call(request, "comments/_comment.html#save", context, call)
    if call.error is not None:
        return refused(request, call.error, back_url=f"{return_to}#comment-{comment.pk}")
    return HttpResponseRedirect(f"{return_to}#comment-{comment.pk}")


@login_required
@require_GET
def saved(request: MemberRequest) -> HttpResponse:
    """/saved/: the member's saved posts and comments, newest saved first
    (?kind=posts|comments narrows it). Private: only its owner ever sees it.
    2 queries for the rows whatever the page."""
    kind = selectors.parse_saved_kind(request.GET.get("kind"))
    page = selectors.saved_page(request.user, kind=kind, cursor=request.GET.get("cursor"))
    kinds = [
        ("all", pgettext("saved items filter", "All")),
        ("posts", pgettext("saved items filter", "Posts")),
        ("comments", pgettext("saved items filter", "Comments")),
    ]
    return render(request, "saved/list.html", {"page": page, "kind": kind, "kinds": kinds})
