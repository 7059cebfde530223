"""Reads of drafts. Only their author ever sees them: every read starts
from the member, so anyone else gets a 404, as for a draft that does not
exist."""

from django.http import Http404

from apps.accounts.types import Actor
from apps.communities.models import Community

from .models import Draft


def drafts_of(user: Actor) -> list[Draft]:
    """`user`'s drafts, last saved first, with their communities: 1 query
    (a member keeps at most QUORUM_MAX_DRAFTS, so the list is short)."""
    if not user.is_authenticated:
        return []
    return list(
        Draft.objects.filter(author=user).select_related("community").order_by("-updated", "-id")
    )


def draft_for_author(
    user: Actor, draft_id: int | None, *, community: Community | None = None
) -> Draft:
    """One of `user`'s drafts (with its community; 1 query), in `community`
    when given; 404 for anyone else's, or one that does not exist."""
    if not user.is_authenticated or draft_id is None or not 0 < draft_id < 2**63:
        raise Http404
    queryset = Draft.objects.select_related("community").filter(author=user)
    if community is not None:
        queryset = queryset.filter(community=community)
    draft = queryset.filter(pk=draft_id).first()
    if draft is None:
        raise Http404
    return draft


def own_draft_or_none(user: Actor, draft_id: int | None, *, community: Community) -> Draft | None:
    """The submit form's draft: `user`'s draft `draft_id` in `community`, or
    None (no id, or one that is gone: the next save starts a new draft)."""
    try:
        return draft_for_author(user, draft_id, community=community)
    except Http404:
        return None
