"""Every page of the URL map, rendered in a pseudo-locale, shows no UI text
that skipped gettext. User content is excluded by listing it (site.py).

Pages are named, not hard-coded, because their addresses hold ids of the
demo-like data. A page of this map that no longer resolves fails its test:
a page that moved or went away must be moved or removed here too, not
silently skipped. /health/ is JSON, not a page: it is not listed.
"""

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve

from .site import Site, user_content
from .visible_text import untranslated_text

pytestmark = pytest.mark.django_db

# The brand, the test-only language name, and a URL scheme hint are not words to translate.
BRAND = [settings.SITE_NAME, "Pseudo", "https://"]


def _post_url(site: Site, post=None) -> str:
    return (post or site.post).get_absolute_url()


def _permalink(site: Site, comment=None) -> str:
    comment = comment or site.reply
    return f"{_post_url(site)}comment/{comment.pk}/"


def _comment_action(site: Site, action: str) -> str:
    post = site.post
    return f"/c/{post.community.slug}/p/{post.pk}/comment/{site.comment.pk}/{action}/"


def _expired_invite_url(site: Site) -> str:
    from datetime import timedelta

    from django.utils import timezone

    from apps.registration.models import Invite

    invite = Invite.objects.create(
        token="expired-invite-token-for-the-pseudo-locale",
        inviter=site.alice,
        max_uses=1,
        expires_at=timezone.now() - timedelta(days=1),
    )
    return f"/join/{invite.token}/"


# name -> address, for a visitor.
ANONYMOUS_PAGES = {
    "join-expired-invite": _expired_invite_url,
    "home": lambda s: "/",
    "home-new": lambda s: "/?sort=new",
    "all": lambda s: "/all/",
    "all-top-day": lambda s: "/all/?sort=top&t=day",
    "directory": lambda s: "/communities/",
    "directory-by-name": lambda s: "/communities/?sort=name",
    "directory-new": lambda s: "/communities/?sort=new",
    "directory-filtered": lambda s: "/communities/?q=garden",
    "directory-no-match": lambda s: "/communities/?q=zzzz",
    "community": lambda s: "/c/gardening/",
    "community-hot": lambda s: "/c/gardening/?sort=hot",
    "community-new": lambda s: "/c/gardening/?sort=new",
    "community-top-week": lambda s: "/c/gardening/?sort=top&t=week",
    "community-top-all": lambda s: "/c/gardening/?sort=top&t=all",
    "community-controversial-month": lambda s: "/c/gardening/?sort=controversial&t=month",
    "community-active": lambda s: "/c/gardening/?sort=active",
    "community-restricted": lambda s: "/c/books/",
    "community-about": lambda s: "/c/gardening/about/",
    "community-about-restricted": lambda s: "/c/books/about/",
    "community-modlog": lambda s: "/c/gardening/modlog/",
    "post": _post_url,
    "post-sort-new": lambda s: _post_url(s) + "?sort=new",
    "post-sort-controversial": lambda s: _post_url(s) + "?sort=controversial",
    "comment-permalink": _permalink,
    "tag": lambda s: "/t/tomatoes/",
    "tag-top": lambda s: "/t/tomatoes/?sort=top&t=year",
    "profile": lambda s: "/u/alice/",
    "profile-posts": lambda s: "/u/alice/posts/",
    "profile-comments": lambda s: "/u/alice/comments/",
    "profile-followers": lambda s: "/u/alice/followers/",
    "profile-following": lambda s: "/u/alice/following/",
    "profile-empty": lambda s: "/u/carmen/posts/",
    "search": lambda s: "/search/?q=tomatoes",
    "search-communities": lambda s: "/search/?q=garden&type=communities",
    "search-users": lambda s: "/search/?q=alice&type=users",
    "search-empty": lambda s: "/search/",
    "modlog": lambda s: "/modlog/",
    "login": lambda s: "/accounts/login/",
    "signup": lambda s: "/accounts/signup/",
    "password-reset": lambda s: "/accounts/password/reset/",
    "password-reset-done": lambda s: "/accounts/password/reset/done/",
    "verification-sent": lambda s: "/accounts/confirm-email/",
    "not-found": lambda s: "/this-page-does-not-exist/",
    "custom-feed-shared": lambda s: _custom_feed(s).get_share_url(),
    "post-history": lambda s: _history_page(s, "post"),
    "comment-history": lambda s: _history_page(s, "comment"),
}


