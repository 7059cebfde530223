"""Cursors of ranked lists (search): (rank, tie-break, pk)."""

import base64
import json
from datetime import UTC, datetime

import pytest

from apps.core.pagination import (
    MAX_RANKED_CURSOR_LENGTH,
    decode_ranked_cursor,
    encode_ranked_cursor,
)


def raw_cursor(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def test_a_ranked_cursor_round_trips_a_rank_a_date_or_a_count_and_a_pk():
    moment = datetime(2026, 11, 22, 12, 30, 0, 123456, tzinfo=UTC)
    assert decode_ranked_cursor(encode_ranked_cursor(0.0607927106320858, moment, 42)) == (
        0.0607927106320858,
        moment,
        42,
    )
    assert decode_ranked_cursor(encode_ranked_cursor(1, 1234, 7)) == (1.0, 1234, 7)
    assert len(encode_ranked_cursor(0.0607927106320858, moment, 2**62)) < MAX_RANKED_CURSOR_LENGTH


@pytest.mark.parametrize(
    "junk",
    [
        None,
        "",
        "%%%",
        "a" * (MAX_RANKED_CURSOR_LENGTH + 1),
        raw_cursor([1, 2]),  # two parts
        raw_cursor([1, {"dt": "2026-01-01T00:00:00"}, 3]),  # a naive date
        raw_cursor([1, {"dt": "nonsense"}, 3]),
        raw_cursor([1, "2026-01-01", 3]),  # a date not marked as one
        raw_cursor([1, 2**70, 3]),  # beyond 64 bits
        raw_cursor([True, 2, 3]),
        raw_cursor([1, 2, 0]),  # pks are positive
        raw_cursor([1, 2, 2**63]),
        raw_cursor([1e999, 2, 3]),  # infinity
        raw_cursor(["NaN", 2, 3]),
    ],
)
def test_a_tampered_ranked_cursor_means_the_first_page(junk):
    assert decode_ranked_cursor(junk) is None
