"""The OpenAPI schema and the docs page: complete, valid, warning-free, and
the docs work under the site's Content-Security-Policy without a CDN."""

import re

import pytest
import yaml
from django.core.management import call_command

from apps.api.errors import ERROR_CODES

pytestmark = pytest.mark.django_db

METHODS = {"get", "post", "patch", "put", "delete"}


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict:
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def test_schema_generates_without_warnings_and_validates(tmp_path):
    # --fail-on-warn: any guessed type, missing serializer or enum clash fails;
    # --validate: the result is checked against the OpenAPI 3 meta-schema.
    call_command(
        "spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yaml")
    )
    assert (tmp_path / "schema.yaml").stat().st_size > 10_000


def test_schema_is_served_as_yaml_and_json(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert yaml.safe_load(response.content)["info"]["title"] == "Quorum API"
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.json()["openapi"].startswith("3.")


def test_every_operation_is_documented(schema):
    seen = 0
    for path, method, operation in operations(schema):
        seen += 1
        where = f"{method.upper()} {path}"
        assert path.startswith("/api/v1/"), where
        assert operation.get("summary"), where
        assert operation.get("description"), where
        assert operation.get("tags"), where
        responses = operation["responses"]
        assert any(code.startswith("2") for code in responses), where
        for status in ("401", "403", "429"):
            assert status in responses, (where, status)
        if "{" in path:
            assert "404" in responses, where
        if method != "get":
            assert {"400", "409"} <= set(responses), where
        for status, response in responses.items():
            if status.startswith(("4", "5")):
                content = response["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/Error"}, where
                assert content["examples"], where
        examples = [
            example
            for status, response in responses.items()
            if status.startswith("2")
            for example in response.get("content", {})
            .get("application/json", {})
            .get("examples", {})
        ]
        # JSON bodies, or multipart for file uploads (POST /images/).
        request_examples = [
            example
            for content in operation.get("requestBody", {}).get("content", {}).values()
            for example in content.get("examples", {})
        ]
        if "204" in responses:
            assert method in {"delete", "post"}, where
        else:
            assert examples, f"{where}: no response example"
        if "requestBody" in operation:
            assert request_examples, f"{where}: no request example"
    assert seen >= 36


def test_the_error_envelope_and_codes_are_in_the_schema(schema):
    components = schema["components"]["schemas"]
    assert components["ErrorCode"]["enum"] == list(ERROR_CODES)
    assert components["Error"]["required"] == ["error"]
    assert set(components["Error"]["properties"]["error"]["required"]) == {
        "code",
        "message",
        "details",
    }


def test_security_schemes_are_token_and_session(schema):
    schemes = schema["components"]["securitySchemes"]
    assert schemes["tokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["tokenAuth"]["description"],
    }
    assert schemes["cookieAuth"]["in"] == "cookie"


def test_sort_and_filter_parameters_are_enumerated(schema):
    parameters = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/v1/posts/"]["get"]["parameters"]
    }
    assert parameters["sort"]["enum"] == ["hot", "new", "top", "controversial", "active"]
    assert parameters["t"]["enum"] == ["day", "week", "month", "year", "all"]
    assert parameters["page_size"]["maximum"] == 100


def test_no_private_member_fields_in_any_output(schema):
    text = yaml.safe_dump(
        {
            name: component
            for name, component in schema["components"]["schemas"].items()
            if name != "Me"
        }
    )
    for field in ("password", "is_staff", "is_superuser", "last_login", "email:"):
        assert field not in text, field


def test_docs_page_uses_our_static_files_and_the_csp_nonce(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert not re.search(r"""(src|href)=["']https?://""", html), "assets must not come from a CDN"
    assert "<style" not in html, "inline styles are refused by the CSP"
    nonce = re.search(r'<script nonce="([^"]+)">', html).group(1)
    csp = response["Content-Security-Policy"]
    assert f"'nonce-{nonce}'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert client.get("/static/api/docs.css").status_code == 200
    bundle = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert bundle.status_code == 200
