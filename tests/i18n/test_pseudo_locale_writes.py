"""What members see after they submit a form, in the pseudo-locale: a form
re-rendered with its errors, the page that explains a refusal (400, 403,
429), and the page a successful post redirects to with its flash message
(followed, so the message is checked in the page that shows it). None of
them may show text that skipped gettext (user content excluded).

A case names who submits (a member of site.py, or a visitor), what, and the
status of the final page; a success case must show a flash message.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client

from conftest import PASSWORD, make_member

from .site import Site, user_content
from .visible_text import untranslated_text

pytestmark = pytest.mark.django_db

BRAND = [settings.SITE_NAME, "Pseudo", "https://"]
HTMX = {"HTTP_HX_REQUEST": "true"}
# How a page shows what went wrong: a field's or a form's error, a refusal.
ERROR_MARKERS = ('class="error"', 'role="alert"', "errorlist", "has-error")


@dataclass(frozen=True)
class Case:
    who: str | None  # "alice", "bruno", "carmen" (site.py), "stella" (staff) or None
    submit: Callable  # (client, site, monkeypatch) -> response
    status: int
    flash: bool = False  # a success: the page shows a flash message
    fragment: bool = False  # an htmx answer: part of a page
    shows_error: bool = True  # a refusal says what went wrong (unless a success)


def _post(url: Callable[[Site], str], data: dict | Callable[[Site], dict] | None = None, **extra):
    def submit(client, site, monkeypatch):
        payload = data(site) if callable(data) else (data or {})
        response = client.post(url(site), payload, follow=True, **extra)
        # What the member typed shows again in a re-rendered form: not ours to translate.
        response.typed = [value for value in payload.values() if isinstance(value, str)]
        return response

    return submit


def _post_url(site: Site) -> str:
    return site.post.get_absolute_url()


def _comment_url(site: Site, action: str, comment=None) -> str:
    comment = comment or site.reply
    return f"/c/gardening/p/{site.post.pk}/comment/{comment.pk}/{action}/"


def _locked_post_url(site: Site) -> str:
    from apps.posts.models import Post

    post = Post.objects.get(title="Frost is coming")
    return f"/c/gardening/p/{post.pk}/comment/new/"


def _rate_limited(module: str, action: str):
    """Make `module`'s rate limit refuse `action` for a new account."""

    def apply(monkeypatch):
        from apps.core.ratelimit import RateLimited

        def refuse(*args, **kwargs):
            raise RateLimited(action, "new_member", retry_after=120)

        monkeypatch.setattr(f"{module}.rate_limit", refuse)

    return apply


def _with(setup: Callable, submit: Callable):
    def run(client, site, monkeypatch):
        setup(site, monkeypatch)
        return submit(client, site, monkeypatch)

    return run


def _banned_from_books(site: Site, monkeypatch) -> None:
    from apps.communities.models import Ban

    Ban.objects.create(community=site.books, user=site.carmen, banned_by=site.bruno)


def _carmen_blocks_alice(site: Site, monkeypatch) -> None:
    from apps.profiles.services import block_create

    block_create(blocker=site.carmen, blocked=site.alice)


def _alice_reported_it(site: Site, monkeypatch) -> None:
    from apps.moderation.services.reports import report_create

    report_create(reporter=site.alice, target=site.other_post, reason="spam", details="")


def _back_room(site: Site, monkeypatch) -> None:
    from apps.communities.models import Community, Visibility

    Community.objects.create(
        slug="back-room", owner=site.bruno, name="Back room", visibility=Visibility.PRIVATE
    )


def _invites_only(site: Site, monkeypatch) -> None:
    from apps.registration.models import Mode, SiteRegistration

    SiteRegistration.objects.update_or_create(pk=1, defaults={"mode": Mode.INVITE})


def _invites_for_all(site: Site, monkeypatch) -> None:
    _invites_only(site, monkeypatch)
    monkeypatch.setattr(settings, "QUORUM_INVITE_MIN_KARMA", 0)


def _decide(action: str):
    def submit(client, site, monkeypatch):
        from apps.registration.models import Application

        applicant = make_member("newcomer")
        application = Application.objects.create(user=applicant, answer="I grow beans.")
        return client.post(f"/joining/applications/{application.pk}/{action}/", follow=True)

    return submit


