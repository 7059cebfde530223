"""OpenAPI helpers: the token security scheme, the error envelope in every
operation's responses, the API's description, and the docs page.

drf-spectacular builds the schema from the views' @extend_schema; the
`add_error_responses` postprocessing hook then documents the error envelope
for each status an operation can answer with, so no view repeats them.
"""

from django.templatetags.static import static
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerView

from .errors import ERROR_CODES
from .inputs import DOCUMENTED_KEY

API_DESCRIPTION = """
Quorum's REST API: read communities, posts, comment trees, profiles and tags;
post, comment, vote, follow and join — the same rules as the site, because it
calls the same code.

## Authentication

* **Personal access token**: create one in *Settings → Access tokens*
  (`/settings/tokens/`). It is shown once. Send it as
  `Authorization: Bearer qrm_…`. A token has the scope *read* (GET only) or
  *read and write*; it may expire, and you can revoke it at any time.
* **Session**: requests from the site's own pages use the login cookie. Writes
  then need the `X-CSRFToken` header (from the `csrftoken` cookie).

Without either, read endpoints answer as for a visitor.

## Errors

Every error has the same shape, whatever the status:

```json
{"error": {"code": "validation_error",
           "message": "Some of the data you sent is not valid: see the details for each field.",
           "details": {"title": [{"code": "title_blank",
                                  "message": "Give your post a title."}]}}}
```

`code` is stable (see the `ErrorCode` enum); `message` is for people, in the
language of the request (`Accept-Language`; for a signed-in session the
member's language setting comes first, as on the site). For a
`validation_error`, `details` maps each field (or `non_field_errors`) to a list of
`{code, message}`; a 429 has `details.retry_after` and a `Retry-After` header.

## Lists

Lists are cursor-paginated: `{"results": […], "next_cursor": …, "next": …}`.
Follow `next` (or pass `cursor=next_cursor`) until it is null: a `cursor`
the API did not give is a 400 (`format: cursor`). `page_size` is 1–100. Sort
and filter values are checked: an unknown one, or an empty one (`?sort=`), is
a 400.

Bodies are JSON with the types the schema gives: a number where text is
expected, or text where a number is, is a 400.

## Rate limits

Per member (all requests, and writes separately) and per client address for
visitors. Over the limit: `429` with `Retry-After` (seconds).
"""

ERROR_SCHEMA = {
    "type": "object",
    "description": "The error envelope: every failure of the API has this shape.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"$ref": "#/components/schemas/ErrorCode"},
                "message": {
                    "type": "string",
                    "description": "For people, in the language of the request.",
                },
                "details": {
                    "type": "object",
                    "additionalProperties": True,
                    "description": (
                        "validation_error: {field: [{code, message}]}; "
                        "throttled: {retry_after: seconds}; otherwise {}."
                    ),
                },
            },
            "required": ["code", "message", "details"],
        }
    },
    "required": ["error"],
}

# Per status: (description, example code, example message).
ERROR_RESPONSES = {
    400: (
        "Invalid input: `validation_error` (with per-field `details`), `parse_error` "
        "(malformed JSON) or `bad_request`.",
        "validation_error",
        "Some of the data you sent is not valid: see the details for each field.",
    ),
    401: (
        "Not signed in where it is needed (`not_authenticated`), or a bad token: "
        "`token_invalid`, `token_expired`, `token_revoked`.",
        "not_authenticated",
        "Authentication credentials were not provided.",
    ),
    403: (
        "Not allowed: `permission_denied` (the rules of the community or the object), "
        "`insufficient_scope` (a read-only token writing) or `csrf_failed`.",
        "permission_denied",
        "You are banned from this community.",
    ),
    404: (
        "`not_found`: it does not exist, or you may not see it.",
        "not_found",
        "Nothing was found at this address, or you cannot see it.",
    ),
    409: (
        "`conflict`: another request changed the same thing at the same time; try again.",
        "conflict",
        "This request conflicts with another one made at the same time. Try again.",
    ),
    415: (
        "`unsupported_media_type`: send `Content-Type: application/json`.",
        "unsupported_media_type",
        'Unsupported media type "text/plain" in request.',
    ),
    429: (
        "`throttled`: over the rate limit; retry after `Retry-After` seconds.",
        "throttled",
        "Request was throttled. Expected available in 12 seconds.",
    ),
}
UNSAFE_METHODS = {"post", "put", "patch", "delete"}