def _unsubscribe_url(s) -> str:
    from django.urls import reverse

    from apps.notifications.emails import unsubscribe_token
    from apps.notifications.models import Kind

    return reverse("notifications:unsubscribe", args=[unsubscribe_token(s.alice.pk, Kind.MESSAGE)])


def _request_page(s) -> str:
    """The page where alice asks to join a private community she is not in
    (bruno's "back-room", made here: only this page needs it)."""
    from apps.communities.models import Community, Visibility

    Community.objects.get_or_create(
        slug="back-room",
        defaults={"owner": s.bruno, "name": "Back room", "visibility": Visibility.PRIVATE},
    )
    return "/c/back-room/request/"


def _saved_page(s) -> str:
    """/saved/ with a post and a comment alice saved (made here: only these pages need them)."""
    from apps.comments.models import SavedComment
    from apps.posts.models import SavedPost

    SavedPost.objects.get_or_create(user=s.alice, post=s.other_post)
    SavedComment.objects.get_or_create(user=s.alice, comment=s.comment)
    return "/saved/"


def _feed_settings_page(s) -> str:
    """/settings/feeds/ with a muted community and a keyword filter of alice's."""
    from apps.posts.models import CommunityMute, KeywordFilter

    CommunityMute.objects.get_or_create(user=s.alice, community=s.post.community)
    KeywordFilter.objects.get_or_create(user=s.alice, phrase="election")
    return "/settings/feeds/"


def _custom_feed(s):
    """alice's shared custom feed of gardening and books (made here: only these pages need it)."""
    from apps.feeds.models import CustomFeed
    from apps.feeds.services import custom_feed_create

    feed = CustomFeed.objects.filter(owner=s.alice, slug="green-reading").first()
    return feed or custom_feed_create(
        owner=s.alice,
        name="Green reading",
        description="Gardens and books.",
        visibility="shared",
        communities=["gardening", "books"],
    )


def _drafts_page(s) -> str:
    """/drafts/ with a draft of alice's (its title is user content already)."""
    from apps.drafts.models import Draft

    Draft.objects.get_or_create(author=s.alice, community=s.post.community, title=s.post.title)
    return "/drafts/"


def _poll_page(s, *, closed: bool) -> str:
    """A post page with a poll: open (alice sees the form) on bruno's post,
    closed (everyone sees the results) on alice's. The options are other
    posts' titles, user content the checker knows; made here: only these
    pages need them."""
    from datetime import timedelta

    from django.utils import timezone

    from apps.polls.models import Poll, PollOption

    post = s.post if closed else s.other_post
    closes_at = timezone.now() - timedelta(hours=1) if closed else None
    poll, created = Poll.objects.get_or_create(
        post=post, defaults={"closes_at": closes_at, "voter_count": 3 if closed else 0}
    )
    if created:
        for position, (text, votes) in enumerate(
            [(s.post.title, 2), (s.other_post.title, 1)], start=1
        ):
            PollOption.objects.create(
                poll=poll, text=text, position=position, votes=votes if closed else 0
            )
    return post.get_absolute_url()


def _history_page(s, kind: str) -> str:
    """The history of the post or of a comment, with an original and a
    moderator's edit that added a line (texts taken from other user content,
    which the checker already knows; made here: only these pages need them)."""
    from apps.revisions.models import CommentRevision, PostRevision

    if kind == "post":
        first = "<p>Notes from the weekend.</p>"
        PostRevision.objects.get_or_create(
            post=s.post, number=1, defaults={"title": s.post.title, "body_html": first}
        )
        PostRevision.objects.get_or_create(
            post=s.post,
            number=2,
            defaults={
                "title": s.post.title,
                "body_html": first + f"<p>{s.other_post.title}</p>",
                "tags": "tomatoes",
                "editor": s.bruno,
                "by_moderator": True,
            },
        )
        return _post_url(s) + "history/"
    first = f"<p>{s.comment.body_text}</p>"
    CommentRevision.objects.get_or_create(
        comment=s.comment, number=1, defaults={"body_html": first, "editor": s.bruno}
    )
    CommentRevision.objects.get_or_create(
        comment=s.comment,
        number=2,
        defaults={"body_html": first + f"<p>{s.reply.body_text}</p>", "editor": s.bruno},
    )
    return _comment_action(s, "history")


