"""Local development counts a rate limit once, however many processes serve.

Without REDIS_URL the default cache is local memory, private to each process;
config/settings/base.py gives the rate limits a cache alias of shared files
(apps.core.ratelimit.SharedFileCache). Two real processes, started together
with the local settings, share one limit of 3 posts an hour: 3 pass in all,
not 3 each.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SCRIPT = """
import json, sys, types
from datetime import datetime, timedelta, timezone
import django
django.setup()
from apps.core import ratelimit
member = types.SimpleNamespace(
    pk=7, is_authenticated=True, is_staff=False,
    date_joined=datetime.now(timezone.utc) - timedelta(days=30),
)
passed = 0
for _ in range(int(sys.argv[1])):
    try:
        ratelimit.check("post", user=member)
    except ratelimit.RateLimited:
        continue
    passed += 1
print(json.dumps({"alias": ratelimit.counter_cache().__class__.__name__, "passed": passed}))
"""


def _environment(var_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_URL", "DATABASE_REPLICA_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        VAR_DIR=str(var_dir),
        DEBUG="0",
        QUORUM_RATE_LIMITS="post.member=3/h",
        QUORUM_RATE_LIMITS_ENABLED="1",
    )
    env.pop("RATELIMIT_CACHE_DIR", None)
    return env


def _run_together(var_dir: Path, attempts: int, processes: int = 2) -> list[dict]:
    env = _environment(var_dir)
    running = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", SCRIPT, str(attempts)],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    results = []
    for process in running:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def test_two_processes_share_one_post_limit_without_redis(tmp_path):
    results = _run_together(tmp_path, attempts=3)
    assert {result["alias"] for result in results} == {"SharedFileCache"}
    assert sum(result["passed"] for result in results) == 3


def test_a_later_process_sees_the_limit_already_used(tmp_path):
    first = _run_together(tmp_path, attempts=3, processes=1)
    second = _run_together(tmp_path, attempts=3, processes=1)
    assert first[0]["passed"] == 3
    assert second[0]["passed"] == 0


def test_shared_file_counter_keeps_its_expiry_when_incremented(tmp_path):
    from apps.core.ratelimit import SharedFileCache

    counters = SharedFileCache(str(tmp_path), {})
    counters.add("k", 0, timeout=3600)
    assert counters.incr("k") == 1
    assert counters.incr("k", 2) == 3
    with open(counters._key_to_file("k"), "rb") as f:
        import pickle

        expiry = pickle.load(f)  # noqa: S301 - the file the test just wrote
    import time

    assert expiry > time.time() + 3000  # still the hour, not the default 300 s


def test_shared_file_counter_refuses_to_increment_a_missing_key(tmp_path):
    import pytest

    from apps.core.ratelimit import SharedFileCache

    counters = SharedFileCache(str(tmp_path), {})
    with pytest.raises(ValueError):
        counters.incr("missing")
