"""Writes of custom feeds: keyword-only, atomic, every rule from policies.

Communities are named by their address (slug), as the forms and the API
send them. A community is added only if the owner may read it (unknown and
unreadable addresses get one sentence, so a private community's existence
is not told); one already in the feed stays even if the owner can no longer
read it (its posts simply stop showing, as for any viewer). Nothing is saved
when any input is refused: each service runs in one transaction and checks
everything before writing. The owner's row is locked while counting their
feeds, so two requests cannot pass the limit together.
"""

import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.communities.models import Community
from apps.core.refusals import raise_refusal

from . import policies
from .models import SLUG_MAX_LENGTH, CustomFeed, CustomFeedCommunity, FeedVisibility

# Addresses under /f/ that are not feeds.
RESERVED_SLUGS = frozenset({"s", "add", "new"})
DEFAULT_SLUG = "feed"


def new_share_token() -> str:
    return secrets.token_urlsafe(24)


def _raise(refusal: policies.Refusal | None) -> None:
    field = policies.REFUSAL_FIELDS.get(refusal[0]) if refusal else None
    raise_refusal(refusal, input_codes=policies.INPUT_REFUSALS, field=field)


def _clean_slugs(communities: Iterable[str]) -> list[str]:
    """Addresses as typed ("C/Gardening", " python ") → distinct, lowercase, in order."""
    seen: dict[str, None] = {}
    for raw in communities:
        slug = str(raw).strip().lower().removeprefix("c/").strip("/")
        if slug:
            seen.setdefault(slug, None)
    return list(seen)


def _resolve_communities(
    owner: User, slugs: list[str], *, current: Iterable[Community] = ()
) -> tuple[list[Community], policies.Refusal | None]:
    """The communities at `slugs` that `owner` may read, or that the feed
    already holds (1 query), and the refusal when any is neither, or when
    there are too many."""
    held = {community.slug: community for community in current}
    wanted = [slug for slug in slugs if slug not in held]
    readable = {
        community.slug: community
        for community in Community.objects.visible_to(owner).filter(slug__in=wanted)
    }
    unreadable = [slug for slug in wanted if slug not in readable]
    refusal = policies.communities_refusal(unreadable=unreadable, count=len(slugs))
    if refusal is not None:
        return [], refusal
    return [held.get(slug) or readable[slug] for slug in slugs], None


def _name_taken(owner: User, name: str, *, exclude: CustomFeed | None = None) -> bool:
    feeds = CustomFeed.objects.annotate(lowered=Lower("name")).filter(
        owner=owner, lowered=name.lower()
    )
    if exclude is not None:
        feeds = feeds.exclude(pk=exclude.pk)
    return feeds.exists()


def _check_fields(
    owner: User,
    *,
    name: str,
    description: str,
    feed: CustomFeed | None,
    communities: policies.Refusal | None,
) -> None:
    """Every refusal about the name, the description and the communities at
    once, each on its field."""
    errors: dict[str, ValidationError] = {}
    if communities is not None:
        errors["communities"] = ValidationError(communities[1], code=communities[0])
    refusal = policies.name_refusal(
        name, taken=bool(name) and _name_taken(owner, name, exclude=feed)
    )
    if refusal is not None:
        errors["name"] = ValidationError(refusal[1], code=refusal[0])
    refusal = policies.description_refusal(description)
    if refusal is not None:
        errors["description"] = ValidationError(refusal[1], code=refusal[0])
    if errors:
        raise ValidationError(errors)


