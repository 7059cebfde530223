"""Who may keep a draft, and how many and how big. Each rule once, with its
reason: `x_refusal(...)` returns None or (code, translated sentence).

A draft is a post not yet published, so the community's contribute rule
decides where a member may keep one (apps.communities.policies); the
limits come from the settings QUORUM_MAX_DRAFTS and QUORUM_DRAFT_MAX_BYTES.
"""

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

from apps.accounts.types import Actor
from apps.communities import policies as community_policies
from apps.communities.models import Community

from .models import DEFAULT_MAX_BYTES, DEFAULT_MAX_DRAFTS

Refusal = tuple[str, str]

# Refusals about the draft (400, on the form), not about who saves it (403).
INPUT_REFUSALS = frozenset({"too_many", "too_large"})


def max_drafts() -> int:
    return int(getattr(settings, "QUORUM_MAX_DRAFTS", DEFAULT_MAX_DRAFTS))


def max_bytes() -> int:
    return int(getattr(settings, "QUORUM_DRAFT_MAX_BYTES", DEFAULT_MAX_BYTES))


def draft_refusal(user: Actor, community: Community) -> Refusal | None:
    """Why `user` may not keep a draft for `community`: the rule of posting
    there (up to 2 queries)."""
    return community_policies.contribute_refusal(user, community)


def draft_count_refusal(count: int) -> Refusal | None:
    """Why a member with `count` drafts may not start another."""
    limit = max_drafts()
    if count >= limit:
        return (
            "too_many",
            # Translators: %(limit)s is the most drafts a member may keep (a number).
            _("You have %(limit)s drafts, the most there can be: publish or delete one first.")
            % {"limit": intcomma(limit)},
        )
    return None


def draft_size_refusal(body: str) -> Refusal | None:
    """Why `body` is too big to keep, counted in bytes of UTF-8."""
    limit = max_bytes()
    size = len(body.encode("utf-8", "surrogatepass"))
    if size > limit:
        return (
            "too_large",
            # Translators: %(limit)s and %(size)s are sizes in bytes (numbers): the largest draft
            # text allowed, and the size of the member's text.
            _("The text is too long to keep as a draft: at most %(limit)s bytes (it has %(size)s).")
            % {"limit": intcomma(limit), "size": intcomma(size)},
        )
    return None