# name -> address, for alice: owner of "gardening", member of the restricted "books".
MEMBER_PAGES = {
    "home": lambda s: "/",
    "all": lambda s: "/all/",
    "directory": lambda s: "/communities/",
    "directory-by-name": lambda s: "/communities/?sort=name",
    "create-community": lambda s: "/communities/new/",
    "community": lambda s: "/c/gardening/",
    "community-top": lambda s: "/c/gardening/?sort=top&t=all",
    "community-private": lambda s: "/c/night-shift/",
    "community-restricted": lambda s: "/c/books/",
    "community-about": lambda s: "/c/gardening/about/",
    "submit": lambda s: "/c/gardening/submit/",
    "submit-restricted": lambda s: "/c/books/submit/",
    "post": _post_url,
    "post-of-another": lambda s: _post_url(s, s.other_post),
    "post-edit": lambda s: _post_url(s) + "edit/",
    "comment-permalink": _permalink,
    "comment-reply-form": lambda s: _permalink(s, s.comment) + "?reply=1",
    "comment-edit": lambda s: f"/c/gardening/p/{s.post.pk}/comment/{s.reply.pk}/edit/",
    "comment-delete": lambda s: f"/c/gardening/p/{s.post.pk}/comment/{s.reply.pk}/delete/",
    "tag": lambda s: "/t/tomatoes/",
    "profile-own": lambda s: "/u/alice/",
    "profile-other": lambda s: "/u/bruno/",
    "profile-posts": lambda s: "/u/alice/posts/",
    "profile-comments": lambda s: "/u/alice/comments/",
    "profile-followers": lambda s: "/u/alice/followers/",
    "profile-following": lambda s: "/u/bruno/following/",
    "settings": lambda s: "/settings/",
    "settings-tokens": lambda s: "/settings/tokens/",
    "settings-invites": lambda s: "/settings/invites/",
    "joining-applications": lambda s: "/joining/applications/",  # staff only: the 403
    "joining-tree": lambda s: "/joining/tree/",  # staff only: the 403
    "search": lambda s: "/search/?q=compost",
    "search-comments": lambda s: "/search/?q=pots&type=comments",
    "modqueue": lambda s: "/c/gardening/modqueue/",
    "modqueue-bans": lambda s: "/c/gardening/modqueue/bans/",
    "modqueue-team": lambda s: "/c/gardening/modqueue/team/",
    "modqueue-members": lambda s: "/c/gardening/modqueue/members/",
    "community-request": _request_page,
    "report-post": lambda s: f"/report/post/{s.other_post.pk}/",
    "report-comment": lambda s: f"/report/comment/{s.comment.pk}/",
    "report-member": lambda s: "/report/member/bruno/",
    "community-modlog": lambda s: "/c/gardening/modlog/",
    "modlog": lambda s: "/modlog/",
    "email": lambda s: "/accounts/email/",
    "password-change": lambda s: "/accounts/password/change/",
    "logout": lambda s: "/accounts/logout/",
    "two-factor": lambda s: "/accounts/2fa/",
    "security-keys": lambda s: "/accounts/2fa/webauthn/",
    "sessions": lambda s: "/accounts/sessions/",
    "inbox": lambda s: "/inbox/",
    "messages": lambda s: "/messages/",
    "messages-new": lambda s: "/messages/new/",
    "messages-new-to": lambda s: "/messages/new/carmen/",
    "conversation": lambda s: f"/messages/{s.message.conversation_id}/",
    "report-message": lambda s: f"/report/message/{s.message.pk}/",
    "settings-notifications": lambda s: "/settings/notifications/",
    "settings-data": lambda s: "/settings/data/",
    "settings-delete": lambda s: "/settings/delete/",
    "saved": lambda s: _saved_page(s),
    "saved-comments": lambda s: _saved_page(s) + "?kind=comments",
    "settings-feeds": lambda s: _feed_settings_page(s),
    "custom-feeds": lambda s: _custom_feed(s) and "/f/",
    "custom-feed": lambda s: _custom_feed(s).get_absolute_url(),
    "custom-feed-top": lambda s: _custom_feed(s).get_absolute_url() + "?sort=top&t=all",
    "custom-feed-edit": lambda s: _custom_feed(s).get_absolute_url() + "edit/",
    "custom-feed-add": lambda s: "/f/add/gardening/",
    "unsubscribe": lambda s: _unsubscribe_url(s),
    "unsubscribe-invalid": lambda s: "/notifications/unsubscribe/not-a-token/",
    "post-history": lambda s: _history_page(s, "post"),
    "drafts": lambda s: _drafts_page(s),
    "submit-poll": lambda s: "/c/gardening/submit/poll/",
    "post-poll": lambda s: _poll_page(s, closed=False),
    "post-poll-results": lambda s: _poll_page(s, closed=True),
}

