import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from apps.profiles.models import Follow, Profile
from apps.profiles.services import follow_create
from conftest import make_member

from .conftest import image_upload

pytestmark = pytest.mark.django_db


def settings_data(**overrides):
    data = {
        "display_name": "Marta R.",
        "bio": "Hello",
        "website": "https://marta.example",
        "language": "",
        "timezone": "Europe/Madrid",
    }
    data.update(overrides)
    return data


# --- profile page and lists ---------------------------------------------------------


def test_profile_page_shows_counts_and_lists(client, member, other_member):
    follow_create(follower=other_member, followee=member)
    response = client.get(reverse("profiles:detail", args=[member.username]))
    assert response.status_code == 200
    assert response.context["profile"].follower_count == 1
    assert other_member.username.encode() in response.content


def test_profile_lookup_ignores_case(client, member):
    response = client.get(reverse("profiles:detail", args=[member.username.upper()]))
    assert response.status_code == 200


def test_unknown_or_inactive_member_is_404(client, member):
    assert client.get(reverse("profiles:detail", args=["nobody-here"])).status_code == 404
    member.is_active = False
    member.save()
    assert client.get(reverse("profiles:detail", args=[member.username])).status_code == 404


def _with_followers(member, count):
    for index in range(count):
        follower = make_member(f"fan{index}")
        follow_create(follower=follower, followee=member)
        follow_create(follower=member, followee=follower)


@pytest.mark.parametrize("count", [3, 30])
def test_profile_page_queries_do_not_grow_with_followers(
    client, member, other_member, count, django_assert_max_num_queries
):
    _with_followers(member, count)
    client.force_login(other_member)
    # session, user+profile, member, is_following, followers page, following page
    with django_assert_max_num_queries(7):
        response = client.get(reverse("profiles:detail", args=[member.username]))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 40])
@pytest.mark.parametrize("url_name", ["profiles:followers", "profiles:following"])
def test_follow_lists_queries_do_not_grow(
    client, member, other_member, count, url_name, django_assert_max_num_queries
):
    _with_followers(member, count)
    client.force_login(other_member)
    with django_assert_max_num_queries(5):
        response = client.get(reverse(url_name, args=[member.username]))
    assert response.status_code == 200
    assert len(response.context["people"]) == min(count, 30)


def test_follow_list_paginates_with_a_cursor(client, member):
    _with_followers(member, 35)
    first = client.get(reverse("profiles:followers", args=[member.username]))
    cursor = first.context["page"].next_cursor
    assert cursor
    second = client.get(reverse("profiles:followers", args=[member.username]), {"cursor": cursor})
    first_ids = {p.pk for p in first.context["people"]}
    second_ids = {p.pk for p in second.context["people"]}
    assert len(second_ids) == 5
    assert not first_ids & second_ids


@pytest.mark.parametrize("cursor", ["junk", "eyJ4IjoxfQ", "W3siZHQiOiJub3BlIn0sMV0", "x" * 500])
def test_tampered_cursor_shows_the_first_page(client, member, cursor):
    _with_followers(member, 2)
    response = client.get(reverse("profiles:followers", args=[member.username]), {"cursor": cursor})
    assert response.status_code == 200


# --- follow / unfollow --------------------------------------------------------------


