"""Each member's choice, per kind, of being told on the site and/or by email.

Defaults (no row): every kind on the site; by email only private messages,
which are addressed to you and may wait for an answer. Rows exist only for
members who changed a setting or were emailed (the row also holds the
email rhythm, see apps.notifications.digests), so every read here is one
query whatever the number of kinds.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from apps.accounts.models import User

from .models import Kind, NotificationPreference

EMAIL_BY_DEFAULT = frozenset({Kind.MESSAGE})


@dataclass(frozen=True)
class Choice:
    site: bool
    email: bool


def default_choice(kind: str) -> Choice:
    return Choice(site=True, email=kind in EMAIL_BY_DEFAULT)


def preferences_of(user: User) -> dict[str, Choice]:
    """Every kind's choice for `user`, in Kind's order (1 query)."""
    stored = {
        pref.kind: Choice(site=pref.site, email=pref.email)
        for pref in NotificationPreference.objects.filter(user=user)
    }
    return {kind: stored.get(kind, default_choice(kind)) for kind in Kind.values}


def preference_for(user_id: int, kind: str) -> Choice:
    """One kind's choice (1 query)."""
    row = (
        NotificationPreference.objects.filter(user_id=user_id, kind=kind)
        .values_list("site", "email")
        .first()
    )
    return Choice(*row) if row else default_choice(kind)


@transaction.atomic
def preferences_save(*, user: User, choices: Mapping[str, Choice]) -> None:
    """Store `user`'s choices (unknown kinds ignored). One upsert, whatever
    the number of kinds; the email rhythm of existing rows is kept."""
    rows = [
        NotificationPreference(user=user, kind=kind, site=choice.site, email=choice.email)
        for kind, choice in choices.items()
        if kind in Kind.values
    ]
    NotificationPreference.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["user", "kind"],
        update_fields=["site", "email"],
    )


@transaction.atomic
def preference_unsubscribe(*, user: User, kind: str) -> None:
    """Stop emails of `kind` to `user` (the unsubscribe link); the site
    setting stays as it was. Events waiting for a digest are dropped by the
    digest task, which checks the setting when it runs."""
    NotificationPreference.objects.update_or_create(
        user=user,
        kind=kind,
        defaults={"email": False},
        create_defaults={"email": False, "site": default_choice(kind).site},
    )
