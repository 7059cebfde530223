"""Bios take the comments' small rich-text allowlist: stored as sanitized
HTML, typed as plain text (paragraphs) or HTML, given back as typed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.profiles.models import Profile
from apps.profiles.services import MAX_BIO_LENGTH, profile_update

pytestmark = pytest.mark.django_db


def _update_bio(member, bio: str) -> Profile:
    return profile_update(actor=member, profile=member.profile, bio=bio)


def test_plain_text_bio_is_stored_as_escaped_paragraphs(member):
    profile = _update_bio(member, "I grow 3 < 4 rows & beans.\r\n\r\nSecond line\nthird")
    assert profile.bio == ("<p>I grow 3 &lt; 4 rows &amp; beans.</p><p>Second line<br>third</p>")


def test_html_bio_keeps_the_comment_allowlist_only(member):
    profile = _update_bio(
        member,
        '<p><strong>Baker</strong> at <a href="https://bread.example">bread</a></p>'
        "<script>alert(1)</script><h2>big</h2><img src=x onerror=alert(1)>",
    )
    assert "<strong>Baker</strong>" in profile.bio
    assert 'href="https://bread.example"' in profile.bio
    assert 'rel="nofollow ugc noopener"' in profile.bio
    assert "<script" not in profile.bio and "alert" not in profile.bio
    assert "<h2>" not in profile.bio and "<img" not in profile.bio


def test_too_long_bio_is_refused_on_its_field_and_nothing_is_saved(member):
    with pytest.raises(ValidationError) as caught:
        _update_bio(member, "x" * (MAX_BIO_LENGTH + 1))
    assert "bio" in caught.value.message_dict
    assert Profile.objects.get(user=member).bio == ""


def test_profile_page_renders_the_bio_as_html(client, member):
    _update_bio(member, '<p>See <a href="https://me.example">my garden</a></p><ul><li>a</li></ul>')
    page = client.get(reverse("profiles:detail", args=[member.username])).content.decode()
    assert '<a href="https://me.example" rel="nofollow ugc noopener">my garden</a>' in page
    assert "<ul><li>a</li></ul>" in page
    assert "&lt;a href" not in page


def test_settings_form_gives_back_the_plain_text_typed(member_client, member):
    _update_bio(member, "First < one & two\n\nSecond")
    form = member_client.get(reverse("profiles:settings")).context["form"]
    assert form.initial["bio"] == "First < one & two\n\nSecond"


def test_settings_form_saves_the_bio_as_html(member_client, member):
    data = {"display_name": "", "bio": "Hello\n\n*there*", "website": "", "language": ""}
    response = member_client.post(reverse("profiles:settings"), {**data, "timezone": ""})
    assert response.status_code == 302
    assert Profile.objects.get(user=member).bio == "<p>Hello</p><p>*there*</p>"


def test_api_gives_the_bio_as_text_and_html(client, member):
    _update_bio(member, "<p>Hi <em>there</em></p>")
    body = client.get(f"/api/v1/profiles/{member.username}/").json()
    assert body["bio"] == "Hi there"
    assert body["bio_html"] == "<p>Hi <em>there</em></p>"
