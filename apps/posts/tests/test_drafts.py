"""The submit page and drafts (apps.drafts): the "Save draft" button without
JavaScript, resuming a draft, and publishing deleting it in the same
transaction. The autosave and /drafts/ are tested in apps/drafts/tests."""

import pytest
from django.urls import reverse

from apps.drafts.models import Draft
from apps.drafts.tests.factories import make_draft
from apps.posts.models import Post

pytestmark = pytest.mark.django_db


def submit_url(community) -> str:
    return reverse("posts:submit", args=[community.slug])


def form(**fields) -> dict:
    data = {"title": "", "body": "", "link": "", "tags": "", "language": "en", "draft": ""}
    return {**data, **fields}


def test_save_draft_button_works_without_javascript(member_client, community):
    response = member_client.post(
        submit_url(community), form(title="", body="Only a body", save_draft="1")
    )
    draft = Draft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == draft.get_resume_url()
    assert draft.body == "Only a body"
    assert not Post.objects.exists()


def test_save_draft_button_over_the_limit_shows_the_form_again(member_client, community, settings):
    settings.QUORUM_DRAFT_MAX_BYTES = 5
    response = member_client.post(
        submit_url(community), form(title="T", body="too long", save_draft="1")
    )
    assert response.status_code == 200
    assert "too long to keep as a draft" in response.content.decode()
    assert not Draft.objects.exists()


def test_resuming_prefills_the_submit_form(member_client, member, community):
    draft = make_draft(member, community, title="Resumed title", body="Resumed body")
    response = member_client.get(draft.get_resume_url())
    text = response.content.decode()
    assert response.status_code == 200
    assert 'value="Resumed title"' in text
    assert "Resumed body" in text
    assert f'id="draft-id" value="{draft.pk}"' in text
    assert 'aria-live="polite"' in text


def test_another_members_draft_is_a_404(member_client, other_member, community):
    theirs = make_draft(other_member, community)
    assert member_client.get(theirs.get_resume_url()).status_code == 404
    delete_url = reverse("drafts:delete", args=[theirs.pk])
    assert member_client.post(delete_url).status_code == 404
    assert Draft.objects.filter(pk=theirs.pk).exists()


def test_publishing_deletes_the_draft(member_client, member, other_member, community):
    draft = make_draft(member, community, title="Ready")
    theirs = make_draft(other_member, community, title="Theirs")
    response = member_client.post(
        submit_url(community), form(title="Ready", body="Done.", draft=str(draft.pk))
    )
    assert response.status_code == 302
    assert Post.objects.filter(title="Ready").exists()
    assert list(Draft.objects.all()) == [theirs]


def test_a_refused_post_keeps_its_draft(member_client, member, community):
    draft = make_draft(member, community, title="")
    response = member_client.post(submit_url(community), form(title="", draft=str(draft.pk)))
    assert response.status_code == 200
    assert Draft.objects.filter(pk=draft.pk).exists()