def test_follow_with_htmx_returns_the_updated_box(member_client, member, other_member):
    response = member_client.post(
        reverse("profiles:follow", args=[other_member.username]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert b'id="follow-box"' in response.content
    assert b"<html" not in response.content
    assert b"Unfollow" in response.content
    assert Profile.objects.get(user=other_member).follower_count == 1


def test_follow_without_javascript_redirects_back(member_client, other_member):
    response = member_client.post(reverse("profiles:follow", args=[other_member.username]))
    assert response.status_code == 302
    assert response.url == reverse("profiles:detail", args=[other_member.username])
    assert Follow.objects.filter(followee=other_member).count() == 1


def test_follow_next_off_site_stays_on_site(member_client, other_member):
    response = member_client.post(
        reverse("profiles:follow", args=[other_member.username]), {"next": "//evil.example/"}
    )
    assert response.url == reverse("profiles:detail", args=[other_member.username])


def test_unfollow(member_client, member, other_member):
    follow_create(follower=member, followee=other_member)
    member_client.post(reverse("profiles:unfollow", args=[other_member.username]))
    assert not Follow.objects.exists()
    assert Profile.objects.get(user=other_member).follower_count == 0


def test_following_yourself_is_refused_with_a_message(member_client, member):
    response = member_client.post(reverse("profiles:follow", args=[member.username]))
    assert response.status_code == 400
    assert not Follow.objects.exists()
    assert "cannot follow yourself" in response.content.decode()


def test_following_yourself_with_htmx_shows_the_reason_in_the_box(member_client, member):
    response = member_client.post(
        reverse("profiles:follow", args=[member.username]), HTTP_HX_REQUEST="true"
    )
    assert b'id="follow-box"' in response.content
    assert "cannot follow yourself" in response.content.decode()
    assert not Follow.objects.exists()


def test_a_follow_the_policy_refuses_answers_403(member_client, other_member, monkeypatch):
    from apps.profiles import policies

    monkeypatch.setattr(
        policies,
        "follow_refusal",
        lambda actor, target: ("inactive", "You cannot follow this member."),
    )
    response = member_client.post(reverse("profiles:follow", args=[other_member.username]))
    assert response.status_code == 403
    assert "You cannot follow this member." in response.content.decode()
    assert not Follow.objects.exists()


def test_anonymous_follow_goes_to_login(client, member):
    response = client.post(reverse("profiles:follow", args=[member.username]))
    assert response.status_code == 302
    assert reverse("account_login") in response.url
    assert not Follow.objects.exists()


def test_get_to_follow_is_405(member_client, other_member):
    response = member_client.get(reverse("profiles:follow", args=[other_member.username]))
    assert response.status_code == 405
    assert not Follow.objects.exists()


# --- settings -----------------------------------------------------------------------


def test_settings_requires_login(client):
    response = client.get(reverse("profiles:settings"))
    assert response.status_code == 302


def test_settings_saves_the_profile(member_client, member):
    response = member_client.post(reverse("profiles:settings"), settings_data(language="es"))
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert (profile.display_name, profile.timezone, profile.language) == (
        "Marta R.",
        "Europe/Madrid",
        "es",
    )
    assert response.cookies[django_settings.LANGUAGE_COOKIE_NAME].value == "es"


def test_the_saved_message_speaks_the_language_just_chosen(member_client):
    response = member_client.post(
        reverse("profiles:settings"), settings_data(language="de"), follow=True
    )
    assert '<html lang="de"' in response.content.decode()
    assert "Deine Einstellungen wurden gespeichert." in response.content.decode()
    assert "Your settings were saved." not in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("website", "javascript:alert(1)"),
        ("website", "data:text/html,hi"),
        ("display_name", "x" * 51),
        ("bio", "x" * 1001),
        ("timezone", "Mars/Olympus_Mons"),
        ("language", "xx"),
    ],
)
def test_bad_settings_are_refused_and_nothing_is_saved(member_client, member, field, value):
    response = member_client.post(reverse("profiles:settings"), settings_data(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Profile.objects.get(user=member).display_name == ""


def test_avatar_is_reencoded_as_a_square_webp(member_client, member, media_root):
    data = settings_data(avatar=image_upload())
    response = member_client.post(reverse("profiles:settings"), data)
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.avatar.name.endswith(".webp")
    from PIL import Image

    with Image.open(profile.avatar.path) as stored:
        assert stored.format == "WEBP"
        assert stored.size == (256, 256)


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("a.png", b"not an image at all", content_type="image/png"),
        SimpleUploadedFile(
            "x.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            content_type="image/svg+xml",
        ),
        SimpleUploadedFile(
            "x.html", b"<html><script>alert(1)</script></html>", content_type="text/html"
        ),
    ],
    ids=["garbage", "svg-with-script", "html"],
)
def test_non_images_are_refused_and_nothing_is_saved(member_client, member, media_root, upload):
    response = member_client.post(reverse("profiles:settings"), settings_data(avatar=upload))
    assert response.status_code == 200
    assert "avatar" in response.context["form"].errors
    profile = Profile.objects.get(user=member)
    assert not profile.avatar
    assert profile.display_name == ""


def test_oversized_avatar_is_refused(member_client, member, media_root, settings):
    settings.AVATAR_MAX_BYTES = 1000
    response = member_client.post(
        reverse("profiles:settings"), settings_data(avatar=image_upload())
    )
    assert "too large" in str(response.context["form"].errors["avatar"])


