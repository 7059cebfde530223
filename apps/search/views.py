"""The search page: parse (allowlist) the query string, call the selector, render."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    """/search/?q=…&type=posts|comments|communities|users&community=&tag=&author=&t=&cursor=

    One query for the results (plus the session's, signed in); none when q is blank."""
    params = selectors.params_from(request.GET)
    page = selectors.search(
        query=params.query,
        type=params.type,
        viewer=request.user,
        community=params.community,
        tag=params.tag,
        author=params.author,
        period=params.period,
        cursor=params.cursor,
    )
    context = {
        "params": params,
        "search_query": params.query,
        "page": page,
        "types": list(selectors.TYPES.items()),
        "periods": [(key, label) for key, (label, _delta) in selectors.PERIODS.items()],
        "filters_apply": params.type in ("posts", "comments"),
    }
    return render(request, "search/results.html", context)
