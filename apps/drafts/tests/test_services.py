import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.drafts.models import Draft
from apps.drafts.services import draft_delete, draft_save

from .factories import make_draft

pytestmark = pytest.mark.django_db


def test_a_draft_keeps_the_body_as_typed(member, community):
    draft = make_draft(member, community, body="<p>Hi <script>x</script></p>", tags="a, b")
    draft.refresh_from_db()
    assert draft.body == "<p>Hi <script>x</script></p>"
    assert draft.tags == "a, b"
    assert draft.author == member


def test_saving_again_updates_the_same_draft(member, community):
    draft = make_draft(member, community, body="first")
    again = draft_save(author=member, community=community, draft=draft, body="second")
    assert again.pk == draft.pk
    assert Draft.objects.get().body == "second"


def test_an_unknown_language_is_kept_blank(member, community):
    draft = make_draft(member, community, language="xx")
    assert draft.language == ""


def test_a_member_keeps_at_most_the_limit_of_drafts(member, community, settings):
    settings.QUORUM_MAX_DRAFTS = 2
    make_draft(member, community)
    kept = make_draft(member, community)
    with pytest.raises(ValidationError) as caught:
        make_draft(member, community)
    assert caught.value.code == "too_many"
    assert Draft.objects.count() == 2
    # Updating one of them is still allowed.
    draft_save(author=member, community=community, draft=kept, title="Changed")


def test_a_body_over_the_byte_limit_saves_nothing(member, community, settings):
    settings.QUORUM_DRAFT_MAX_BYTES = 10
    with pytest.raises(ValidationError) as caught:
        make_draft(member, community, body="ééééééé")  # 7 characters, 14 bytes
    assert "body" in caught.value.error_dict
    assert "14" in caught.value.messages[0]
    assert not Draft.objects.exists()


def test_a_too_large_update_leaves_the_draft_as_it_was(member, community, settings):
    draft = make_draft(member, community, body="short")
    settings.QUORUM_DRAFT_MAX_BYTES = 10
    with pytest.raises(ValidationError):
        draft_save(author=member, community=community, draft=draft, body="x" * 11)
    assert Draft.objects.get().body == "short"


def test_banned_member_cannot_keep_a_draft_there(banned_member, community):
    with pytest.raises(PermissionDenied):
        make_draft(banned_member, community)
    assert not Draft.objects.exists()


def test_outsider_of_a_private_community_cannot_keep_a_draft_there(member, private_community):
    with pytest.raises(PermissionDenied):
        make_draft(member, private_community)


def test_delete_removes_only_the_authors_draft(member, other_member, community):
    draft = make_draft(member, community)
    assert draft_delete(author=other_member, draft_id=draft.pk) is False
    assert draft_delete(author=member, draft_id=draft.pk) is True
    assert not Draft.objects.exists()
