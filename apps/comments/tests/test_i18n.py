"""The thread pages, rendered in the pseudo-locale of tests/i18n, show no UI
text that skipped gettext (user content excepted)."""

from datetime import datetime

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from apps.comments.models import Comment
from apps.comments.services import comment_create, comment_delete, comment_vote
from apps.comments.tests.conftest import reply
from apps.communities.models import Community
from apps.posts.models import Post
from tests.i18n.pseudo import PSEUDO_LANGUAGE, build_pseudo_locale
from tests.i18n.visible_text import PSEUDO_SEGMENT, untranslated_text

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pseudo_locale_dir(tmp_path_factory):
    return build_pseudo_locale(django_settings.BASE_DIR, tmp_path_factory.mktemp("pseudo"))


@pytest.fixture
def pseudo_locale(settings, pseudo_locale_dir):
    settings.LOCALE_PATHS = [pseudo_locale_dir, *django_settings.LOCALE_PATHS]
    settings.LANGUAGES = [*django_settings.LANGUAGES, (PSEUDO_LANGUAGE, "Pseudo")]
    return PSEUDO_LANGUAGE


def localized_dates(language: str) -> set[str]:
    """Full dates in `title` attributes come from Django's own formats for the
    language (its words, such as "de" and "je", are not ours to translate)."""
    times: list[datetime | None] = [p.created for p in Post.objects.all()]
    for comment in Comment.objects.all():
        times += [comment.created, comment.edited_at]
    with translation.override(language):
        # As the checker sees them: with the translated month name taken out.
        return {
            PSEUDO_SEGMENT.sub(
                " ", formats.date_format(timezone.localtime(when), "DATETIME_FORMAT")
            )
            for when in times
            if when
        }


def user_content() -> list[str]:
    from apps.accounts.models import User

    strings = {django_settings.SITE_NAME, "Pseudo", *localized_dates(PSEUDO_LANGUAGE)}
    for user in User.objects.select_related("profile"):
        strings |= {user.username, user.profile.name}
    for post in Post.objects.all():
        strings |= {post.title, post.body_text, post.slug}
    for community in Community.objects.all():
        strings |= {community.name, community.slug}
    strings |= {c.body_text for c in Comment.objects.all()}
    return sorted((s for s in strings if s), key=len, reverse=True)


def test_thread_pages_are_fully_translatable(client, pseudo_locale, post, member, other_member):
    top = comment_create(author=member, post=post, body="Sunflowers grow tall")
    child = reply(top, other_member, "Mine did not")
    gone = reply(child, member, "Oops")
    comment_delete(actor=member, comment=gone)
    comment_vote(user=other_member, comment=top, value=1)
    Comment.objects.filter(pk=child.pk).update(is_removed=True)
    args = [post.community.slug, post.pk, post.slug]
    pages = [
        reverse("comments:post_detail", args=args),
        reverse("comments:post_detail", args=args) + "?sort=controversial",
        reverse("comments:permalink", args=[*args, child.pk]),
        reverse("comments:permalink", args=[*args, top.pk]) + "?reply=1",
        reverse("comments:by_member", args=[member.username]),
        reverse("comments:edit", args=[post.community.slug, post.pk, top.pk]),
        reverse("comments:delete", args=[post.community.slug, post.pk, top.pk]),
    ]
    client.force_login(member)
    for url in pages:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=pseudo_locale)
        assert response.status_code == 200, url
        problems = untranslated_text(
            response.content.decode(), page_language=pseudo_locale, allowed=user_content()
        )
        assert not problems, f"{url}: {problems}"
