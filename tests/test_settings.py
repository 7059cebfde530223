"""Settings every environment inherits from config/settings/base.py, and the
development-only tools that only local.py turns on."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from config.settings import base

ROOT = Path(__file__).resolve().parents[1]

# Loads config.settings.local as `make run` does; the first line, when given,
# hides django-debug-toolbar as if only requirements/base.txt were installed.
LOCAL_PROBE = """
import sys
if sys.argv[1] == "without-toolbar":
    sys.modules["debug_toolbar"] = None  # import debug_toolbar -> ImportError
import django, json
django.setup()
from django.conf import settings
from django.urls import reverse, NoReverseMatch
try:
    toolbar_url = reverse("djdt:render_panel")
except NoReverseMatch:
    toolbar_url = None
print(json.dumps({
    "app": "debug_toolbar" in settings.INSTALLED_APPS,
    "middleware": any("debug_toolbar" in name for name in settings.MIDDLEWARE),
    "url": toolbar_url,
}))
"""


def test_argon2_is_the_first_password_hasher():
    # Test settings hash with MD5 for speed: the production choice is read from base.
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_the_debug_toolbar_is_not_in_test_settings():
    assert "debug_toolbar" not in settings.INSTALLED_APPS
    assert not any("debug_toolbar" in name for name in settings.MIDDLEWARE)


def local_settings(tmp_path: Path, mode: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "DATABASE_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.local", VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", LOCAL_PROBE, mode],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_local_development_shows_the_debug_toolbar(tmp_path):
    assert local_settings(tmp_path, "with-toolbar") == {
        "app": True,
        "middleware": True,
        "url": "/__debug__/render_panel/",
    }


def test_local_development_runs_without_the_debug_toolbar_installed(tmp_path):
    # `make run` installs requirements/base.txt only.
    assert local_settings(tmp_path, "without-toolbar") == {
        "app": False,
        "middleware": False,
        "url": None,
    }