def _invite_made(client, site, monkeypatch):
    from apps.registration.models import Invite

    response = _post(lambda s: "/settings/invites/", {"max_uses": "1", "days": "7"})(
        client, site, monkeypatch
    )
    # The link is an address, not words.
    response.typed += [f"http://testserver/join/{invite.token}/" for invite in Invite.objects.all()]
    return response


def _post_limit(site: Site, monkeypatch) -> None:
    _rate_limited("apps.posts.services", "post")(monkeypatch)


def _comment_limit(site: Site, monkeypatch) -> None:
    _rate_limited("apps.comments.services", "comment")(monkeypatch)


def _csrf_refused(client, site, monkeypatch):
    strict = Client(
        enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=client.defaults["HTTP_ACCEPT_LANGUAGE"]
    )
    strict.force_login(site.alice)
    return strict.post("/c/gardening/submit/", {"title": "Hi"})


def _new_token_form(site: Site) -> dict:
    return {"name": "", "scopes": "read", "expiry": "30"}


def _token_revoke(client, site, monkeypatch):
    from apps.api.services import token_create

    token, _raw = token_create(user=site.alice, name="laptop", scopes=("read",))
    response = client.post(f"/settings/tokens/{token.pk}/revoke/", follow=True)
    response.typed = [token.name]
    return response


def _settings(site: Site, **changes) -> dict:
    data = {
        "display_name": "Alice Moreau",
        "bio": "Gardener and cyclist.",
        "website": "https://alice.example",
        "language": "",
        "timezone": "UTC",
    }
    return {**data, **changes}


