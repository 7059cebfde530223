"""Who may do what with profiles and follows. One named rule each."""

from django.contrib.auth.models import AnonymousUser

from apps.accounts.models import User


def can_follow(actor: User | AnonymousUser, target: User) -> bool:
    return bool(actor.is_authenticated and actor.is_active and actor.pk != target.pk)


def can_edit_profile(actor: User | AnonymousUser, owner: User) -> bool:
    return bool(actor.is_authenticated and actor.pk == owner.pk)
