"""The one type for "who is acting": a member, or a visitor on read paths,
and the request of a view that only members reach."""

from django.contrib.auth.models import AnonymousUser

from apps.accounts.models import User
from apps.core.types import HtmxHttpRequest

# Services that write take a `User` (the actor is always signed in); policies
# and selectors that also answer visitors take an `Actor`.
Actor = User | AnonymousUser


class MemberRequest(HtmxHttpRequest):
    """The request of a @login_required view: its user is signed in."""

    user: User
