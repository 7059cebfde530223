"""The REST API as a developer meets it: the docs page (under the site's
CSP, assets from our static files), a token made in settings, then a script
that posts and votes with it."""

import json
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from apps.communities.tests.conftest import make_community
from apps.posts.models import Post, PostVote
from conftest import PASSWORD, make_member

pytestmark = pytest.mark.django_db(transaction=True)


def call(live_server, method: str, path: str, token: str, body: dict | None = None):
    """The API over HTTP with the standard library, as a script would."""
    request = urllib.request.Request(  # noqa: S310 - the live server on loopback
        live_server.url + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def test_docs_list_the_operations_without_csp_errors(page):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Quorum API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    expect(page.get_by_text("Publish a post", exact=True)).to_be_visible()
    assert page.locator(".opblock").count() >= 36
    # Open one operation: its error responses and examples are documented.
    page.get_by_text("Vote on a post").click()
    expect(page.locator(".opblock.is-open .response[data-code='429']")).to_be_visible()
    # Every asset came from this server: no CDN.
    origin = page.url.split("/api/")[0]
    assert requests and all(url.startswith(origin) or url.startswith("data:") for url in requests)


def test_create_a_token_in_settings_then_post_and_vote_with_it(page, live_server):
    owner = make_member("olivia")
    make_community(owner, "gardening")
    make_member("ada")

    page.goto("/accounts/login/")
    page.locator("#id_login").fill("ada")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.goto("/settings/")
    page.get_by_role("link", name="Access tokens").click()
    page.get_by_label("Name").fill("my script")
    page.get_by_label("Read and write", exact=False).check()
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_test_id("new-token")).to_be_visible()
    token = page.locator("#new-token-value").input_value()
    assert token.startswith("qrm_")
    expect(page.get_by_test_id("token-row")).to_have_count(1)

    status, me = call(live_server, "GET", "/api/v1/me/", token)
    assert (status, me["username"], me["scopes"]) == (200, "ada", ["read", "write"])

    status, post = call(
        live_server,
        "POST",
        "/api/v1/posts/",
        token,
        {"community": "gardening", "title": "Posted by a script", "tags": ["automation"]},
    )
    assert status == 201, post
    status, vote = call(
        live_server, "POST", f"/api/v1/posts/{post['id']}/vote/", token, {"value": 1}
    )
    assert status == 200 and vote["score"] == 1
    status, comment = call(
        live_server,
        "POST",
        f"/api/v1/posts/{post['id']}/comments/",
        token,
        {"body": "And a comment"},
    )
    assert status == 201 and comment["author"]["username"] == "ada"
    status, feed = call(live_server, "GET", "/api/v1/posts/?community=gardening&sort=new", token)
    assert [row["title"] for row in feed["results"]] == ["Posted by a script"]
    assert Post.objects.get().author.username == "ada"
    assert PostVote.objects.get().value == 1

    # The page shows the post a person sees.
    page.goto(post["url"])
    expect(page.get_by_role("heading", name="Posted by a script")).to_be_visible()

    # Revoked: the script is locked out at once.
    page.goto("/settings/tokens/")
    page.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("is revoked")).to_be_visible()
    status, error = call(live_server, "GET", "/api/v1/me/", token)
    assert status == 401 and error["error"]["code"] == "token_revoked"