# Routes of ours that are not pages a person reads: POST-only actions, htmx
# fragments of pages listed above (the same templates, shown inside them), and
# answers that are not HTML. Every other route must be in a map above.
NOT_PAGES = {
    "health", "set_language", "switch_language", "javascript-catalog",
    "profiles:follow", "profiles:unfollow",
    "communities:join", "communities:leave",
    "posts:vote", "posts:delete",
    "comments:create", "comments:vote",
    "comments:detail", "comments:reply",  # fragments: the permalink shows both
    "comments:more",  # a fragment: the post page shows the same batch (?after=)
    "moderation:unban", "moderation:team_action", "moderation:post_action",
    "moderation:member_action", "communities:request_cancel",
    "moderation:comment_action", "moderation:report_action",
    "api:token_revoke",
    "profiles:block", "profiles:unblock", "messaging:delete",
    "notifications:count",  # the header's badge, shown on every page
    "notifications:open", "notifications:mark_read", "notifications:mark_all_read",
    "registration:decide", "registration:invite_revoke",
    "posts:save", "comments:save", "posts:mute", "posts:unmute", "posts:filter_delete",
    "privacy:export_request", "privacy:export_download",  # a POST; a zip file
    "media:upload",  # the editor's image upload: a POST answering JSON
    "custom_feeds:share_reset", "custom_feeds:delete", "custom_feeds:remove_community",
    "drafts:delete", "drafts:autosave", "polls:vote",  # POSTs; the autosave's status line
}  # fmt: skip
# Pages that open only after a fresh password confirmation or inside the
# login's two-factor stage (and the passkey login's JSON): they are rendered in
# this pseudo-locale by apps/accounts/tests/test_security_pages_i18n.py.
CHECKED_ELSEWHERE = {
    "mfa_activate_totp", "mfa_deactivate_totp", "mfa_authenticate", "mfa_reauthenticate",
    "mfa_view_recovery_codes", "mfa_generate_recovery_codes", "mfa_download_recovery_codes",
    "mfa_add_webauthn", "mfa_edit_webauthn", "mfa_remove_webauthn",
    "mfa_reauthenticate_webauthn", "mfa_login_webauthn",
}  # fmt: skip
# Routes that are not ours to translate (the admin is checked below), or are
# not HTML pages at all: the API's JSON and the RSS/Atom documents of apps.feeds.
NOT_OUR_ROUTES = ("admin:", "api-v1:", "rosetta", "tinymce-", "djdt:", "feeds:")

# Pages that answer with an error status on purpose: the 404 page, and the
# submit page of a restricted community alice is not approved to post in.
EXPECTED_STATUS = {
    "not-found": 404,
    "submit-restricted": 403,
    "unsubscribe-invalid": 400,
    "join-expired-invite": 410,
    "joining-applications": 403,
    "joining-tree": 403,
}


def assert_fully_translated(client, url: str, language: str, expected_status: int = 200):
    if expected_status != 404:
        try:
            resolve(url.split("?")[0])
        except Resolver404:
            pytest.fail(f"{url} is in the URL map of this test but no view answers it")
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == expected_status, (url, response.status_code)
    html = response.content.decode()
    assert f'<html lang="{language}"' in html, url
    problems = untranslated_text(html, page_language=language, allowed=user_content() + BRAND)
    assert not problems, f"{url}: text not marked for translation: {problems}"


