"""Fixtures of the demo data's tests: the personas and factories of the
apps whose data the demo seeds."""

from apps.communities.tests.conftest import (  # noqa: F401 - fixtures used by the tests
    add_member,
    make_community,
    owner,
)
from apps.moderation.tests.conftest import make_staff_moderator  # noqa: F401
