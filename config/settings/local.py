"""Local development: `make run`. SQLite and local memory unless told otherwise."""

import os

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, MIDDLEWARE, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "insecure-local-development-key-do-not-deploy"
# Finders let whitenoise serve files straight from app and project static dirs
# during development, so no stale collectstatic output is ever served.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Passkeys and security keys on http://localhost (browsers allow WebAuthn there).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env_bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", True)

# django-debug-toolbar, for local development only: it is in requirements/dev.txt
# (`make dev-venv`), not in base.txt, so `make run` works without it. Shown on
# pages served to 127.0.0.1 while DEBUG is on; its URLs live in config/urls_local.py.
try:
    import debug_toolbar  # noqa: F401
except ImportError:
    DEBUG_TOOLBAR = False
else:
    DEBUG_TOOLBAR = DEBUG and env_bool("DEBUG_TOOLBAR", True)

if DEBUG_TOOLBAR:
    INSTALLED_APPS = [*INSTALLED_APPS, "debug_toolbar"]
    # Right after the CSP middleware: the toolbar's tags get the page's nonce,
    # and pages served from the anonymous page cache show the toolbar too.
    _csp = MIDDLEWARE.index("django.middleware.csp.ContentSecurityPolicyMiddleware")
    MIDDLEWARE = [
        *MIDDLEWARE[: _csp + 1],
        "debug_toolbar.middleware.DebugToolbarMiddleware",
        *MIDDLEWARE[_csp + 1 :],
    ]
    INTERNAL_IPS = ["127.0.0.1", "::1"]
    ROOT_URLCONF = "config.urls_local"