def test_avatar_with_too_many_pixels_is_refused(member_client, member, media_root, settings):
    settings.AVATAR_MAX_PIXELS = 100 * 100
    response = member_client.post(
        reverse("profiles:settings"), settings_data(avatar=image_upload())
    )
    assert "too many pixels" in str(response.context["form"].errors["avatar"])


def test_avatar_can_be_removed(member_client, member, media_root):
    member_client.post(reverse("profiles:settings"), settings_data(avatar=image_upload()))
    member_client.post(reverse("profiles:settings"), settings_data(**{"avatar-clear": "on"}))
    assert not Profile.objects.get(user=member).avatar


# --- language and time zone ------------------------------------------------------------


def test_members_language_and_time_zone_are_activated(member_client, member):
    Profile.objects.filter(user=member).update(language="es", timezone="Asia/Tokyo")
    response = member_client.get(reverse("profiles:detail", args=[member.username]))
    assert b'<html lang="es"' in response.content
    assert response.context["TIME_ZONE"] == "Asia/Tokyo"


def test_visitors_get_the_site_time_zone(client, member):
    response = client.get(reverse("profiles:detail", args=[member.username]))
    assert response.context["TIME_ZONE"] == "UTC"


def test_language_switch_sets_a_cookie_for_visitors(client):
    response = client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[django_settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert b'<html lang="es"' in client.get("/").content


def test_language_switch_is_saved_on_the_members_profile(member_client, member):
    member_client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert Profile.objects.get(user=member).language == "es"


def test_every_way_of_choosing_a_language_sets_the_same_cookie(settings, member_client):
    """The visitors' GET switcher, the POST switcher and a member's settings
    save all set the cookie with every LANGUAGE_COOKIE_* setting (non-default
    values here, so a forgotten attribute shows)."""
    settings.LANGUAGE_COOKIE_AGE = 3600
    settings.LANGUAGE_COOKIE_PATH = "/site/"
    settings.LANGUAGE_COOKIE_DOMAIN = "testserver"
    settings.LANGUAGE_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_HTTPONLY = True
    settings.LANGUAGE_COOKIE_SAMESITE = "Strict"
    visitor = Client()
    answers = {
        "visitor GET switch": visitor.get(
            reverse("switch_language"), {"language": "es", "next": "/"}
        ),
        "visitor POST switch": visitor.post(
            reverse("set_language"), {"language": "es", "next": "/"}
        ),
        "member POST switch": member_client.post(
            reverse("set_language"), {"language": "es", "next": "/"}
        ),
        "member settings": member_client.post(
            reverse("profiles:settings"), settings_data(language="es")
        ),
    }
    expected = {
        "max-age": 3600,
        "path": "/site/",
        "domain": "testserver",
        "secure": True,
        "httponly": True,
        "samesite": "Strict",
    }
    for name, response in answers.items():
        assert response.status_code == 302, name
        cookie = response.cookies[django_settings.LANGUAGE_COOKIE_NAME]
        assert cookie.value == "es", name
        assert cookie["expires"], name  # from max-age, to the second: not compared
        assert {key: cookie[key] for key in expected} == expected, name


@pytest.mark.parametrize("junk", ["xx", "../../etc", "<script>", "es" * 300])
def test_junk_language_choices_fall_back_without_errors(client, member_client, member, junk):
    assert client.post(reverse("set_language"), {"language": junk}).status_code in (200, 302)
    member_client.post(reverse("set_language"), {"language": junk})
    assert Profile.objects.get(user=member).language == ""
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = junk
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=junk)
    assert response.status_code == 200
    assert b'<html lang="en"' in response.content


def test_accept_language_is_the_fallback(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    assert b'<html lang="es"' in response.content


def test_get_to_set_language_is_405(client):
    assert client.get(reverse("set_language")).status_code == 405


def test_signup_creates_the_profile(client):
    from apps.accounts.models import User

    response = client.post(
        reverse("account_signup"),
        {
            "username": "newbie",
            "email": "newbie@example.org",
            "password1": "a-long-and-unusual-passphrase",
            "password2": "a-long-and-unusual-passphrase",
        },
    )
    assert response.status_code == 302
    assert Profile.objects.filter(user=User.objects.get(username="newbie")).exists()


def test_users_made_outside_signup_get_a_profile_on_first_visit(client):
    from apps.accounts.models import User

    admin = User.objects.create_superuser("root", "root@example.org", "pw-123-long-enough")
    client.force_login(admin)
    assert client.get("/settings/").status_code == 200
    assert Profile.objects.filter(user=admin).exists()
