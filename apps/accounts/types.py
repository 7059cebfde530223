"""The one type for "who is acting": a member, or a visitor on read paths."""

from django.contrib.auth.models import AnonymousUser

from apps.accounts.models import User

# Services that write take a `User` (the actor is always signed in); policies
# and selectors that also answer visitors take an `Actor`.
Actor = User | AnonymousUser
