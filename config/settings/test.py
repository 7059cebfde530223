"""Settings for the test suite: fast hashing, mail kept in memory."""

from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
DEBUG = False
# Argon2 stays first in base.py (a test checks it); tests hash with MD5 for speed.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Each test run gets its own cache namespace so parallel runs on one Redis never meet.
if "django_redis" in CACHES["default"]["BACKEND"]:
    import os as _os

    CACHES["default"]["KEY_PREFIX"] = f"quorum-test-{_os.getpid()}"

# No collected static files in tests: whitenoise serves from the finders.
STATIC_ROOT = None
# The action rate limits (apps.core.ratelimit) are off: feature tests make many
# posts, comments and votes quickly. Their own tests switch them back on.
QUORUM_RATE_LIMITS_ENABLED = False
# A failing event receiver fails the test that triggered it (apps/core/events.py).
QUORUM_EVENTS_RAISE = True
