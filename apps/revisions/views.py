"""The history pages of a post and of a comment: who changed what, when.

Read through the post page's own rule first (apps.posts.selectors: 404 when
the viewer may not read the community, as if the post did not exist), then
apps.revisions.policies.history_refusal (removed or deleted content: the
community's moderators and staff only, a 403 with the reason for others).
About 5 queries whatever the number of versions.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from apps.comments.links import permalink_url, post_url
from apps.comments.models import Comment
from apps.comments.selectors import comment_on_post
from apps.core.http import refused
from apps.posts.models import Post
from apps.posts.selectors import post_for_action

from . import policies, selectors


def _checked(request: HttpRequest, target: Post | Comment, back_url: str) -> HttpResponse | bool:
    """Whether the viewer moderates here, or the refusal's answer."""
    post = target.post if isinstance(target, Comment) else target
    moderator = policies.moderates_history(request.user, post.community)
    refusal = policies.history_refusal(request.user, target, moderator=moderator)
    if refusal is None:
        return moderator
    code, sentence = refusal
    if code in policies.NOT_FOUND_REFUSALS:
        raise Http404(sentence)
    return refused(request, PermissionDenied(sentence), back_url=back_url)


def _render(request: HttpRequest, context: dict) -> HttpResponse:
    return render(request, "revisions/history.html", context)


@require_GET
def post_history(
    request: HttpRequest, community_slug: str, post_id: int, post_slug: str
) -> HttpResponse:
    """The versions of a post, newest first, with what each edit changed."""
    post = post_for_action(community_slug=community_slug, post_id=post_id, viewer=request.user)
    if post_slug != (post.slug or "-"):
        url = reverse(
            "revisions:post_history", args=[post.community.slug, post.pk, post.slug or "-"]
        )
        query = request.GET.urlencode()
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
    back_url = post_url(post)
    checked = _checked(request, post, back_url)
    if isinstance(checked, HttpResponse):
        return checked
    page = selectors.post_history(post, cursor=request.GET.get("cursor"))
    context = {
        "post": post,
        "community": post.community,
        "target": post,
        "kind": "post",
        "page": page,
        "viewer_moderates": checked,
        "back_url": back_url,
    }
    return _render(request, context)


@require_GET
def comment_history(
    request: HttpRequest, community_slug: str, post_id: int, comment_id: int
) -> HttpResponse:
    """The versions of a comment, newest first, with what each edit changed."""
    post = post_for_action(community_slug=community_slug, post_id=post_id, viewer=request.user)
    comment = comment_on_post(post=post, comment_id=comment_id)
    back_url = permalink_url(post, comment) + f"#comment-{comment.pk}"
    checked = _checked(request, comment, back_url)
    if isinstance(checked, HttpResponse):
        return checked
    page = selectors.comment_history(comment, cursor=request.GET.get("cursor"))
    context = {
        "post": post,
        "community": post.community,
        "target": comment,
        "kind": "comment",
        "page": page,
        "viewer_moderates": checked,
        "back_url": back_url,
    }
    return _render(request, context)
