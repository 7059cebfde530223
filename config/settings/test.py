"""Settings for the test suite: fast hashing, mail kept in memory."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
DEBUG = False
# Argon2 stays first in base.py (a test checks it); tests hash with MD5 for speed.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Each test process (an xdist worker, a parallel CI run) gets its own cache
# namespace on a shared Redis; the root conftest.py clears only that namespace.
if "django_redis" in CACHES["default"]["BACKEND"]:
    CACHES["default"]["KEY_PREFIX"] = f"quorum-test-{os.getpid()}"
# The rate limits count in the default cache, which the root conftest.py
# clears between tests (apps/core/tests/test_ratelimit_processes.py runs
# the shared file counters of local development in two processes).
CACHES.pop("ratelimit", None)
# The catalogue version too (apps/core/catalogues.py; its two-process test
# runs the shared files of local development).
CACHES.pop("catalogues", None)

# Files a test writes go to a scratch directory of its own process, never to
# var/, where `make run` keeps its data and where other workers write too.
_SCRATCH = Path(tempfile.gettempdir()) / f"quorum-test-{os.getpid()}"
MEDIA_ROOT = _SCRATCH / "media"
MAIL_DIR = _SCRATCH / "mail"

# No collected static files in tests: whitenoise serves from the finders.
STATIC_ROOT = None  # type: ignore[assignment]  # base.py's Path; None disables it
# The action rate limits (apps.core.ratelimit) are off: feature tests make many
# posts, comments and votes quickly. Their own tests switch them back on.
QUORUM_RATE_LIMITS_ENABLED = False
# A failing event receiver fails the test that triggered it (apps/core/events.py).
QUORUM_EVENTS_RAISE = True
# The signup form's minimum fill time (apps.registration.botcheck) is off:
# tests post the form at once. Its own tests switch it back on.
QUORUM_SIGNUP_MIN_SECONDS = 0
# No link previews (apps.previews): no feature test reaches the network.
# Their own tests switch them back on, against a local server.
QUORUM_LINK_PREVIEWS = False
# The previews' tests (which turn them on) expect the fetch done when the request returns.
QUORUM_LINK_PREVIEWS_IN_THREAD = False
# WebAuthn against the live server (http://localhost) and the test client.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
