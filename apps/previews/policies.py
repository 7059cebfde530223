"""Who may do what with link previews."""

from django.utils.translation import gettext as _

from apps.accounts.types import Actor

Refusal = tuple[str, str]


def refetch_refusal(user: Actor) -> Refusal | None:
    """Who fetches a preview again (the admin's action): active staff."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return "not_staff", _("Only staff can fetch a link preview again.")
    return None
