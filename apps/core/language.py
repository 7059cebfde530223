"""The language switcher of visitors' pages.

Visitors' pages carry no CSRF token, so they can be cached whole
(apps/core/page_cache.py); their switcher is therefore a plain GET form that
works without JavaScript. Choosing a language only sets the preference
cookie Django's own `set_language` sets: a harmless preference, so a link
from elsewhere can at worst change the language a visitor reads in.
Members' pages post to `set_language` (apps.profiles.views) with a token,
because for them the choice is also saved on their profile.

Every place that sets the cookie goes through `set_language_cookie`, so the
cookie has the same attributes whichever way a language was chosen.
"""

from typing import Literal, cast

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from apps.core.http import safe_next

# The values Django accepts for a cookie's SameSite (settings hold a plain str).
SameSite = Literal["Lax", "Strict", "None", False] | None


def set_language_cookie(response: HttpResponseBase, language: str) -> None:
    """Set the language preference cookie on `response` the way Django's own
    `set_language` view does: every LANGUAGE_COOKIE_* setting applies."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=cast(SameSite, settings.LANGUAGE_COOKIE_SAMESITE),
    )


@never_cache
@require_GET
def switch_language(request: HttpRequest) -> HttpResponseRedirect:
    """Set the language cookie to `language` (a language we ship, else
    nothing changes) and go back to `next` (on this site, else home)."""
    response = HttpResponseRedirect(safe_next(request, "/"))
    language = request.GET.get("language", "")
    if language in dict(settings.LANGUAGES) and check_for_language(language):
        set_language_cookie(response, language)
    return response
