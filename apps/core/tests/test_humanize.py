"""apps.core.humanize.naturaltime writes humanize's words, memoized per catalogues."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.humanize.templatetags.humanize import naturaltime as django_naturaltime
from django.utils import translation
from django.utils.translation import trans_real

from apps.core import humanize

# Deltas away from a unit's boundary, so both calls of a pair see the same words.
DELTAS = [
    timedelta(seconds=5),
    timedelta(seconds=150),
    timedelta(minutes=59, seconds=20),
    timedelta(hours=1, minutes=30),
    timedelta(hours=5, minutes=30),
    timedelta(days=1, hours=3, minutes=30),
    timedelta(days=13, hours=5),
    timedelta(days=40, hours=5),
    timedelta(days=400, hours=5),
    timedelta(days=800, hours=5),
]


@pytest.mark.parametrize("language", ["en", "es", "ar", "pl", "he"])
@pytest.mark.parametrize("sign", [-1, 1], ids=["past", "future"])
def test_naturaltime_writes_what_humanize_writes(language, sign):
    with translation.override(language):
        for delta in DELTAS:
            when = datetime.now(UTC) + sign * delta
            assert humanize.naturaltime(when) == django_naturaltime(when), (language, delta)
            # Twice: the second comes from the memo.
            assert humanize.naturaltime(when) == django_naturaltime(when), (language, delta)


def test_a_catalogue_reload_starts_a_new_memo():
    earlier = datetime.now(UTC) - timedelta(hours=5, minutes=10)
    when = datetime.now(UTC) - timedelta(hours=3, minutes=10)
    sentence = humanize._MemoizedNaturalTime.time_strings["past-hour"]
    with translation.override("es"):
        humanize.naturaltime(earlier)
        assert ("es", ("count", 5)) in sentence._memo
        trans_real._translations = {}  # what a reload does (apps.core.catalogues too)
        assert humanize.naturaltime(when) == django_naturaltime(when)
        assert list(sentence._memo) == [("es", ("count", 3))]
