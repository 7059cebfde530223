"""Who may curate tags. Members make tags by using them on their posts
(apps.posts); naming, renaming and deleting one is staff's."""

from django.utils.translation import gettext as _

from apps.accounts.types import Actor

Refusal = tuple[str, str]


def edit_refusal(actor: Actor) -> Refusal | None:
    """Why `actor` may not create, rename or delete a tag (no query)."""
    if actor.is_authenticated and actor.is_active and actor.is_staff:
        return None
    return "not_staff", _("Only staff can edit tags.")