def _error_response(status: int) -> dict:
    description, code, message = ERROR_RESPONSES[status]
    details: dict = {}
    if status == 400:
        details = {"title": [{"code": "title_blank", "message": "Give your post a title."}]}
    elif status == 429:
        details = {"retry_after": 12}
    response = {
        "description": description,
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/Error"},
                "examples": {
                    code: {
                        "value": {"error": {"code": code, "message": message, "details": details}}
                    }
                },
            }
        },
    }
    if status == 401:
        response["headers"] = {
            "WWW-Authenticate": {"schema": {"type": "string"}, "description": "Bearer realm"}
        }
    if status == 429:
        response["headers"] = {
            "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}
        }
    return response


# What drf-spectacular may keep beside a schema written by documented_as.
_ANNOTATIONS = {"description", "default", "readOnly", "writeOnly", "nullable", "title"}


def _restore_documented(node) -> None:
    """Put back the schemas apps.api.inputs.documented_as declared, without
    the constraints drf-spectacular inferred beside them."""
    if isinstance(node, list):
        for item in node:
            _restore_documented(item)
        return
    if not isinstance(node, dict):
        return
    declared = node.pop(DOCUMENTED_KEY, None)
    if declared is not None:
        for key in [key for key in node if key not in _ANNOTATIONS]:
            del node[key]
        node.update(declared)
    for value in node.values():
        _restore_documented(value)


def add_error_responses(result: dict, generator, request, public) -> dict:
    """POSTPROCESSING_HOOKS: document the error envelope on every operation,
    for each status it can answer with, and set the API's description. Also
    restores the input schemas apps.api.inputs.documented_as declared."""
    _restore_documented(result)
    result["info"]["description"] = API_DESCRIPTION.strip()
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorCode"] = {
        "type": "string",
        "enum": list(ERROR_CODES),
        "description": "\n".join(
            f"* `{code}` - HTTP {status}" for code, status in ERROR_CODES.items()
        ),
    }
    schemas["Error"] = ERROR_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in UNSAFE_METHODS | {"get", "head", "options"}:
                continue
            statuses = {401, 403, 429}
            parameters = operation.get("parameters", [])
            if parameters or "requestBody" in operation:
                statuses.add(400)
            if any(p.get("in") == "path" for p in parameters) or "{" in path:
                statuses.add(404)
            if method in UNSAFE_METHODS:
                statuses |= {400, 409}
            if "requestBody" in operation:
                statuses.add(415)
            responses = operation.setdefault("responses", {})
            for status in sorted(statuses):
                responses.setdefault(str(status), _error_response(status))
    return result


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "apps.api.authentication.BearerTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A personal access token from /settings/tokens/: "
                "`Authorization: Bearer qrm_…`. Read scope: GET only; write scope: the rest."
            ),
        }


class SessionCsrfScheme(OpenApiAuthenticationExtension):
    target_class = "apps.api.authentication.CsrfSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        from django.conf import settings

        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "The site's login session; writes need the X-CSRFToken header.",
        }


class DocsView(SpectacularSwaggerView):
    """Swagger UI at /api/v1/docs/, from our static files (drf-spectacular-
    sidecar), under the site's Content-Security-Policy: the stylesheet is a
    file and the start-up script carries the request's nonce."""

    template_name = "api/docs.html"
    title = "Quorum API"

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.data["docs_css"] = static("api/docs.css")
        return response
