"""Numbers, dates, relative times, plurals and time zones as each language
and each member wants them; machine-read numbers never change."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import formats, timezone, translation

from apps.accounts.models import User
from apps.comments.models import Comment
from apps.communities.models import Community
from apps.posts.models import Post
from apps.profiles.models import Profile
from conftest import make_member

pytestmark = pytest.mark.django_db

CODES = [code for code, _name in settings.LANGUAGES]
NBSP = "\xa0"
# 1234567 as each shipped language writes it. Arabic: Western digits with
# CLDR's Arabic separators (config/formats/ar/formats.py explains why).
GROUPED = {
    "en": "1,234,567",
    "es": f"1{NBSP}234{NBSP}567",
    "fr": f"1{NBSP}234{NBSP}567",
    "de": "1.234.567",
    "pt-br": "1.234.567",
    "ar": "1,234,567",
    "he": "1,234,567",
    "pl": f"1{NBSP}234{NBSP}567",
}


def html_of(client, url, code) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=code)
    assert response.status_code == 200, (url, code, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("code", CODES)
def test_counts_are_grouped_as_the_language_writes_them(client, site, code):
    Community.objects.filter(pk=site.gardening.pk).update(member_count=1234567, post_count=2345)
    html = html_of(client, "/c/gardening/about/", code)
    assert f"<dd>{GROUPED[code]}</dd>" in html
    with translation.override(code):
        members = translation.ngettext("%(members)s member", "%(members)s members", 1234567) % {
            "members": GROUPED[code]
        }
    assert members in html  # the header's "1.234.567 Mitglieder", plural included


@pytest.mark.parametrize("code", ["en", "de", "ar"])
def test_scores_and_karma_are_grouped(client, site, code):
    Post.objects.filter(pk=site.post.pk).update(score=1234567, upvotes=1234567, downvotes=0)
    Comment.objects.filter(pk=site.comment.pk).update(score=1234567, upvotes=1234567, downvotes=0)
    Profile.objects.filter(user=site.alice).update(post_karma=1234000, comment_karma=567)
    post_page = html_of(client, site.post.get_absolute_url(), code)
    assert f">{GROUPED[code]}<" in post_page  # the post's vote widget
    assert GROUPED[code] in post_page.split('id="comment-tree"')[1]  # a comment's score
    assert f"<dd>{GROUPED[code]}</dd>" in html_of(client, "/u/alice/", code)  # karma


def test_machine_read_numbers_are_never_grouped(client, site):
    """Ids in addresses, ids of elements, htmx targets, datetime attributes."""
    post = Post.objects.get(pk=site.post.pk)
    post.pk = 1234567
    post.slug = "big"
    post.save(force_insert=True)
    comment = Comment.objects.get(pk=site.comment.pk)
    Comment.objects.filter(pk=comment.pk).update(post=post)
    comment.pk = 7654321
    comment.post = post
    comment.path = "7654321"
    comment.parent = None
    comment.save(force_insert=True)
    Comment.objects.filter(pk=site.comment.pk).update(post=site.post)
    client.force_login(site.bruno)
    for code in ["de", "en", "fr"]:
        for url in ["/c/gardening/?sort=new", post.get_absolute_url(), "/u/alice/posts/"]:
            html = html_of(client, url, code)
            assert "1234567" in html, url
            for grouped in ("1,234,567", "1.234.567", f"1{NBSP}234{NBSP}567"):
                assert grouped not in html, (url, code)
        assert 'id="vote-post-1234567"' in html_of(client, "/c/gardening/?sort=new", code)
        page = html_of(client, post.get_absolute_url(), code)
        assert 'id="comment-7654321"' in page
        assert "/p/1234567/" in page
        for stamp in re.findall(r'datetime="([^"]+)"', page):
            datetime.fromisoformat(stamp)  # ISO 8601, whatever the language


@pytest.mark.parametrize("code", CODES)
def test_absolute_dates_use_the_languages_format_and_month_names(client, site, code):
    joined = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)
    User.objects.filter(pk=site.alice.pk).update(date_joined=joined)
    with translation.override(code):
        expected = formats.date_format(joined, "DATE_FORMAT")
    assert expected in html_of(client, "/u/alice/", code)


def test_month_names_are_translated(client, site):
    User.objects.filter(pk=site.alice.pk).update(date_joined=datetime(2026, 3, 5, tzinfo=UTC))
    samples = {
        "en": "March 5, 2026",
        "es": "5 de marzo de 2026",
        "fr": "5 mars 2026",
        "de": "5. März 2026",
        # Portuguese writes month names in lower case (Django's catalogue
        # capitalises them; apps/core/third_party_strings.py overrides them).
        "pt-br": "5 de março de 2026",
        "ar": "5 مارس، 2026",
    }
    for code, text in samples.items():
        assert text in html_of(client, "/u/alice/", code), code


@pytest.mark.parametrize("code", CODES)
def test_relative_times_are_translated(client, site, code):
    three_hours_ago = timezone.now() - timedelta(hours=3, minutes=5)
    Post.objects.filter(pk=site.post.pk).update(created=three_hours_ago, edited_at=None)
    with translation.override(code):
        expected = naturaltime(three_hours_ago)
    html = html_of(client, site.post.get_absolute_url(), code)
    assert expected in html
    if code != "en":
        assert "hours ago" not in html
        assert "minutes ago" not in html


@pytest.mark.parametrize(
    ("hours", "text"),
    [(1, "منذ ساعة"), (2, "منذ ساعتين"), (3, "منذ 3\xa0ساعات"), (11, "منذ 11\xa0ساعة")],
)
def test_arabic_relative_times_use_the_dual_and_the_right_plural(client, site, hours, text):
    """Django's own catalogue says "منذ 2 ساعة"; Arabic says "two hours" with
    the dual alone (our override in apps/core/third_party_strings.py)."""
    Post.objects.filter(pk=site.post.pk).update(
        created=timezone.now() - timedelta(hours=hours, minutes=5), edited_at=None
    )
    assert text in html_of(client, site.post.get_absolute_url(), "ar")


def test_arabic_date_and_time_read_day_month_year_then_time(client, site):
    created = datetime(2026, 11, 26, 22, 24, tzinfo=UTC)
    Post.objects.filter(pk=site.post.pk).update(created=created)
    html = html_of(client, site.post.get_absolute_url(), "ar")
    assert 'title="26 نوفمبر 2026، 10:24 م"' in html


def test_relative_times_read_naturally_in_german_and_french(client, site):
    Post.objects.filter(pk=site.post.pk).update(created=timezone.now() - timedelta(hours=3))
    assert "vor 3 Stunden" in html_of(client, site.post.get_absolute_url(), "de")
    assert "il y a 3\xa0heures" in html_of(client, site.post.get_absolute_url(), "fr")


@pytest.mark.parametrize(
    ("code", "count", "text"),
    [
        ("en", 1, "1 comment"),
        ("en", 2, "2 comments"),
        ("de", 1, "1 Kommentar"),
        ("de", 2, "2 Kommentare"),
        ("de", 1234, "1.234 Kommentare"),
        ("fr", 0, "0 commentaire"),
        ("fr", 2, "2 commentaires"),
        ("es", 1, "1 comentario"),
        ("es", 5, "5 comentarios"),
        ("pt-br", 1, "1 comentário"),
        ("pt-br", 3, "3 comentários"),
        ("ar", 0, "لا تعليقات"),
        ("ar", 1, "تعليق واحد"),
        ("ar", 2, "تعليقان"),
        ("ar", 3, "3 تعليقات"),
        ("ar", 11, "11 تعليقًا"),
        ("ar", 100, "100 تعليق"),
    ],
)
def test_plurals_follow_each_languages_rules(client, site, code, count, text):
    Post.objects.filter(pk=site.post.pk).update(comment_count=count)
    assert text in html_of(client, site.post.get_absolute_url(), code)


def test_times_are_stored_in_utc(site):
    post = Post.objects.get(pk=site.post.pk)
    assert post.created.utcoffset() == timedelta(0)
    assert settings.USE_TZ


def test_a_members_time_zone_changes_the_time_shown(client, site):
    created = datetime(2026, 1, 10, 15, 30, tzinfo=UTC)
    Post.objects.filter(pk=site.post.pk).update(created=created)
    url = site.post.get_absolute_url()
    # A visitor: the site's default time zone (UTC).
    html = html_of(client, url, "de")
    assert 'title="10. Januar 2026 15:30"' in html
    # A member in Tokyo (UTC+9): the next day, 00:30.
    member = make_member("yuki")
    Profile.objects.filter(user=member).update(timezone="Asia/Tokyo", language="de")
    client.force_login(member)
    html = html_of(client, url, "de")
    assert 'title="11. Januar 2026 00:30"' in html
    assert 'datetime="2026-01-11T00:30:00+09:00"' in html


def test_a_broken_stored_time_zone_falls_back_to_the_default(client, site):
    member = make_member("zed")
    Profile.objects.filter(user=member).update(timezone="Mars/Olympus_Mons")
    client.force_login(member)
    Post.objects.filter(pk=site.post.pk).update(created=datetime(2026, 1, 10, 15, 30, tzinfo=UTC))
    assert 'title="10. Januar 2026 15:30"' in html_of(client, site.post.get_absolute_url(), "de")


def test_htmx_partials_keep_ids_plain(client, site):
    """A template partial renders without its template's {% localize off %}."""
    from django.db import connection

    from apps.comments.services import comment_create

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('comments_comment', 'id'), 54320)")
    else:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE sqlite_sequence SET seq = 54320 WHERE name = 'comments_comment'")
    comment = comment_create(author=site.alice, post=site.post, body="A high number.")
    assert comment.pk > 54320
    base = f"/c/gardening/p/{site.post.pk}/comment/{comment.pk}/"
    client.force_login(site.alice)
    for code in ["de", "en"]:
        for response in [
            client.get(base + "edit/", HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE=code),
            client.get(base, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE=code),
        ]:
            html = response.content.decode()
            assert f'id="comment-{comment.pk}"' in html, html[:300]
            assert f"{comment.pk:,}" not in html and f"{comment.pk:,}".replace(",", ".") not in html
        client.force_login(site.bruno)
        voted = client.post(
            base + "vote/", {"value": "1"}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE=code
        )
        assert f'id="comment-vote-{comment.pk}"' in voted.content.decode()
        client.force_login(site.alice)
