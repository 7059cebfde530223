"""Tag normalization and creation.

A tag is typed freely ("Machine Learning", "python3 ") and stored as its
normalized slug: lowercase letters (any script), digits and single hyphens,
2 to 40 characters. Two spellings with the same slug are the same tag.
"""

import re
import unicodedata
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import TAG_MAX_LENGTH, TAG_MIN_LENGTH, Tag

_SEPARATORS = re.compile(r"[\s_]+")
_HYPHENS = re.compile(r"-{2,}")
# Letters and digits of any script, in hyphen-separated words.
_TAG_SHAPE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def normalize_tag(raw: str) -> str:
    """The slug of one typed tag, or ValidationError saying what is wrong.

    Spaces and underscores become hyphens and case folds to lowercase; any
    other character (punctuation, symbols, markup) is refused rather than
    silently dropped, so "c++" never quietly becomes the tag "c".
    """
    text = unicodedata.normalize("NFKC", raw or "").strip().lower()
    text = text.lstrip("#")
    text = _HYPHENS.sub("-", _SEPARATORS.sub("-", text)).strip("-")
    if not _TAG_SHAPE.fullmatch(text):
        raise ValidationError(
            _("“%(tag)s” is not a valid tag: use letters, digits and hyphens only.")
            % {"tag": (raw or "").strip()[:50]},
            code="tag_invalid",
        )
    if not TAG_MIN_LENGTH <= len(text) <= TAG_MAX_LENGTH:
        raise ValidationError(
            _("“%(tag)s” is not a valid tag: use %(min)s to %(max)s characters.")
            % {"tag": text[:50], "min": TAG_MIN_LENGTH, "max": TAG_MAX_LENGTH},
            code="tag_length",
        )
    return text


def parse_tags(raw: str | Iterable[str], *, limit: int) -> list[str]:
    """Normalized, de-duplicated slugs from a comma-separated field (or a
    list), in the order typed. Raises ValidationError listing every bad tag,
    or when there are more than `limit` distinct tags."""
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    slugs: list[str] = []
    errors: list[ValidationError] = []
    for item in items:
        if not (item or "").strip():
            continue
        try:
            slug = normalize_tag(item)
        except ValidationError as error:
            errors.append(error)
            continue
        if slug not in slugs:
            slugs.append(slug)
    if errors:
        raise ValidationError(errors)
    if len(slugs) > limit:
        raise ValidationError(
            _("Use at most %(limit)s tags (you gave %(count)s).")
            % {"limit": limit, "count": len(slugs)},
            code="too_many_tags",
        )
    return slugs


def tags_get_or_create(slugs: list[str]) -> list[Tag]:
    """The Tag rows for normalized `slugs`, creating the missing ones, in the
    order given (2 queries, plus one insert per new tag). Safe under
    concurrency: a tag created meanwhile by someone else is picked up."""
    if not slugs:
        return []
    existing = {tag.slug: tag for tag in Tag.objects.filter(slug__in=slugs)}
    for slug in slugs:
        if slug in existing:
            continue
        tag = Tag(slug=slug, name=slug)
        tag.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                tag.save()
        except IntegrityError:
            tag = Tag.objects.get(slug=slug)
        existing[slug] = tag
    return [existing[slug] for slug in slugs]
