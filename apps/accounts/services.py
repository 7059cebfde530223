"""Writes on accounts that staff make in the admin: creating a member who
can log in at once (a translator, a moderator) and choosing a group's
members. The admin calls these; nothing else writes these rows."""

from __future__ import annotations

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from .models import User


@transaction.atomic
def account_create_by_staff(
    *, user: User, email_verified: bool, groups: Iterable[Group] = ()
) -> User:
    """Save `user` (unsaved, its username, email and password hash set by
    the admin's form) with the email address allauth reads at login:
    verified when staff vouch for it (the person can log in at once,
    ACCOUNT_EMAIL_VERIFICATION is mandatory), else unverified (they confirm
    it from the mail allauth sends at their first login); and its groups."""
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=email_verified, primary=True)
    user.groups.set(groups)
    return user


@transaction.atomic
def group_members_set(*, group: Group, members: Iterable[User]) -> None:
    """Make `members` exactly the group's members (the group page's list)."""
    group.user_set.set(members)
