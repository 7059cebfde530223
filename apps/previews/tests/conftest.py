"""Link previews against a local web server (apps.core.tests.webserver) on
127.0.0.1, allowed the way QUORUM_PREVIEW_ALLOWED_HOSTS allows a host; the
community personas of apps.communities."""

import pytest

from apps.communities.tests.conftest import (  # noqa: F401 - fixtures used by the tests
    community,
    owner,
)
from apps.core.tests.webserver import local_server


@pytest.fixture
def web():
    with local_server() as server:
        yield server


@pytest.fixture
def previews_on(settings):
    """Previews switched on (the test settings turn them off), the local
    server allowed."""
    settings.QUORUM_LINK_PREVIEWS = True
    settings.QUORUM_PREVIEW_ALLOWED_HOSTS = ["127.0.0.1"]
    return settings
