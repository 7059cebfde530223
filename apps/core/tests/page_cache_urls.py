"""Pages for the page cache's tests (apps/core/tests/test_page_cache.py), at
the paths the cache serves: each renders through the real middleware stack
and says how many times it ran, so a test sees whether a response was
rendered or served from the cache."""

from itertools import count

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from apps.core.language import switch_language
from apps.core.page_cache import cache_scope

COMMUNITIES = {"gardening": 1, "cooking": 2}
_renders = count(1)

PAGE = engines["django"].from_string(
    '{% get_current_language as LANGUAGE_CODE %}<html lang="{{ LANGUAGE_CODE }}"><body>'
    "{% if user.is_authenticated %}<p>Hello {{ user.username }}</p>{% endif %}"
    "<p>{{ title }} #{{ render }}</p>{{ extra }}</body></html>"
)
FORM = engines["django"].from_string('<form method="post">{% csrf_token %}</form>')
SCRIPT = engines["django"].from_string('<script nonce="{{ csp_nonce }}"></script>')


def page(request: HttpRequest, title: str, extra: str = "") -> HttpResponse:
    get_user_model().objects.exists()  # one query per render: a hit runs none
    context = {"title": title, "render": next(_renders), "extra": extra}
    return HttpResponse(PAGE.render(context, request))


def home(request):
    return page(request, "Home")


def with_form(request):
    return page(request, "A form", FORM.render({}, request))


def with_script(request):
    return page(request, "A script", SCRIPT.render({}, request))


def with_cookie(request):
    response = page(request, "A cookie")
    response.set_cookie("seen", "1")
    return response


def private(request):
    response = page(request, "Private")
    response["Cache-Control"] = "private"
    return response


def minimal(request):
    return HttpResponse("ok")


def not_found(request):
    return HttpResponse("gone", status=404)


def community(request, slug, **post):
    if slug not in COMMUNITIES:
        return not_found(request)
    return cache_scope(page(request, f"c/{slug}"), COMMUNITIES[slug])


def unscoped_community(request):
    return page(request, "A community page whose view names no community")


urlpatterns = [
    path("", home),
    path("ok/", minimal),
    path("all/", with_form),
    path("t/script/", with_script),
    path("t/cookie/", with_cookie),
    path("t/private/", private),
    path("t/gone/", not_found),
    path("c/unscoped/", unscoped_community),
    path("c/<slug:slug>/", community),
    path("c/<slug:slug>/p/<int:pk>/<slug:post_slug>/", community),
    path("i18n/language/", switch_language, name="switch_language"),
]
