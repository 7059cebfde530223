"""Fixtures of the site-wide page tests: the community personas."""

from apps.communities.tests.conftest import (  # noqa: F401 - fixtures used by the tests
    community,
    make_community,
    owner,
    private_community,
)
