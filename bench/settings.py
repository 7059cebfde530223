"""Settings of the benchmark server and data: production's, plus the
bench-only views (bench/urls.py) and the `seed_bench` command
(bench/management/), on the loopback, with the action rate limits off (wrk
votes faster than any member may). BENCH_DB_POOL=1 swaps persistent
connections for psycopg's pool (for ASGI servers)."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 60)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("LOG_LEVEL", "ERROR")

from config.settings.production import *  # noqa: F403
from config.settings.production import DATABASES, INSTALLED_APPS, LOGGING

# bench/ as an app: its management command `seed_bench` exists under these
# settings only (bench/ is not in the production image).
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
QUORUM_RATE_LIMITS_ENABLED = False
LOGGING["root"]["level"] = "ERROR"
if os.environ.get("BENCH_DB_POOL") == "1":
    # Under ASGI every request may run in another thread: persistent
    # connections pile up (docs/lessons.md); the pool bounds them.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {"min_size": 4, "max_size": 16}
