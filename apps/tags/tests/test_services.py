import pytest
from django.core.exceptions import ValidationError

from apps.tags.models import Tag
from apps.tags.services import normalize_tag, parse_tags, tags_get_or_create


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