CASES: dict[str, Case] = {
    # posts
    "submit-empty-title": Case(
        "alice", _post(lambda s: "/c/gardening/submit/", {"title": ""}), 200
    ),
    "submit-bad-link": Case(
        "alice", _post(lambda s: "/c/gardening/submit/", {"title": "Beans", "link": "nope"}), 200
    ),
    "submit-rate-limited": Case(
        "alice",
        _with(_post_limit, _post(lambda s: "/c/gardening/submit/", {"title": "Beans today"})),
        429,
    ),
    "submit-published": Case(
        "alice",
        # The content language defaults to the page's, which is no content
        # language here: the post names one of the shipped ones.
        _post(lambda s: "/c/gardening/submit/", {"title": "Beans today", "language": "en"}),
        200,
        flash=True,
    ),
    "edit-empty-title": Case("alice", _post(lambda s: _post_url(s) + "edit/", {"title": ""}), 200),
    "edit-saved": Case(
        "alice",
        _post(
            lambda s: _post_url(s) + "edit/", lambda s: {"title": s.post.title, "language": "en"}
        ),
        200,
        flash=True,
    ),
    "delete-post": Case("alice", _post(lambda s: _post_url(s) + "delete/"), 200, flash=True),
    "mute-community": Case("alice", _post(lambda s: "/c/books/mute/"), 200, flash=True),
    "keyword-filter-empty": Case("alice", _post(lambda s: "/settings/feeds/", {"phrase": ""}), 200),
    "keyword-filter-added": Case(
        "alice", _post(lambda s: "/settings/feeds/", {"phrase": "election"}), 200, flash=True
    ),
    # comments
    "comment-too-long": Case(
        "alice",
        _post(lambda s: f"/c/gardening/p/{s.post.pk}/comment/new/", {"body": "x" * 10_001}),
        200,
    ),
    "comment-too-long-htmx": Case(
        "alice",
        _post(lambda s: f"/c/gardening/p/{s.post.pk}/comment/new/", {"body": "x" * 10_001}, **HTMX),
        200,
        fragment=True,
    ),
    "comment-on-a-locked-post": Case("bruno", _post(_locked_post_url, {"body": "Brr."}), 200),
    "comment-rate-limited": Case(
        "alice",
        _with(
            _comment_limit,
            _post(lambda s: f"/c/gardening/p/{s.post.pk}/comment/new/", {"body": "Yes."}),
        ),
        429,
    ),
    "comment-edit-empty": Case(
        "alice", _post(lambda s: _comment_url(s, "edit"), {"body": ""}), 200
    ),
    "comment-edit-saved": Case(
        "alice", _post(lambda s: _comment_url(s, "edit"), {"body": "Quite big."}), 200, flash=True
    ),
    "comment-deleted": Case("alice", _post(lambda s: _comment_url(s, "delete")), 200, flash=True),
    # communities
    "community-create-invalid": Case(
        "alice",
        _post(lambda s: "/communities/new/", {"name": "", "slug": "Bad slug!", "visibility": "x"}),
        200,
    ),
    "community-create-taken": Case(
        "alice",
        _post(
            lambda s: "/communities/new/",
            {"name": "Gardening", "slug": "gardening", "visibility": "public"},
        ),
        200,
    ),
    "community-created": Case(
        "alice",
        _post(
            lambda s: "/communities/new/",
            {"name": "Herbs", "slug": "herbs", "visibility": "public"},
        ),
        200,
        flash=True,
    ),
    "join-refused-when-banned": Case(
        "carmen", _with(_banned_from_books, _post(lambda s: "/c/books/join/")), 403
    ),
    "joined": Case("carmen", _post(lambda s: "/c/books/join/"), 200, flash=True),
    "left": Case("bruno", _post(lambda s: "/c/gardening/leave/"), 200, flash=True),
    "membership-requested": Case(
        "alice", _with(_back_room, _post(lambda s: "/c/back-room/request/")), 200, flash=True
    ),
    # profiles and settings
    "settings-invalid": Case(
        "alice",
        _post(lambda s: "/settings/", lambda s: _settings(s, website="nope", timezone="Mars/Base")),
        200,
    ),
    "settings-saved": Case("alice", _post(lambda s: "/settings/", _settings), 200, flash=True),
    "followed": Case("alice", _post(lambda s: "/u/carmen/follow/"), 200, flash=True),
    "blocked": Case("alice", _post(lambda s: "/u/carmen/block/"), 200, flash=True),
    "notification-settings-saved": Case(
        "alice",
        _post(lambda s: "/settings/notifications/", {"email_message": "on"}),
        200,
        flash=True,
    ),
    # messaging
    "message-to-a-member-who-blocked-you": Case(
        "alice",
        _with(
            _carmen_blocks_alice,
            _post(lambda s: "/messages/new/carmen/", {"to": "carmen", "body": "Hi"}),
        ),
        403,
    ),
    "message-to-nobody": Case(
        "alice", _post(lambda s: "/messages/new/", {"to": "nobody-here", "body": "Hi"}), 200
    ),
    "message-empty-reply": Case(
        "alice", _post(lambda s: f"/messages/{s.message.conversation_id}/", {"body": ""}), 200
    ),
    "message-sent": Case(
        "alice",
        _post(lambda s: "/messages/new/bruno/", {"to": "bruno", "body": "Here are seeds."}),
        200,
        flash=True,
    ),
    # moderation
    "report-sent": Case(
        "alice",
        _post(lambda s: f"/report/post/{s.other_post.pk}/", {"reason": "spam"}),
        200,
        flash=True,
    ),
    "report-duplicate": Case(
        "alice",
        _with(
            _alice_reported_it,
            _post(lambda s: f"/report/post/{s.other_post.pk}/", {"reason": "spam"}),
        ),
        400,
    ),
    "report-without-reason": Case(
        "alice", _post(lambda s: f"/report/post/{s.other_post.pk}/", {"reason": ""}), 400
    ),
    "post-locked-by-a-moderator": Case(
        "carmen", _post(lambda s: f"/mod/posts/{s.other_post.pk}/lock/"), 200, flash=True
    ),
    "moderator-appointed-unknown-member": Case(
        "alice", _post(lambda s: "/c/gardening/modqueue/team/appoint/", {"member": "nobody"}), 400
    ),
    "moderator-appointed": Case(
        "alice",
        _post(lambda s: "/c/gardening/modqueue/team/appoint/", {"member": "bruno"}),
        200,
        flash=True,
    ),
    "ban-unknown-member": Case(
        "alice", _post(lambda s: "/c/gardening/modqueue/bans/", {"member": "nobody"}), 400
    ),
    "moderation-refused": Case(
        "bruno", _post(lambda s: "/c/gardening/modqueue/team/appoint/", {"member": "carmen"}), 403
    ),
    # tokens, invites, data
    "token-without-a-name": Case(
        "alice", _post(lambda s: "/settings/tokens/", _new_token_form), 400
    ),
    "token-revoked": Case("alice", _token_revoke, 200, flash=True),
    "invite-refused-for-low-karma": Case(
        "alice",
        _with(_invites_only, _post(lambda s: "/settings/invites/", {"max_uses": "1", "days": "7"})),
        403,
        shows_error=False,  # the page says why in its text, in place of the form
    ),
    "invite-invalid": Case(
        "alice",
        _with(
            _invites_for_all, _post(lambda s: "/settings/invites/", {"max_uses": "0", "days": "0"})
        ),
        200,
    ),
    "invite-made": Case(
        "alice",
        _with(_invites_for_all, _invite_made),
        200,
        flash=True,
    ),
    "application-approved": Case("stella", _decide("approve"), 200, flash=True),
    "application-decided-by-a-member": Case("alice", _decide("refuse"), 403),
    "inbox-all-read": Case("alice", _post(lambda s: "/inbox/read-all/"), 200, shows_error=False),
    "export-requested": Case("alice", _post(lambda s: "/settings/data/export/"), 200, flash=True),
    "reauthenticate-wrong-password": Case(
        "alice", _post(lambda s: "/accounts/reauthenticate/", {"password": "wrong"}), 200
    ),
    # accounts (allauth's forms and messages, in our templates)
    "login-wrong-password": Case(
        None, _post(lambda s: "/accounts/login/", {"login": "alice", "password": "wrong"}), 200
    ),
    "login": Case(
        None,
        _post(lambda s: "/accounts/login/", {"login": "alice", "password": PASSWORD}),
        200,
        flash=True,
    ),
    "signup-invalid": Case(
        None,
        _post(
            lambda s: "/accounts/signup/",
            {"username": "alice", "email": "nope", "password1": "a", "password2": "b"},
        ),
        200,
    ),
    "password-reset-invalid": Case(
        None, _post(lambda s: "/accounts/password/reset/", {"email": "nope"}), 200
    ),
    "password-change-wrong": Case(
        "alice",
        _post(
            lambda s: "/accounts/password/change/",
            {"oldpassword": "wrong", "password1": "x", "password2": "y"},
        ),
        200,
    ),
    "email-add-invalid": Case(
        "alice", _post(lambda s: "/accounts/email/", {"action_add": "", "email": "nope"}), 200
    ),
    "logout": Case("alice", _post(lambda s: "/accounts/logout/"), 200, flash=True),
    # refusals outside any form
    "csrf-refused": Case("alice", _csrf_refused, 403, shows_error=False),
}


