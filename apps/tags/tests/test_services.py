import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.cache import feed_version
from apps.tags.models import Tag
from apps.tags.services import (
    normalize_tag,
    parse_tags,
    tag_create,
    tag_delete,
    tag_update,
    tags_get_or_create,
)


@pytest.mark.parametrize(
    ("raw", "slug"),
    [
        ("Python", "python"),
        ("  Machine Learning ", "machine-learning"),
        ("web__dev", "web-dev"),
        ("#rust", "rust"),
        ("a--b", "a-b"),
        ("Café", "café"),
        ("ＡＢＣ", "abc"),  # full-width letters fold (NFKC)
        ("python3", "python3"),
    ],
)
def test_normalize(raw, slug):
    assert normalize_tag(raw) == slug


@pytest.mark.parametrize(
    "raw", ["c++", "<script>", "a", "x" * 41, "tag!", "dot.net", "a/b", "", "---", "emoji🙂"]
)
def test_invalid_tags_are_refused(raw):
    with pytest.raises(ValidationError):
        normalize_tag(raw)


def test_parse_dedupes_keeps_order_and_limits():
    assert parse_tags("Python, web, python , ,WEB", limit=5) == ["python", "web"]
    with pytest.raises(ValidationError) as error:
        parse_tags("a1,b2,c3,d4,e5,f6", limit=5)
    assert error.value.error_list[0].code == "too_many_tags"


def test_parse_reports_every_bad_tag():
    with pytest.raises(ValidationError) as error:
        parse_tags("ok, c++, <b>", limit=5)
    assert len(error.value.error_list) == 2


@pytest.mark.django_db
def test_get_or_create_reuses_existing_tags():
    Tag.objects.create(slug="python", name="Python")
    tags = tags_get_or_create(["web", "python"])
    assert [t.slug for t in tags] == ["web", "python"]
    assert Tag.objects.count() == 2
    assert tags[1].name == "Python"


# --- curation by staff -----------------------------------------------------------------


@pytest.fixture
def tag(db):
    return Tag.objects.create(slug="python", name="Python", post_count=3)


def test_tag_create_normalizes_and_refuses_doubles(staff_member, tag):
    made = tag_create(
        actor=staff_member, slug="Machine_Learning", names={"name_fr": "Apprentissage"}
    )
    assert (made.slug, made.name, made.name_fr, made.post_count) == (
        "machine-learning",
        "machine-learning",
        "Apprentissage",
        0,
    )
    with pytest.raises(ValidationError) as error:
        tag_create(actor=staff_member, slug="PYTHON")
    assert "slug" in error.value.message_dict
    with pytest.raises(ValidationError):
        tag_create(actor=staff_member, slug="c++")


def test_tag_update_renames_without_touching_the_count(
    staff_member, tag, django_capture_on_commit_callbacks
):
    stale = Tag.objects.get(pk=tag.pk)
    Tag.objects.filter(pk=tag.pk).update(post_count=5)  # a post was tagged meanwhile
    before = feed_version()
    with django_capture_on_commit_callbacks(execute=True):
        tag_update(actor=staff_member, tag=stale, names={"name_en": "Python 3", "name_es": "Pitón"})
    tag.refresh_from_db()
    assert (tag.name, tag.name_es, tag.post_count, tag.slug) == ("Python 3", "Pitón", 5, "python")
    assert feed_version() != before


def test_tag_delete_refreshes_feeds(staff_member, tag, django_capture_on_commit_callbacks):
    before = feed_version()
    with django_capture_on_commit_callbacks(execute=True):
        tag_delete(actor=staff_member, tag=tag)
    assert not Tag.objects.exists()
    assert feed_version() != before


def test_only_staff_curate_tags(member, tag):
    with pytest.raises(PermissionDenied):
        tag_update(actor=member, tag=tag, names={"name_en": "Snake"})
    with pytest.raises(PermissionDenied):
        tag_delete(actor=member, tag=tag)
    with pytest.raises(PermissionDenied):
        tag_create(actor=member, slug="snakes")
    assert Tag.objects.get().name == "Python"
