from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import check_for_language, get_language, override
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from apps.accounts.models import User
from apps.accounts.types import MemberRequest
from apps.core.http import ServiceCall, refused, render_call, safe_next, service_call
from apps.core.language import set_language_cookie

from . import selectors, services
from .forms import ProfileForm


@require_GET
def profile_detail(request: HttpRequest, username: str) -> HttpResponse:
    member = selectors.member_by_username(username)
    context = {
        "member": member,
        "profile": member.profile,
        "viewer_follows": selectors.is_following(request.user, member),
        "viewer_blocked": selectors.has_blocked(request.user, member),
        "followers": selectors.followers_page(
            member, viewer=request.user, page_size=selectors.PROFILE_PREVIEW_SIZE
        ),
        "following": selectors.following_page(
            member, viewer=request.user, page_size=selectors.PROFILE_PREVIEW_SIZE
        ),
    }
    return render(request, "profiles/profile_detail.html", context)


@require_GET
def followers(request: HttpRequest, username: str) -> HttpResponse:
    member = selectors.member_by_username(username)
    page = selectors.followers_page(member, viewer=request.user, cursor=request.GET.get("cursor"))
    return render(
        request,
        "profiles/follow_list.html",
        {"member": member, "page": page, "kind": "followers", "people": [f.follower for f in page]},
    )


@require_GET
def following(request: HttpRequest, username: str) -> HttpResponse:
    member = selectors.member_by_username(username)
    page = selectors.following_page(member, viewer=request.user, cursor=request.GET.get("cursor"))
    return render(
        request,
        "profiles/follow_list.html",
        {"member": member, "page": page, "kind": "following", "people": [f.followee for f in page]},
    )


def _follow_response(
    request: MemberRequest, member: User, call: ServiceCall, *, following: bool
) -> HttpResponse:
    """htmx: the follow box again (with the refusal, if any, and its status);
    a plain form: back where it came from, or the refused page."""
    back_url = safe_next(request, reverse("profiles:detail", args=[member.username]))
    if request.htmx:
        member.profile.refresh_from_db(fields=["follower_count", "following_count"])
        context = {
            "member": member,
            "profile": member.profile,
            "viewer_follows": following,
            "error": call.message,
        }
        return render_call(request, "profiles/_follow_box.html", context, call)
    if call.error is not None:
        return refused(request, call.error, back_url=back_url)
    return HttpResponseRedirect(back_url)


@login_required
@require_POST
def follow(request: MemberRequest, username: str) -> HttpResponse:
    member = selectors.member_by_username(username)
    followed = False
    with service_call() as call:
        followed = services.follow_create(follower=request.user, followee=member)
    if followed and not request.htmx:
        # Translators: %(name)s is a member's display name.
        messages.success(request, _("You now follow %(name)s.") % {"name": member.profile.name})
    return _follow_response(request, member, call, following=call.ok)


@login_required
@require_POST
def unfollow(request: MemberRequest, username: str) -> HttpResponse:
    member = selectors.member_by_username(username)
    unfollowed = False
    with service_call() as call:
        unfollowed = services.follow_delete(follower=request.user, followee=member)
    if unfollowed and not request.htmx:
        messages.success(
            request,
            # Translators: %(name)s is a member's display name.
            _("You no longer follow %(name)s.") % {"name": member.profile.name},
        )
    return _follow_response(request, member, call, following=not call.ok)


def _block_response(request: MemberRequest, member: User, call: ServiceCall) -> HttpResponse:
    """Back where the form came from (the profile, a conversation, the
    settings page), or the refused page."""
    back_url = safe_next(request, reverse("profiles:detail", args=[member.username]))
    if call.error is not None:
        return refused(request, call.error, back_url=back_url)
    return HttpResponseRedirect(back_url)


@login_required
@require_POST
def block(request: MemberRequest, username: str) -> HttpResponse:
    """Block a member (POST only). Their content folds for you, they can no
    longer message you; they are not told."""
    member = selectors.member_by_username(username)
    with service_call() as call:
        services.block_create(blocker=request.user, blocked=member)
    if call.ok:
        messages.success(
            request,
            # Translators: %(name)s is a member's display name.
            _("You blocked %(name)s. You can undo this in your settings.")
            % {"name": member.profile.name},
        )
    return _block_response(request, member, call)


@login_required
@require_POST
def unblock(request: MemberRequest, username: str) -> HttpResponse:
    member = selectors.member_by_username(username, include_inactive=True)
    with service_call() as call:
        services.block_delete(blocker=request.user, blocked=member)
    if call.ok:
        # Translators: %(name)s is a member's display name.
        messages.success(request, _("You unblocked %(name)s.") % {"name": member.profile.name})
    return _block_response(request, member, call)


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request: MemberRequest) -> HttpResponse:
    profile = request.user.profile
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=profile)
    else:
        form = ProfileForm(instance=profile)
    call = ServiceCall()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        avatar = data.get("avatar")
        with service_call(form) as call:
            services.profile_update(
                actor=request.user,
                profile=profile,
                avatar_upload=avatar or None,
                remove_avatar=avatar is False,
                **{field: data[field] for field in services.PROFILE_FIELDS},
            )
        if call.ok:
            # Said in the language the next page will speak: the one just chosen.
            with override(data["language"] or get_language()):
                messages.success(request, _("Your settings were saved."))
            return _remember_language(redirect("profiles:settings"), data["language"])
    if form.is_bound:
        # Nothing was saved: reload the stored values so the page shows the truth.
        profile.refresh_from_db()
    context = {
        "form": form,
        "profile": profile,
        "blocks": selectors.blocks_page(request.user, cursor=request.GET.get("blocks")),
    }
    return render_call(request, "profiles/settings.html", context, call)


def _remember_language(response: HttpResponse, language: str) -> HttpResponse:
    """Keep the visitor cookie in step so logging out keeps the language."""
    if language:
        set_language_cookie(response, language)
    return response


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switcher (cookie, safe `next`), and for members the
    choice is also saved on the profile so it follows them everywhere."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if (
        request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and check_for_language(language)
    ):
        services.profile_set_language(actor=request.user, language=language)
    return response