def our_routes() -> set[str]:
    """The name of every named route of the site outside NOT_OUR_ROUTES."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, namespace: str = ""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif pattern.name:
                yield f"{namespace}{pattern.name}"

    return {
        name
        for name in walk(get_resolver().url_patterns)
        if not name.startswith(NOT_OUR_ROUTES) and not name.startswith("account_")
    }


def test_every_page_of_the_site_is_in_the_map(site):
    """A new page fails here until it is listed above (or in NOT_PAGES): the
    maps are the URL map this test checks, and it must not fall behind."""
    mapped = set()
    for pages in (ANONYMOUS_PAGES, MEMBER_PAGES):
        for name, address in pages.items():
            if EXPECTED_STATUS.get(name) != 404:
                mapped.add(resolve(address(site).split("?")[0]).view_name)
    missing = our_routes() - mapped - NOT_PAGES - CHECKED_ELSEWHERE
    assert not missing, f"pages missing from the pseudo-locale map: {sorted(missing)}"
    assert not NOT_PAGES - our_routes(), "NOT_PAGES names a route that is gone"


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_anonymous_pages_are_fully_translatable(client, site, pseudo_locale, name):
    url = ANONYMOUS_PAGES[name](site)
    assert_fully_translated(client, url, pseudo_locale, EXPECTED_STATUS.get(name, 200))


@pytest.mark.parametrize("name", MEMBER_PAGES)
def test_member_pages_are_fully_translatable(client, site, pseudo_locale, name):
    client.force_login(site.alice)
    url = MEMBER_PAGES[name](site)
    assert_fully_translated(client, url, pseudo_locale, EXPECTED_STATUS.get(name, 200))


def test_unverified_member_pages_are_fully_translatable(client, site, pseudo_locale):
    from conftest import make_member

    client.force_login(make_member("newbie", verified=False))
    for url in ["/communities/new/", "/c/gardening/", "/c/gardening/submit/"]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=pseudo_locale)
        problems = untranslated_text(
            response.content.decode(), page_language=pseudo_locale, allowed=user_content() + BRAND
        )
        assert not problems, f"{url}: text not marked for translation: {problems}"


def test_the_checker_catches_an_unmarked_string():
    html = '<html lang="eo"><body><p>⟦Tràñšlàtéd⟧</p><p>Forgotten text</p></body></html>'
    assert untranslated_text(html, page_language="eo", allowed=[]) == ["Forgotten text"]


def test_the_checker_pairs_brackets_across_links():
    html = (
        '<html lang="eo"><body><p>⟦Théñ <a href="/x">šîgñ üp</a> ñöw⟧</p>'
        "<p>Bad words</p></body></html>"
    )
    assert untranslated_text(html, page_language="eo", allowed=[]) == ["Bad words"]


# Staff pages of our models in the admin: labels, help texts, actions, the
# names of our objects. Django's admin hard-codes a few English words itself
# (boolean icons' alt text, the search icon, the auto "ID" column) and
# django-tasks-db and rosetta label their admin entries without translations:
# those are not ours to mark.
NOT_OURS_IN_ADMIN = ["Tasks Database Backend", "Task Results", "Rosetta", "Translations",
                     "True", "False", "Search", "ID"]  # fmt: skip
ADMIN_PAGES = {
    "index": lambda s: "/admin/",
    "communities": lambda s: "/admin/communities/community/",
    "community": lambda s: f"/admin/communities/community/{s.gardening.pk}/change/",
    "community-add": lambda s: "/admin/communities/community/add/",
    "memberships": lambda s: "/admin/communities/membership/",
    "ban-add": lambda s: "/admin/communities/ban/add/",
    "tags": lambda s: "/admin/tags/tag/",
    "tag": lambda s: f"/admin/tags/tag/{s.tag.pk}/change/",
    "posts": lambda s: "/admin/posts/post/",
    "post": lambda s: f"/admin/posts/post/{s.post.pk}/change/",
    "comments": lambda s: "/admin/comments/comment/",
    "comment": lambda s: f"/admin/comments/comment/{s.comment.pk}/change/",
    "users": lambda s: "/admin/accounts/user/",
    "profiles": lambda s: "/admin/profiles/profile/",
    "profile": lambda s: f"/admin/profiles/profile/{s.alice.pk}/change/",
    "follows": lambda s: "/admin/profiles/follow/",
    "applications": lambda s: "/admin/registration/application/",
    "invites": lambda s: "/admin/registration/invite/",
    "registration-option": lambda s: "/admin/registration/siteregistration/add/",
    "departures": lambda s: "/admin/privacy/departure/",
    "data-exports": lambda s: "/admin/privacy/dataexport/",
}


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_pages_of_our_models_are_fully_translatable(client, site, pseudo_locale, name):
    from django.contrib.auth.models import Group

    from conftest import make_member

    client.force_login(make_member("stella", is_staff=True, is_superuser=True))
    url = ADMIN_PAGES[name](site)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=pseudo_locale)
    assert response.status_code == 200, (url, response.status_code)
    # Translated fields are labelled "name [es]": the codes are not words.
    codes = [f"[{code}]" for code, _name in settings.LANGUAGES]
    groups = list(Group.objects.values_list("name", flat=True))
    problems = untranslated_text(
        response.content.decode(),
        page_language=pseudo_locale,
        allowed=user_content() + BRAND + codes + groups + NOT_OURS_IN_ADMIN,
    )
    assert not problems, f"{url}: text not marked for translation: {problems}"
