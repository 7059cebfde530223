"""Writes for drafts. Keyword-only, atomic, validated.

A draft is saved as typed (nothing sanitized: apps.posts.services does it
on submit) after apps.drafts.policies: the community's contribute rule,
the member's number of drafts (the author's row is locked while counting,
so two first saves at once cannot pass the limit together) and the size
of the body. A refused save stores nothing.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.communities.models import Community
from apps.core.refusals import raise_refusal

from . import policies
from .models import LINK_MAX_LENGTH, TAGS_MAX_LENGTH, TITLE_MAX_LENGTH, Draft

_LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def _clip(value: str | None, limit: int) -> str:
    # The other fields are kept as typed, within their columns: the post's
    # own limits and messages apply on submit.
    return (value or "")[:limit]


@transaction.atomic
def draft_save(
    *,
    author: User,
    community: Community,
    draft: Draft | None = None,
    title: str = "",
    body: str = "",
    link: str = "",
    tags: str = "",
    language: str = "",
) -> Draft:
    """Store what the submit form holds: a new draft, or `draft` (one of
    `author`'s, loaded by apps.drafts.selectors) updated in place. Raises
    PermissionDenied when `author` may not post in `community`, and
    ValidationError (`too_large` on the body, `too_many`) with nothing saved."""
    raise_refusal(policies.draft_refusal(author, community))
    if draft is not None and draft.author_id != author.pk:
        raise ValueError("draft_save: the draft is not the author's")
    body = body or ""
    raise_refusal(
        policies.draft_size_refusal(body), input_codes=policies.INPUT_REFUSALS, field="body"
    )
    fields = {
        "community": community,
        "title": _clip(title, TITLE_MAX_LENGTH),
        "body": body,
        "link": _clip(link, LINK_MAX_LENGTH),
        "tags": _clip(tags, TAGS_MAX_LENGTH),
        "language": language if language in _LANGUAGE_CODES else "",
        "updated": timezone.now(),
    }
    if draft is not None:
        # Saved from the form after it was deleted (another tab): start again.
        updated = Draft.objects.filter(pk=draft.pk, author=author).update(**fields)
        if updated:
            for name, value in fields.items():
                setattr(draft, name, value)
            return draft
    # Lock the author's row: the count and the insert are one decision.
    User.objects.select_for_update().filter(pk=author.pk).first()
    count = Draft.objects.filter(author=author).count()
    raise_refusal(policies.draft_count_refusal(count), input_codes=policies.INPUT_REFUSALS)
    return Draft.objects.create(author=author, **fields)


@transaction.atomic
def draft_delete(*, author: User, draft_id: int | None) -> bool:
    """Delete `author`'s draft `draft_id` (published, or thrown away). False
    when there was none: another member's id deletes nothing."""
    if draft_id is None:
        return False
    deleted, _rows = Draft.objects.filter(pk=draft_id, author=author).delete()
    return bool(deleted)
