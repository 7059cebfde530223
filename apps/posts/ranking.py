"""Ranking formulas. Pure functions: no database, easy to test."""

import math
from datetime import datetime

# Reddit's epoch offset (2005-12-08 07:46:43 UTC) and 12.5 hours per order
# of magnitude of score: a post needs 10x the votes to stay level with one
# posted 12.5 hours later.
HOT_EPOCH = 1134028003
HOT_DECAY_SECONDS = 45000


def hot(score: int, created: datetime) -> float:
    """sign(s)·log10(max(|s|, 1)) + (created_epoch − 1134028003) / 45000.

    Time-invariant: it only changes when the score does, so it is stored on
    the row and indexed, and the hot feed is an index scan.
    """
    order = math.log10(max(abs(score), 1))
    sign = 1 if score > 0 else -1 if score < 0 else 0
    return round(sign * order + (created.timestamp() - HOT_EPOCH) / HOT_DECAY_SECONDS, 7)


def controversy(upvotes: int, downvotes: int) -> float:
    """Reddit's controversy: high when many votes split evenly, 0 when one-sided."""
    if upvotes <= 0 or downvotes <= 0:
        return 0.0
    magnitude = upvotes + downvotes
    balance = downvotes / upvotes if upvotes > downvotes else upvotes / downvotes
    return magnitude**balance


def wilson_lower_bound(upvotes: int, downvotes: int, z: float = 1.281551565545) -> float:
    """Lower bound of the Wilson score interval (80 % confidence) of the share
    of upvotes: the "best" comment sort. Few votes give a cautious score."""
    n = upvotes + downvotes
    if n == 0:
        return 0.0
    phat = upvotes / n
    return (phat + z * z / (2 * n) - z * math.sqrt((phat * (1 - phat) + z * z / (4 * n)) / n)) / (
        1 + z * z / n
    )
