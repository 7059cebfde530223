"""Keyset (cursor) pagination: page 500 costs what page 1 costs.

Lists are ordered by a sort key plus the primary key as a tie-breaker, both
descending. The next page starts after the last row seen, expressed in the
index-bounded form `key <= x AND (key < x OR id < y)`: the first term lets
PostgreSQL bound the index range scan (the plain `key < x OR (key = x AND
id < y)` form was measured scanning 36 ms at depth 50k, see docs/lessons.md).
No COUNT(*) is ever run.

Ranked lists (search results) order by a computed rank first: their cursors
carry (rank, tie-break key, pk), see `encode_ranked_cursor`.
"""

import base64
import binascii
import json
import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

T = TypeVar("T")

MAX_CURSOR_LENGTH = 200
MAX_RANKED_CURSOR_LENGTH = 300


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"dt"}:
        return datetime.fromisoformat(value["dt"])
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        return value
    raise ValueError("unexpected cursor value")


def encode_cursor(key_value: Any, pk: int) -> str:
    raw = json.dumps([_encode(key_value), pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[Any, int] | None:
    """The (key, pk) a cursor points after, or None for junk (first page)."""
    if not cursor or len(cursor) > MAX_CURSOR_LENGTH:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key_value, pk = json.loads(raw)
        if not isinstance(pk, int) or isinstance(pk, bool):
            return None
        return _decode(key_value), pk
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        return None


def encode_ranked_cursor(rank: float, tie: Any, pk: int) -> str:
    """The cursor after a row of a ranked list: its rank, its tie-break key
    (a datetime or an int) and its pk."""
    raw = json.dumps([rank, _encode(tie), pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_ranked_cursor(cursor: str | None) -> tuple[float, Any, int] | None:
    """(rank, tie, pk) or None for a missing or tampered cursor: the rank a
    finite number, the tie an aware datetime or a 64-bit int, the pk a
    positive 64-bit int (anything else would only fail later, in SQL)."""
    if not cursor or len(cursor) > MAX_RANKED_CURSOR_LENGTH:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        rank, tie, pk = json.loads(raw)
        if isinstance(tie, dict) and set(tie) == {"dt"} and isinstance(tie["dt"], str):
            tie = datetime.fromisoformat(tie["dt"])
            if tie.tzinfo is None:
                return None
        elif not (isinstance(tie, int) and not isinstance(tie, bool) and abs(tie) < 2**63):
            return None
        ok_rank = isinstance(rank, (int, float)) and not isinstance(rank, bool)
        ok_pk = isinstance(pk, int) and not isinstance(pk, bool) and 0 < pk < 2**63
        if not (ok_rank and math.isfinite(rank) and ok_pk):
            return None
        return float(rank), tie, pk
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError, OverflowError):
        return None


def keyset_page(
    queryset: QuerySet,
    *,
    key: str,
    cursor: str | None,
    page_size: int,
    pk_field: str = "id",
) -> Page:
    """One page of `queryset` ordered by `-key, -pk`, starting after `cursor`.

    Costs one query: it fetches page_size + 1 rows to learn whether a next
    page exists.
    """
    queryset = queryset.order_by(f"-{key}", f"-{pk_field}")
    position = decode_cursor(cursor)
    if position is not None:
        key_value, pk = position
        try:
            queryset = queryset.filter(
                Q(**{f"{key}__lte": key_value})
                & (Q(**{f"{key}__lt": key_value}) | Q(**{f"{pk_field}__lt": pk}))
            )
        except (ValidationError, ValueError, TypeError):
            # A tampered cursor of the wrong type: start from the top.
            pass
    rows = list(queryset[: page_size + 1])
    items = rows[:page_size]
    next_cursor = None
    if len(rows) > page_size:
        last = items[-1]
        next_cursor = encode_cursor(_attr(last, key), _attr(last, pk_field))
    return Page(items=items, next_cursor=next_cursor)


def _attr(obj: Any, path: str) -> Any:
    for part in path.split("__"):
        obj = getattr(obj, part)
    return obj
