"""The rules of custom feeds, each written once, answering why not:
`x_refusal(...) -> (code, translated sentence) | None` (the shape of
apps.moderation.policies.report_refusal). Services raise them through
apps.core.refusals.raise_refusal: the codes in INPUT_REFUSALS are bad input
(a ValidationError on the field they concern, a 400 in the API), any other
a PermissionDenied (403). None of them queries the database: the services
pass what they counted or looked up.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.accounts.types import Actor

from .models import DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH, CustomFeed

Refusal = tuple[str, str]

INPUT_REFUSALS = frozenset(
    {
        "blank_name",
        "name_too_long",
        "duplicate_name",
        "description_too_long",
        "too_many_feeds",
        "too_many_communities",
        "unreadable_community",
    }
)
# The form field each input refusal concerns.
REFUSAL_FIELDS = {
    "blank_name": "name",
    "name_too_long": "name",
    "duplicate_name": "name",
    "description_too_long": "description",
    "too_many_communities": "communities",
    "unreadable_community": "communities",
}


def feeds_max() -> int:
    return settings.QUORUM_CUSTOM_FEEDS_MAX


def communities_max() -> int:
    return settings.QUORUM_CUSTOM_FEED_COMMUNITIES_MAX


def _active(user: Actor) -> bool:
    return bool(user.is_authenticated and user.is_active)


def create_refusal(user: Actor, *, count: int) -> Refusal | None:
    """Why `user`, who has `count` feeds, may not build one more."""
    if not _active(user):
        return "login", _("Log in to build your own feeds.")
    if count >= feeds_max():
        limit = feeds_max()
        return (
            "too_many_feeds",
            ngettext(
                # Translators: %(limit)s is the most custom feeds a member may have.
                "You have %(limit)s feed, the most there can be: delete one first.",
                "You have %(limit)s feeds, the most there can be: delete one first.",
                limit,
            )
            % {"limit": limit},
        )
    return None


def manage_refusal(user: Actor, feed: CustomFeed) -> Refusal | None:
    """Only its owner changes, shares or deletes a feed."""
    if not _active(user) or feed.owner_id != user.pk:
        return "not_owner", _("Only the member who built this feed can change it.")
    return None


def can_manage(user: Actor, feed: CustomFeed) -> bool:
    return manage_refusal(user, feed) is None


def name_refusal(name: str, *, taken: bool) -> Refusal | None:
    """A feed's name: given, not too long, not one the owner already uses
    (`taken`, in any case)."""
    if not name:
        return "blank_name", _("Give your feed a name.")
    if len(name) > NAME_MAX_LENGTH:
        return (
            "name_too_long",
            # Translators: %(limit)d is the longest allowed name of a custom feed, in characters.
            _("A feed's name is at most %(limit)d characters long.") % {"limit": NAME_MAX_LENGTH},
        )
    if taken:
        return (
            "duplicate_name",
            # Translators: %(name)s is the name the member typed for a custom feed.
            _("You already have a feed named “%(name)s”.") % {"name": name},
        )
    return None


def description_refusal(description: str) -> Refusal | None:
    if len(description) > DESCRIPTION_MAX_LENGTH:
        return (
            "description_too_long",
            # Translators: %(limit)d is the longest allowed description of a custom feed.
            _("A feed's description is at most %(limit)d characters long.")
            % {"limit": DESCRIPTION_MAX_LENGTH},
        )
    return None


def communities_refusal(*, unreadable: list[str], count: int) -> Refusal | None:
    """The communities of a feed: each new one a community the owner may
    read (`unreadable` lists the addresses that are not, or do not exist:
    one sentence for both, so a private community's existence is not told),
    and `count` of them at most communities_max()."""
    if unreadable:
        return (
            "unreadable_community",
            ngettext(
                # Translators: %(addresses)s lists community addresses (c/name), comma-separated.
                "You can only add communities you can read: there is no community %(addresses)s "
                "that you can see.",
                "You can only add communities you can read: there are no communities "
                "%(addresses)s that you can see.",
                len(unreadable),
            )
            % {"addresses": ", ".join(f"c/{slug}" for slug in unreadable)},
        )
    if count > communities_max():
        limit = communities_max()
        return (
            "too_many_communities",
            ngettext(
                # Translators: %(limit)s is the most communities one custom feed may hold,
                # %(count)s how many the member chose.
                "A feed holds at most %(limit)s community (you chose %(count)s).",
                "A feed holds at most %(limit)s communities (you chose %(count)s).",
                limit,
            )
            % {"limit": limit, "count": count},
        )
    return None
