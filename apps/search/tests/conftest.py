"""Search fixtures: the community personas (owner, member, outsider, a
private community) shared with the other apps' tests."""

import pytest
from django.db import connection

from apps.communities.tests.conftest import (  # noqa: F401 - fixtures used by the tests
    add_member,
    community,
    make_community,
    outsider,
    owner,
    private_community,
)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: full-text search (tsvector, ts_rank, ts_headline) and pg_trgm",
)