def _assert_fully_translated(response, case: Case, language: str, name: str) -> None:
    assert response.status_code == case.status, (name, response.status_code)
    html = response.content.decode()
    if not case.fragment:
        assert f'<html lang="{language}"' in html, name
    if case.flash:
        assert 'class="messages"' in html, f"{name}: the page shows no flash message"
    elif case.shows_error:
        assert any(marker in html for marker in ERROR_MARKERS), f"{name}: no error is shown"
    # Longest first: a name inside a typed text or a link must not go first.
    allowed = sorted(user_content() + BRAND + getattr(response, "typed", []), key=len, reverse=True)
    problems = untranslated_text(html, page_language=language, allowed=allowed)
    assert not problems, f"{name}: text not marked for translation: {problems}"


@pytest.mark.parametrize("name", CASES)
def test_pages_after_a_form_submission_are_fully_translatable(
    client, site, pseudo_locale, monkeypatch, name
):
    case = CASES[name]
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = pseudo_locale
    if case.who == "stella":
        client.force_login(make_member("stella", is_staff=True, is_superuser=True))
    elif case.who is not None:
        client.force_login(getattr(site, case.who))
    response = case.submit(client, site, monkeypatch)
    _assert_fully_translated(response, case, pseudo_locale, name)


def test_an_unverified_members_post_is_fully_translatable(client, site, pseudo_locale):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = pseudo_locale
    client.force_login(make_member("newbie", verified=False))
    response = client.post("/c/gardening/submit/", {"title": "Hello there"}, follow=True)
    problems = untranslated_text(
        response.content.decode(), page_language=pseudo_locale, allowed=user_content() + BRAND
    )
    assert not problems, f"text not marked for translation: {problems}"


def test_an_unmarked_flash_message_fails_the_guard(client, site, pseudo_locale, monkeypatch):
    """The guard itself: a flash message that skips gettext is reported."""
    monkeypatch.setattr("apps.posts.views._", lambda text: text)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = pseudo_locale
    client.force_login(site.alice)
    response = CASES["submit-published"].submit(client, site, monkeypatch)
    problems = untranslated_text(
        response.content.decode(), page_language=pseudo_locale, allowed=user_content() + BRAND
    )
    assert problems == ["Your post is published."]
