import pytest
from django.urls import reverse

from apps.drafts.models import Draft

from .conftest import login
from .factories import make_draft

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def autosave_url(community) -> str:
    return reverse("drafts:autosave", args=[community.slug])


def form(**fields) -> dict:
    data = {"title": "", "body": "", "link": "", "tags": "", "language": "en", "draft": ""}
    return {**data, **fields}


def test_autosave_creates_a_draft_then_updates_it(writer_client, community):
    response = writer_client.post(autosave_url(community), form(title="Half"), **HTMX)
    assert response.status_code == 200
    draft = Draft.objects.get()
    text = response.content.decode()
    assert "Draft saved at" in text
    assert f'id="draft-id" value="{draft.pk}" hx-swap-oob="true"' in text
    response = writer_client.post(
        autosave_url(community), form(title="Half done", draft=str(draft.pk)), **HTMX
    )
    assert response.status_code == 200
    assert Draft.objects.get().title == "Half done"


def test_autosave_of_an_empty_form_stores_nothing(writer_client, community):
    response = writer_client.post(autosave_url(community), form(), **HTMX)
    assert response.status_code == 204
    assert not Draft.objects.exists()


def test_autosave_over_the_size_limit_says_why_and_saves_nothing(
    writer_client, community, settings
):
    settings.QUORUM_DRAFT_MAX_BYTES = 5
    response = writer_client.post(autosave_url(community), form(body="too long"), **HTMX)
    assert response.status_code == 200
    assert "The draft was not saved" in response.content.decode()
    assert not Draft.objects.exists()


def test_autosave_with_another_members_draft_id_starts_a_new_draft(
    writer_client, other_member, community
):
    theirs = make_draft(other_member, community, title="Theirs")
    writer_client.post(autosave_url(community), form(title="Mine", draft=str(theirs.pk)), **HTMX)
    theirs.refresh_from_db()
    assert theirs.title == "Theirs"
    assert Draft.objects.filter(title="Mine").exclude(pk=theirs.pk).exists()


def test_autosave_needs_a_member_who_may_post(client, banned_member, community):
    login(client, banned_member)
    response = client.post(autosave_url(community), form(title="x"))
    assert response.status_code == 403
    assert not Draft.objects.exists()


def test_the_list_shows_the_members_drafts_only(writer_client, member, other_member, community):
    make_draft(member, community, title="My draft")
    make_draft(other_member, community, title="Their draft")
    response = writer_client.get(reverse("drafts:list"))
    text = response.content.decode()
    assert "My draft" in text and "Their draft" not in text


def test_the_list_costs_the_same_whatever_the_number_of_drafts(
    writer_client, member, community, django_assert_num_queries
):
    make_draft(member, community, title="One")
    writer_client.get(reverse("drafts:list"))
    # The member (from the session) and the drafts with their communities.
    with django_assert_num_queries(2):
        writer_client.get(reverse("drafts:list"))
    for index in range(10):
        make_draft(member, community, title=f"Draft {index}")
    with django_assert_num_queries(2):
        response = writer_client.get(reverse("drafts:list"))
    assert response.content.decode().count("Draft ") >= 10


def test_deleting_a_draft_from_the_list(writer_client, member, community):
    draft = make_draft(member, community)
    response = writer_client.post(reverse("drafts:delete", args=[draft.pk]))
    assert response.status_code == 302
    assert not Draft.objects.exists()


def test_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("drafts:list"))
    assert response.status_code == 302 and "login" in response["Location"]
