"""Comments know their language (issue 16): the default and the member's
choice in the forms and the API, the refusal of an unknown code, `lang`/`dir`
on the text, and the backfill of older rows."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from apps.comments import services
from apps.comments.models import Comment
from apps.profiles.models import Profile

from .conftest import client_for, reply

pytestmark = pytest.mark.django_db


def test_a_new_comment_is_in_its_authors_language(post, member):
    Profile.objects.filter(user=member).update(language="he")
    member.profile.refresh_from_db()
    with translation.override("es"):
        comment = services.comment_create(author=member, post=post, body="שלום")
    assert comment.language == "he"


def test_without_a_profile_language_a_comment_takes_the_request_language(post, member):
    with translation.override("fr"):
        assert services.comment_create(author=member, post=post, body="Salut").language == "fr"


def test_a_reply_can_be_in_another_language(comment, other_member):
    answer = services.comment_create(
        author=other_member, post=comment.post, body="Cześć", parent=comment, language="pl"
    )
    assert Comment.objects.get(pk=answer.pk).language == "pl"


def test_an_unknown_language_is_refused_with_nothing_saved(post, member):
    with pytest.raises(ValidationError) as raised:
        services.comment_create(author=member, post=post, body="Hi", language="xx")
    assert raised.value.error_dict["language"][0].code == "unknown_language"
    assert not Comment.objects.exists()


def test_an_edit_keeps_or_changes_the_language(comment, member):
    services.comment_update(actor=member, comment=comment, body="First! (edited)")
    comment.refresh_from_db()
    assert comment.language == "en"
    services.comment_update(actor=member, comment=comment, body="First! (edited)", language="de")
    comment.refresh_from_db()
    assert comment.language == "de"


def test_correcting_the_language_alone_is_not_an_edit(comment, member):
    services.comment_update(actor=member, comment=comment, body="First!", language="ar")
    comment.refresh_from_db()
    assert (comment.language, comment.edited_at) == ("ar", None)


def test_an_edit_refuses_an_unknown_language(comment, member):
    with pytest.raises(ValidationError):
        services.comment_update(actor=member, comment=comment, body="Changed", language="zz")
    comment.refresh_from_db()
    assert (comment.body_text, comment.language) == ("First!", "en")


# --- pages ---------------------------------------------------------------------------


def test_the_comment_form_offers_the_languages(client, post, member):
    Profile.objects.filter(user=member).update(language="pl")
    client_for(client, member)
    content = client.get(post.get_absolute_url()).content.decode()
    assert 'name="language"' in content
    assert '<option value="pl" selected>' in content


def test_commenting_with_a_language_stores_it(client, post, member):
    client_for(client, member)
    url = reverse("comments:create", args=[post.community.slug, post.pk])
    response = client.post(url, {"body": "مرحبا", "language": "ar"})
    assert response.status_code == 302
    assert Comment.objects.get().language == "ar"


def test_commenting_with_an_unknown_language_shows_the_reason(client, post, member):
    client_for(client, member)
    url = reverse("comments:create", args=[post.community.slug, post.pk])
    response = client.post(url, {"body": "Hi", "language": "xx"})
    assert response.status_code == 200
    assert "“xx” is not a language of this site" in response.content.decode()
    assert not Comment.objects.exists()


def test_editing_changes_the_language(client, comment, member):
    client_for(client, member)
    url = reverse("comments:edit", args=[comment.post.community.slug, comment.post.pk, comment.pk])
    assert '<option value="en" selected>' in client.get(url).content.decode()
    response = client.post(url, {"body": "First!", "language": "es"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.language == "es"


def test_the_thread_marks_each_comment_with_its_language(client, comment, other_member):
    reply(comment, other_member, "שלום")
    Comment.objects.filter(body_text="שלום").update(language="he")
    content = client.get(comment.post.get_absolute_url()).content.decode()
    assert '<div class="comment-body" lang="en">' in content
    assert '<div class="comment-body" lang="he" dir="rtl">' in content


def test_a_folded_comment_marks_only_its_text(client, comment, other_member, member):
    from apps.profiles.services import block_create

    Comment.objects.filter(pk=comment.pk).update(language="ar")
    block_create(blocker=other_member, blocked=member)
    client_for(client, other_member)
    content = client.get(comment.post.get_absolute_url()).content.decode()
    assert '<div class="comment-body">' in content
    assert '</summary><div lang="ar" dir="rtl"><p>First!</p></div>' in content


def test_a_member_comments_page_marks_the_language(client, comment, member):
    Comment.objects.filter(pk=comment.pk).update(language="fr")
    content = client.get(reverse("comments:by_member", args=[member.username])).content.decode()
    assert '<div class="comment-body" lang="fr">' in content


# --- the API --------------------------------------------------------------------------


@pytest.fixture
def api(member):
    client = APIClient()
    client.force_authenticate(member)
    return client


def test_the_api_shows_and_writes_the_language(api, post):
    response = api.post(
        f"/api/v1/posts/{post.pk}/comments/", {"body": "Hej", "language": "pl"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["language"] == "pl"
    comment_id = response.json()["id"]
    url = f"/api/v1/posts/{post.pk}/comments/{comment_id}/"
    response = api.patch(url, {"language": "de"}, format="json")
    assert response.status_code == 200
    assert response.json()["language"] == "de"
    assert api.get(url).json()["language"] == "de"


def test_the_api_refuses_an_unknown_language(api, post):
    response = api.post(
        f"/api/v1/posts/{post.pk}/comments/", {"body": "Hi", "language": "xx"}, format="json"
    )
    assert response.status_code == 400
    assert "language" in response.json()["error"]["details"]
    assert not Comment.objects.exists()


# --- the data migration ---------------------------------------------------------------


def test_older_comments_get_their_authors_language_or_english(post, member, other_member):
    Profile.objects.filter(user=member).update(language="ar")
    first = services.comment_create(author=member, post=post, body="One", language="en")
    second = services.comment_create(author=other_member, post=post, body="Two", language="en")
    Comment.objects.update(language="")
    backfill = importlib.import_module("apps.comments.migrations.0004_comment_language_backfill")
    backfill.backfill(django_apps, None)
    assert dict(Comment.objects.values_list("pk", "language")) == {
        first.pk: "ar",
        second.pk: "en",
    }
