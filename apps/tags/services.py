"""Tag normalization, creation and curation.

A tag is typed freely ("Machine Learning", "python3 ") and stored as its
normalized slug: lowercase letters (any script), digits and single hyphens,
2 to 40 characters. Two spellings with the same slug are the same tag.

Members make tags by using them (tags_get_or_create, from apps.posts);
staff name, rename and delete them (tag_create, tag_update, tag_delete, the
admin's writes). Nothing here changes `post_count`: only the post services,
which add and remove a post's tags, count.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname, get_translation_fields

from apps.accounts.models import User
from apps.core.events import send_after_commit

from . import events, policies
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
            # Translators: %(tag)s is the tag the member typed.
            _("“%(tag)s” is not a valid tag: use letters, digits and hyphens only.")
            % {"tag": (raw or "").strip()[:50]},
            code="tag_invalid",
        )
    if not TAG_MIN_LENGTH <= len(text) <= TAG_MAX_LENGTH:
        raise ValidationError(
            # Translators: %(tag)s is the tag the member typed; %(min)s and %(max)s are the
            # shortest and longest allowed lengths.
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
            # Translators: %(limit)s is the most tags a post may have, %(count)s the number the
            # member gave.
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


def _check_editor(actor: User) -> None:
    refusal = policies.edit_refusal(actor)
    if refusal is not None:
        raise PermissionDenied(refusal[1])


def name_fields() -> tuple[str, ...]:
    """name_en, name_es, …: a tag's display name, one column per language."""
    return tuple(get_translation_fields("name"))


def _set_names(tag: Tag, names: Mapping[str, str]) -> list[str]:
    """Set the name columns in `names`; return the columns to save (with the
    original `name`, written in English: see _save_in_english)."""
    unknown = set(names) - set(name_fields())
    if unknown:
        raise ValueError(f"not tag name columns: {sorted(unknown)}")
    for field, value in names.items():
        setattr(tag, field, (value or "").strip())
    return [*names, "name"]


def _save_in_english(tag: Tag, **kwargs) -> None:
    # Saving writes the original `name` column from the active language's
    # value: in the default language, it keeps the English name.
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        tag.save(**kwargs)


@transaction.atomic
def tag_create(*, actor: User, slug: str, names: Mapping[str, str] | None = None) -> Tag:
    """Staff make a tag ahead of its use: `slug` is normalized like a typed
    tag; its name in each language (name_en, name_fr…) defaults to the slug."""
    _check_editor(actor)
    try:
        slug = normalize_tag(slug)
    except ValidationError as error:
        raise ValidationError({"slug": error.error_list}) from None
    tag = Tag(slug=slug, name=slug)
    english = build_localized_fieldname("name", settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
    _set_names(tag, {english: slug, **(names or {})})
    tag.full_clean()
    try:
        with transaction.atomic():
            _save_in_english(tag)
    except IntegrityError:
        tag.validate_unique()  # made meanwhile: the "already exists" error
        raise
    return tag


@transaction.atomic
def tag_update(*, actor: User, tag: Tag, names: Mapping[str, str]) -> Tag:
    """Rename a tag in any language (name_en, name_fr…). Its slug (its URL)
    and its post count are never written here."""
    _check_editor(actor)
    if not names:
        return tag
    locked = Tag.objects.select_for_update().get(pk=tag.pk)
    columns = _set_names(locked, names)
    locked.full_clean(validate_unique=False, validate_constraints=False)
    _save_in_english(locked, update_fields=columns)
    for column in columns:
        setattr(tag, column, getattr(locked, column))
    send_after_commit(
        events.tag_updated,
        sender=Tag,
        tag=locked,
        actor=actor,
        fields=sorted(names),
        community_id=None,
    )
    return locked


@transaction.atomic
def tag_delete(*, actor: User, tag: Tag) -> None:
    """Delete a tag: the posts that carried it keep everything else (the
    links go with the tag; no other counter counts tags)."""
    _check_editor(actor)
    tag.delete()
    send_after_commit(events.tag_deleted, sender=Tag, tag=tag, actor=actor, community_id=None)
