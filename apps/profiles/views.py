from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from . import selectors, services
from .forms import ProfileForm


@require_GET
def profile_detail(request: HttpRequest, username: str) -> HttpResponse:
    member = selectors.member_by_username(username)
    context = {
        "member": member,
        "profile": member.profile,
        "viewer_follows": selectors.is_following(request.user, member),
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


def _follow_response(request: HttpRequest, member, now_following: bool) -> HttpResponse:
    if request.htmx:
        member.profile.refresh_from_db(fields=["follower_count", "following_count"])
        return render(
            request,
            "profiles/_follow_box.html",
            {"member": member, "profile": member.profile, "viewer_follows": now_following},
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("profiles:detail", args=[member.username])
    return HttpResponseRedirect(next_url)


@login_required
@require_POST
def follow(request: HttpRequest, username: str) -> HttpResponse:
    member = selectors.member_by_username(username)
    try:
        if services.follow_create(follower=request.user, followee=member):
            messages.success(request, _("You now follow %(name)s.") % {"name": member.profile.name})
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
        return _follow_response(request, member, now_following=False)
    return _follow_response(request, member, now_following=True)


@login_required
@require_POST
def unfollow(request: HttpRequest, username: str) -> HttpResponse:
    member = selectors.member_by_username(username)
    if services.follow_delete(follower=request.user, followee=member):
        messages.success(
            request, _("You no longer follow %(name)s.") % {"name": member.profile.name}
        )
    return _follow_response(request, member, now_following=False)


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You cannot do that.")


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request: HttpRequest) -> HttpResponse:
    profile = request.user.profile
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=profile)
        if form.is_valid():
            data = form.cleaned_data
            avatar = data.get("avatar")
            try:
                services.profile_update(
                    actor=request.user,
                    profile=profile,
                    avatar_upload=avatar or None,
                    remove_avatar=avatar is False,
                    **{field: data[field] for field in services.PROFILE_FIELDS},
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Your settings were saved."))
                response = redirect("profiles:settings")
                # Keep the visitor cookie in step so logging out keeps the language.
                if data["language"]:
                    response.set_cookie(
                        settings.LANGUAGE_COOKIE_NAME,
                        data["language"],
                        max_age=settings.LANGUAGE_COOKIE_AGE,
                        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                    )
                return response
        # Nothing was saved: reload the stored values so the page shows the truth.
        profile.refresh_from_db()
    else:
        form = ProfileForm(instance=profile)
    return render(request, "profiles/settings.html", {"form": form, "profile": profile})


def _add_errors(form: ProfileForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


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