def _free_slug(owner: User, name: str) -> str:
    """An address for a new feed of `owner`: the name's, ASCII, with -2, -3…
    when taken (1 query)."""
    base = slugify(name)[: SLUG_MAX_LENGTH - 4].strip("-") or DEFAULT_SLUG
    taken = (
        set(
            CustomFeed.objects.filter(owner=owner, slug__startswith=base).values_list(
                "slug", flat=True
            )
        )
        | RESERVED_SLUGS
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _check_visibility(visibility: str) -> None:
    if visibility not in FeedVisibility.values:
        raise ValidationError(
            {
                "visibility": ValidationError(
                    _("A feed is either private or shared."), code="invalid_choice"
                )
            }
        )


def _set_communities(feed: CustomFeed, communities: list[Community]) -> None:
    """Make the feed hold exactly `communities` (2 queries at most)."""
    keep = {community.pk for community in communities}
    CustomFeedCommunity.objects.filter(feed=feed).exclude(community_id__in=keep).delete()
    CustomFeedCommunity.objects.bulk_create(
        [CustomFeedCommunity(feed=feed, community=community) for community in communities],
        ignore_conflicts=True,
    )


def _duplicate_name(name: str) -> ValidationError:
    refusal = policies.name_refusal(name, taken=True)
    assert refusal is not None
    return ValidationError({"name": ValidationError(refusal[1], code=refusal[0])})


@transaction.atomic
def custom_feed_create(
    *,
    owner: User,
    name: str,
    description: str = "",
    visibility: str = FeedVisibility.PRIVATE,
    communities: Iterable[str] = (),
) -> CustomFeed:
    """A new feed of `owner` gathering `communities` (addresses). Refused
    (ValidationError on the field) for a blank, too long or already used
    name, a too long description, an address the owner cannot read, too
    many communities, or past QUORUM_CUSTOM_FEEDS_MAX feeds."""
    name = (name or "").strip()
    description = (description or "").strip()
    _check_visibility(visibility)
    User.objects.select_for_update().filter(pk=owner.pk).first()
    _raise(policies.create_refusal(owner, count=CustomFeed.objects.filter(owner=owner).count()))
    chosen, refusal = _resolve_communities(owner, _clean_slugs(communities))
    _check_fields(owner, name=name, description=description, feed=None, communities=refusal)
    try:
        with transaction.atomic():
            feed = CustomFeed.objects.create(
                owner=owner,
                name=name,
                slug=_free_slug(owner, name),
                description=description,
                visibility=visibility,
                share_token=new_share_token(),
            )
    except IntegrityError:
        # The database folds some letters Python does not: the constraint
        # found the twin name the lookup above missed.
        raise _duplicate_name(name) from None
    _set_communities(feed, chosen)
    return feed


@transaction.atomic
def custom_feed_update(
    *,
    actor: User,
    feed: CustomFeed,
    name: str,
    description: str,
    visibility: str,
    communities: Iterable[str],
) -> CustomFeed:
    """Rename, describe, share or unshare the feed and set its communities
    (the whole list: those left out leave the feed). The address stays;
    unsharing renews the share token, so the old link never opens again."""
    _raise(policies.manage_refusal(actor, feed))
    name = (name or "").strip()
    description = (description or "").strip()
    _check_visibility(visibility)
    current = list(feed.communities.all())
    chosen, refusal = _resolve_communities(actor, _clean_slugs(communities), current=current)
    _check_fields(actor, name=name, description=description, feed=feed, communities=refusal)
    if feed.is_shared and visibility == FeedVisibility.PRIVATE:
        # Unsharing closes the link for good: sharing again gives a new one.
        feed.share_token = new_share_token()
    feed.name, feed.description, feed.visibility = name, description, visibility
    try:
        with transaction.atomic():
            feed.save(update_fields=["name", "description", "visibility", "share_token"])
    except IntegrityError:
        raise _duplicate_name(name) from None
    _set_communities(feed, chosen)
    return feed


@transaction.atomic
def custom_feed_community_add(*, actor: User, feed: CustomFeed, community: Community) -> bool:
    """Add one community (the "Add to a feed" page); False when the feed
    already holds it. Refused like the lists: unreadable, or one too many."""
    _raise(policies.manage_refusal(actor, feed))
    CustomFeed.objects.select_for_update().filter(pk=feed.pk).first()
    if CustomFeedCommunity.objects.filter(feed=feed, community=community).exists():
        return False
    count = CustomFeedCommunity.objects.filter(feed=feed).count() + 1
    readable = Community.objects.visible_to(actor).filter(pk=community.pk).exists()
    _raise(
        policies.communities_refusal(unreadable=[] if readable else [community.slug], count=count)
    )
    CustomFeedCommunity.objects.create(feed=feed, community=community)
    return True


@transaction.atomic
def custom_feed_community_remove(*, actor: User, feed: CustomFeed, community: Community) -> bool:
    """Take one community out of the feed; False when it was not in it."""
    _raise(policies.manage_refusal(actor, feed))
    deleted, _rows = CustomFeedCommunity.objects.filter(feed=feed, community=community).delete()
    return bool(deleted)


@transaction.atomic
def custom_feed_share_reset(*, actor: User, feed: CustomFeed) -> CustomFeed:
    """A new share token: the old link stops working at once."""
    _raise(policies.manage_refusal(actor, feed))
    feed.share_token = new_share_token()
    feed.save(update_fields=["share_token"])
    return feed


@transaction.atomic
def custom_feed_delete(*, actor: User, feed: CustomFeed) -> None:
    """Delete the feed and its list of communities (the communities stay)."""
    _raise(policies.manage_refusal(actor, feed))
    feed.delete()
