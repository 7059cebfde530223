"""Settings shared by every environment.

Every deploy-specific value comes from an environment variable; local.py,
test.py and production.py only change defaults and strictness.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin.
    "modeltranslation",
    "config.admin.QuorumAdminConfig",  # django.contrib.admin, see config/admin.py
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    # Two-factor (TOTP, recovery codes, WebAuthn passkeys) and the list of a
    # member's signed-in sessions (apps/accounts/security.py).
    "allauth.mfa",
    "allauth.usersessions",
    "django_htmx",
    "django_tasks_db",
    "tinymce",
    "rest_framework",
    "drf_spectacular",
    "rosetta",
    "apps.core",
    "apps.accounts",
    "apps.profiles",
    # Images in posts: upload, re-encoding, variants, orphan cleanup (apps/media).
    "apps.media",
    # How people join: registration modes, applications, invites (above profiles).
    "apps.registration",
    "apps.communities",
    "apps.tags",
    # Drafts of posts, saved from the submit form (below posts, which deletes them).
    "apps.drafts",
    "apps.posts",
    "apps.comments",
    "apps.messaging",
    "apps.moderation",
    "apps.search",
    "apps.api",
    "apps.notifications",
    # RSS/Atom of the public listings (/feeds/).
    "apps.feeds",
    # Link previews of posts (fetched SSRF-safely by a task, apps/core/safe_fetch.py).
    "apps.previews",
    # Polls in posts (a sibling of search, moderation and feeds).
    "apps.polls",
    # Edit history of posts and comments (a sibling of search, moderation and feeds).
    "apps.revisions",
    # Account deletion and data export: above every app whose data it erases or exports.
    "apps.privacy",
    # Demo data (`manage.py seed_demo`): the top of the layers, it imports every app.
    "apps.demo",
    # Swagger UI's files for /api/v1/docs/, served from our static files (no CDN).
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A /translate/ save made by another process or node (apps/core/catalogues.py).
    "apps.core.catalogues.CatalogueVersionMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Anonymous feed and post pages from the cache, before sessions and auth
    # (apps/core/page_cache.py).
    "apps.core.page_cache.AnonymousFeedCacheMiddleware",
    # A translated 503 "try again" page when Redis or the database is down
    # (apps/core/middleware.py).
    "apps.core.middleware.OutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "apps.profiles.middleware.MemberPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Records each signed-in session's device, IP and last visit, at most every
    # few minutes; staff without a second factor are sent to enrolment
    # (QUORUM_STAFF_REQUIRE_MFA). Both in apps/accounts/middleware.py.
    "apps.accounts.middleware.SessionActivityMiddleware",
    "apps.accounts.middleware.StaffMFARequiredMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.core.context_processors.site",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

# --- Database ---------------------------------------------------------------
# DATABASE_URL defaults to a SQLite file under var/. Health checks make a
# restarted PostgreSQL cost nothing: a dead persistent connection is replaced
# before the request uses it instead of failing the first request(s).
if "DATABASE_URL" not in os.environ:
    # The default SQLite file lives under var/; a fresh checkout may not have it yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'quorum.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once (dev server threads, tests).
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A streaming read replica (DATABASE_REPLICA_URL): public pages read from it,
# writes, transactions, sessions and members who just wrote use the primary
# (config/db_router.py). Unset, nothing changes: one database, no router.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
REPLICA_READ_PATHS = [r"^/$", r"^/all/", r"^/c/", r"^/t/", r"^/u/", r"^/communities/$",
                      r"^/search/", r"^/feeds/"]  # fmt: skip
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 10)
REPLICA_MAX_LAG_SECONDS = env_int("REPLICA_MAX_LAG_SECONDS", 5)
REPLICA_RETRY_SECONDS = env_int("REPLICA_RETRY_SECONDS", 5)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    # A replica that is down is noticed within a second, not a TCP timeout.
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 1)
    # Tests (if ever run with a replica) read the primary's test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["config.db_router.PrimaryReplicaRouter"]
    # Inside the page cache (a cached page reads nothing) and outside the 503
    # page, so a read the dying replica failed can be run again on the primary.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("apps.core.page_cache.AnonymousFeedCacheMiddleware") + 1,
        "config.db_router.ReplicaRoutingMiddleware",
    )

# --- Cache ------------------------------------------------------------------
# Redis through django-redis when REDIS_URL is set, local memory otherwise.
# IGNORE_EXCEPTIONS: a Redis outage degrades to "no cache" instead of 500s.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "quorum"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "quorum",
        },
        # Local memory is per process: the rate limits (apps.core.ratelimit)
        # count in files every process of this machine shares instead, so two
        # workers cannot each let a whole limit through.
        "ratelimit": {
            "BACKEND": "apps.core.ratelimit.SharedFileCache",
            "LOCATION": os.environ.get("RATELIMIT_CACHE_DIR", str(VAR_DIR / "ratelimit")),
            "OPTIONS": {"MAX_ENTRIES": 10000},
        },
        # The catalogue version of /translate/ saves, shared the same way.
        "catalogues": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "catalogues"),
        },
    }

# Sessions live in the database with the cache in front: a cache flush or a
# Redis outage never logs anybody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Authentication -----------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "apps.profiles.backends.QuorumAuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
SITE_ID = 1

# django-allauth
# The registration modes (apps.registration) extend the profiles adapter and
# allauth's signup form.
ACCOUNT_ADAPTER = "apps.registration.adapter.RegistrationAccountAdapter"
ACCOUNT_FORMS = {"signup": "apps.registration.forms.JoinForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
# A password change keeps the session that made it and ends every other one
# (apps/accounts/security.py); a reset ends them all.
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_USERNAME_VALIDATORS = "apps.accounts.validators.username_validators"
ACCOUNT_USERNAME_BLACKLIST = ["admin", "administrator", "moderator", "quorum", "root", "staff"]
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Quorum] "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
# Behind nginx every request arrives from the proxy's address: trust exactly
# that many X-Forwarded-For hops, so rate limits apply per real client.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ALLAUTH_TRUSTED_PROXY_COUNT", 0)

# Two-factor authentication (allauth.mfa): an authenticator app (TOTP) with
# recovery codes, and WebAuthn security keys and passkeys, which also sign in
# without a password. Browsers allow WebAuthn only over HTTPS or on localhost;
# MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN lets http://localhost work in development.
MFA_ADAPTER = "apps.accounts.mfa.QuorumMFAAdapter"
MFA_FORMS = {
    "add_webauthn": "apps.accounts.forms.AddWebAuthnForm",
    "edit_webauthn": "apps.accounts.forms.EditWebAuthnForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env_bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", False)
MFA_TOTP_ISSUER = "Quorum"
# Staff accounts must have a second factor: without one, every page but the
# account pages sends them to enrolment (apps/accounts/middleware.py). On in
# production (production.py); QUORUM_STAFF_REQUIRE_MFA=0 turns it off.
QUORUM_STAFF_REQUIRE_MFA = env_bool("QUORUM_STAFF_REQUIRE_MFA", False)
# Active sessions (allauth.usersessions): each session's device, IP and last
# visit, recorded at most this often (no write on every request).
USERSESSIONS_TRACK_ACTIVITY = False
QUORUM_SESSION_SEEN_SECONDS = env_int("QUORUM_SESSION_SEEN_SECONDS", 300)

# The post page's thread (apps.comments.selectors.comment_page): top-level
# comments per page ("Load more comments" brings the next), replies drawn per
# comment and level (a "more replies" link to the comment's page for the rest),
# and the branches that start folded: from this level down, or with a score at
# or below this one.
QUORUM_COMMENTS_PAGE_ROOTS = env_int("QUORUM_COMMENTS_PAGE_ROOTS", 50)
QUORUM_COMMENTS_REPLIES_PER_LEVEL = env_int("QUORUM_COMMENTS_REPLIES_PER_LEVEL", 10)
# ... and comments drawn per batch in all (what bounds the page's rendering time).
QUORUM_COMMENTS_PAGE_COMMENTS = env_int("QUORUM_COMMENTS_PAGE_COMMENTS", 60)
QUORUM_COMMENTS_FOLD_DEPTH = env_int("QUORUM_COMMENTS_FOLD_DEPTH", 5)
QUORUM_COMMENTS_FOLD_SCORE = env_int("QUORUM_COMMENTS_FOLD_SCORE", -5)

# Rate limits of posting, commenting, voting and reporting (apps.core.ratelimit,
# which holds the defaults): per member, per client IP (the X-Forwarded-For hop
# ALLAUTH_TRUSTED_PROXY_COUNT trusts) and tighter for accounts younger than
# QUORUM_NEW_ACCOUNT_HOURS. Overrides: "post.member=5/h,vote.ip=2000/h".
QUORUM_RATE_LIMITS_ENABLED = env_bool("QUORUM_RATE_LIMITS_ENABLED", True)
QUORUM_RATE_LIMITS = os.environ.get("QUORUM_RATE_LIMITS", "")
QUORUM_NEW_ACCOUNT_HOURS = env_int("QUORUM_NEW_ACCOUNT_HOURS", 24)
# The longest private message a member may send, in characters as typed.
QUORUM_MESSAGE_MAX_LENGTH = env_int("QUORUM_MESSAGE_MAX_LENGTH", 5000)
# Notification emails (apps.notifications.digests): at most one per kind per
# member every this many minutes, listing what happened since the last one.
QUORUM_NOTIFICATION_EMAIL_MINUTES = env_int("QUORUM_NOTIFICATION_EMAIL_MINUTES", 15)
# How long the one-click unsubscribe link of such an email keeps working.
QUORUM_UNSUBSCRIBE_LINK_DAYS = env_int("QUORUM_UNSUBSCRIBE_LINK_DAYS", 60)

# How people join (apps.registration; docs/operations.md#registration). Staff
# may override the mode, the domains and the question in the admin.
# open | domains (QUORUM_REGISTRATION_DOMAINS) | approval (staff decide on the
# applicant's answer to QUORUM_REGISTRATION_QUESTION) | invite | closed.
QUORUM_REGISTRATION_MODE = os.environ.get("QUORUM_REGISTRATION_MODE", "open")
QUORUM_REGISTRATION_DOMAINS = os.environ.get("QUORUM_REGISTRATION_DOMAINS", "")
QUORUM_REGISTRATION_QUESTION = os.environ.get("QUORUM_REGISTRATION_QUESTION", "")
QUORUM_REGISTRATION_ANSWER_MAX_LENGTH = env_int("QUORUM_REGISTRATION_ANSWER_MAX_LENGTH", 1000)
# Invites: who may make them (karma), how many usable at once, their limits.
QUORUM_INVITE_MIN_KARMA = env_int("QUORUM_INVITE_MIN_KARMA", 50)
QUORUM_INVITES_ACTIVE_MAX = env_int("QUORUM_INVITES_ACTIVE_MAX", 10)
QUORUM_INVITE_MAX_USES = env_int("QUORUM_INVITE_MAX_USES", 10)
QUORUM_INVITE_MAX_DAYS = env_int("QUORUM_INVITE_MAX_DAYS", 30)
# Bot protection of the signup form: a honeypot and this minimum fill time
# always; a self-hosted proof of work (ALTCHA format) when QUORUM_SIGNUP_POW
# is on, with a wait of QUORUM_SIGNUP_NOJS_SECONDS for browsers without
# JavaScript.
QUORUM_SIGNUP_MIN_SECONDS = env_int("QUORUM_SIGNUP_MIN_SECONDS", 3)
QUORUM_SIGNUP_POW = env_bool("QUORUM_SIGNUP_POW", False)
QUORUM_SIGNUP_POW_MAX_NUMBER = env_int("QUORUM_SIGNUP_POW_MAX_NUMBER", 100_000)
QUORUM_SIGNUP_NOJS_SECONDS = env_int("QUORUM_SIGNUP_NOJS_SECONDS", 20)
# Account deletion (apps.privacy): an account with more votes than this has
# them withdrawn by a background task (the account is closed at once anyway).
QUORUM_DELETION_TASK_VOTES = env_int("QUORUM_DELETION_TASK_VOTES", 200)
# How long the download link of a data export keeps working (it works once).
QUORUM_EXPORT_LINK_HOURS = env_int("QUORUM_EXPORT_LINK_HOURS", 72)
# Drafts of posts (apps.drafts): how many a member may keep, and the largest
# body one may hold, in bytes of UTF-8 (over it the save is refused).
QUORUM_MAX_DRAFTS = env_int("QUORUM_MAX_DRAFTS", 20)
QUORUM_DRAFT_MAX_BYTES = env_int("QUORUM_DRAFT_MAX_BYTES", 200_000)
# Custom feeds (apps.feeds, /f/): how many a member may build, and how many
# communities one feed may gather.
QUORUM_CUSTOM_FEEDS_MAX = env_int("QUORUM_CUSTOM_FEEDS_MAX", 20)
QUORUM_CUSTOM_FEED_COMMUNITIES_MAX = env_int("QUORUM_CUSTOM_FEED_COMMUNITIES_MAX", 50)
# Link previews (apps.previews, apps/core/safe_fetch.py) on: a post's link is
# fetched by a background task. The test settings turn them off, so no
# feature test reaches the network.
QUORUM_LINK_PREVIEWS = env_bool("QUORUM_LINK_PREVIEWS", True)
# Hosts (host or host:port) a preview may fetch even though they resolve to a
# private address. Empty in production; the tests allow their local server.
QUORUM_PREVIEW_ALLOWED_HOSTS = env_list("QUORUM_PREVIEW_ALLOWED_HOSTS")

# --- Mail -------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Quorum <noreply@quorum.localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
MAIL_DIR = Path(os.environ.get("MAIL_DIR", VAR_DIR / "mail"))


def mailers_from_env() -> dict:
    """MAILERS from EMAIL_URL (smtp://user:pass@host:587?tls=1) or EMAIL_BACKEND.

    Without either, mail goes to the console and to the file mailbox under
    var/mail/, so a person and the browser tests can follow links in it.
    """
    from urllib.parse import parse_qs, unquote, urlsplit

    email_url = os.environ.get("EMAIL_URL", "")
    if email_url.startswith(("smtp://", "smtps://")):
        parts = urlsplit(email_url)
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {
                    "host": parts.hostname or "localhost",
                    "port": parts.port or (465 if parts.scheme == "smtps" else 25),
                    "username": unquote(parts.username or ""),
                    "password": unquote(parts.password or ""),
                    "use_ssl": parts.scheme == "smtps",
                    "use_tls": query.get("tls", "0").lower() in {"1", "true", "yes"},
                    "timeout": int(query.get("timeout", 10)),
                },
            }
        }
    return {
        "default": {
            "BACKEND": "apps.core.mail.ConsoleAndMailboxBackend",
            "OPTIONS": {"mailbox_dir": str(MAIL_DIR)},
        }
    }


MAILERS = mailers_from_env()

# --- Background tasks (django.tasks) ------------------------------------------
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
# Link previews with the immediate backend (`make run`: no worker) are
# fetched on a thread of their own, not inside the request that saved the post.
QUORUM_LINK_PREVIEWS_IN_THREAD = env_bool(
    "QUORUM_LINK_PREVIEWS_IN_THREAD", TASKS_BACKEND == "immediate"
)
# `manage.py worker` (apps/core/worker.py): a running task whose worker has not
# sent a heartbeat for this long is queued again (its worker died holding it).
# Longer than any pause of a live worker's heartbeat thread; /health/ reports
# the worker "down" past the same window.
QUORUM_WORKER_STALE_SECONDS = env_int("QUORUM_WORKER_STALE_SECONDS", 60)
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND]
    }
}

# --- Internationalization -----------------------------------------------------
LANGUAGE_CODE = "en"
# Shipped locales: each one 100 % translated (CI runs `checktranslations`).
# Arabic is right-to-left (Django's LANGUAGES_BIDI): base.html sets dir="rtl".
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("de", _("German")),
    ("pt-br", _("Brazilian Portuguese")),
    ("ar", _("Arabic")),
    ("he", _("Hebrew")),
    ("pl", _("Polish")),
]
# Saves at /translate/ reach every process and node (apps/core/catalogues.py).
# In a checkout locale/ is writable: rosetta edits it and LOCALE_PATHS is
# locale/ alone. In the image it is read-only: rosetta edits the node's copy
# in LOCALE_EDITS_DIR, which comes first. CATALOGUE_CHECK_SECONDS: how often
# a process looks for a newer catalogue version in the cache.
SHIPPED_LOCALE_DIR = BASE_DIR / "locale"
LOCALE_EDITS_DIR = Path(os.environ.get("LOCALE_EDITS_DIR", VAR_DIR / "locale-edits")).resolve()
TRANSLATIONS_READ_ONLY = env_bool(
    "TRANSLATIONS_READ_ONLY", not os.access(SHIPPED_LOCALE_DIR, os.W_OK)
)
LOCALE_PATHS = (
    [LOCALE_EDITS_DIR, SHIPPED_LOCALE_DIR] if TRANSLATIONS_READ_ONLY else [SHIPPED_LOCALE_DIR]
)
CATALOGUE_CHECK_SECONDS = env_int("CATALOGUE_CHECK_SECONDS", 5)
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
LANGUAGE_COOKIE_NAME = "quorum_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Numbers as each language writes them (1,234 / 1.234 / 1 234). Machine-read
# numbers (ids in URLs and attributes, form values, JSON) are never grouped:
# templates print those with {% localize off %} or |unlocalize.
USE_THOUSAND_SEPARATOR = True
# Our corrections to Django's locale formats (config/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]

# Translated content (django-modeltranslation): Community name, description and
# rules, Tag name (apps/*/translation.py). English is the original: a missing
# translation shows the English text. Objects created with name=... (the site's
# forms, services, seed data) fill the English field too, so they never show
# up empty in another language.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_AUTO_POPULATE = "default"

# --- Static and media ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads go through the default storage only (apps.media, avatars, exports), so
# S3-compatible storage is configuration: STORAGES["default"] (e.g. django-storages'
# S3 backend, public objects without query-string signatures) and MEDIA_URL set to
# the bucket's public address, ending in "/" (post bodies keep images under it only).
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024

# Avatars: what an upload may be before we decode it.
AVATAR_MAX_BYTES = env_int("AVATAR_MAX_BYTES", 2 * 1024 * 1024)
AVATAR_MAX_PIXELS = env_int("AVATAR_MAX_PIXELS", 4096 * 4096)
AVATAR_SIZE = 256
# Images in posts (apps.media.pipeline): checked before they are decoded, then
# re-encoded. The byte limit stays under the request body limit (3 MiB, nginx
# and DATA_UPLOAD_MAX_MEMORY_SIZE) so an image a little too big still gets its
# translated error: raise all three together. Pixels and the longest side are
# read from the header, before any decoding.
QUORUM_IMAGE_MAX_BYTES = env_int("QUORUM_IMAGE_MAX_BYTES", 5 * 512 * 1024)
QUORUM_IMAGE_MAX_PIXELS = env_int("QUORUM_IMAGE_MAX_PIXELS", 40_000_000)
QUORUM_IMAGE_MAX_SIDE = env_int("QUORUM_IMAGE_MAX_SIDE", 12_000)
# An uploaded image no post uses is deleted after this many hours
# (`manage.py purge_orphan_images`, daily).
QUORUM_IMAGE_ORPHAN_HOURS = env_int("QUORUM_IMAGE_ORPHAN_HOURS", 24)

# --- Security -----------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "apps.core.views.csrf_failure"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "https:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
}

# --- Logging --------------------------------------------------------------------
# A logging.config.dictConfig() dict: nested and heterogeneous (production.py
# overrides the root level in place).
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django_redis": {"level": "ERROR"},
    },
}

# --- Django REST framework: the API under /api/v1/ (apps.api + apps/*/api/) -----
# JSON only; tokens first (their WWW-Authenticate makes anonymous writes 401s),
# then the session with CSRF enforced. One exception handler answers every
# error in the envelope {"error": {"code", "message", "details"}}.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apps.api.authentication.BearerTokenAuthentication",
        "apps.api.authentication.CsrfSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "apps.api.permissions.TokenScope",
        "rest_framework.permissions.IsAuthenticatedOrReadOnly",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "apps.api.throttles.AnonymousThrottle",
        "apps.api.throttles.MemberThrottle",
        "apps.api.throttles.MemberWriteThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "60/min"),
        "member": os.environ.get("API_THROTTLE_MEMBER", "600/min"),
        "member_write": os.environ.get("API_THROTTLE_MEMBER_WRITE", "60/min"),
    },
    # Trust exactly as many X-Forwarded-For hops as allauth does (nginx: 1).
    # DRF's default (None) would trust a client-forged header.
    "NUM_PROXIES": ALLAUTH_TRUSTED_PROXY_COUNT,
    "EXCEPTION_HANDLER": "apps.api.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Quorum API",
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "defaultModelsExpandDepth": 0},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.api.schema.add_error_responses",
    ],
    # Two fields named "visibility" (a community's, a custom feed's): name them apart.
    "ENUM_NAME_OVERRIDES": {
        "VisibilityEnum": "apps.communities.models.Visibility",
        "CustomFeedVisibilityEnum": "apps.feeds.models.FeedVisibility",
    },
}

# --- Translators' UI --------------------------------------------------------------
# /translate/ (django-rosetta) edits locale/<lang>/LC_MESSAGES/django.po and
# compiles the .mo next to it. Staff and the "Translators" group only.
ROSETTA_SHOW_AT_ADMIN_PANEL = True
ROSETTA_MESSAGES_SOURCE_LANGUAGE_CODE = "en"
ROSETTA_ACCESS_CONTROL_FUNCTION = "apps.core.translators.can_translate"
# English is the source language: its strings are edited in the code.
ROSETTA_LANGUAGES = [language for language in LANGUAGES if language[0] != LANGUAGE_CODE]
# Only our own catalogues (rosetta's "project" listing): those of Django and
# third-party apps live in the virtualenv, where edits would be lost, so
# config/urls.py answers 404 to its "django", "third-party" and "all" listings.
ROSETTA_POFILENAMES = ("django.po",)
# One catalogue per language: in the image, the node's writable copy (the
# read-only locale/ is hidden); in a checkout, locale/ itself.
ROSETTA_EXCLUDED_PATHS = [str(SHIPPED_LOCALE_DIR)] if TRANSLATIONS_READ_ONLY else []
ROSETTA_AUTO_COMPILE = True
# Rosetta saves with polib, then apps/core/translators.py runs msgcat so the
# file keeps gettext's own layout. polib must not wrap anything itself: the
# translator comments (#.) keep their source lines only if it leaves them be.
ROSETTA_POFILE_WRAP_WIDTH = 0

SITE_NAME = "Quorum"
# The domain that links in emails name (allauth's mails, notification emails
# sent by the worker, which has no request). `migrate` writes it, with
# SITE_NAME, into django.contrib.sites' row (apps/core/apps.py), so changing
# it takes effect at the next deploy.
SITE_DOMAIN = os.environ.get("SITE_DOMAIN", "localhost:8000")

# --- Post editor (django-tinymce) ------------------------------------------------
# TinyMCE is served from our own static files (django-tinymce ships it), never
# a CDN. The toolbar offers only what apps.core.html's allowlist keeps (images
# only as our own uploads; no colours, no alignment), and valid_elements makes the editor drop
# the rest itself; the server sanitizes anyway. The editor needs
# style-src 'unsafe-inline', allowed on the editor pages only (csp_override
# in apps.posts.views).
# static/js/editor-i18n.js (loaded before django-tinymce's init script) defines
# the setup function that applies "quorum_i18n".
# static/js/editor-images.js uploads the images pasted, dropped or chosen in
# the image dialog to apps.media's /images/upload/ (with the page's CSRF
# token); the dialog's description field is the alternative text.
TINYMCE_EXTRA_MEDIA = {"js": ["js/editor-i18n.js", "js/editor-images.js"]}
TINYMCE_DEFAULT_CONFIG = {
    "license_key": "gpl",
    "promotion": False,
    "branding": False,
    "menubar": False,
    "statusbar": True,
    "elementpath": False,
    "height": 420,
    "browser_spellcheck": True,
    "contextmenu": False,
    "plugins": "autolink lists link image table codesample",
    "toolbar": (
        "undo redo | blocks styles | bold italic strikethrough | bullist numlist blockquote"
        " | link image codesample table | removeformat"
    ),
    # Inline code has no toolbar button of its own: it is in the styles menu.
    # The menu titles are ours, so they are translated here (lazily: the
    # widget serialises its config per request, in the page's language);
    # TinyMCE's own language pack translates the rest of its interface.
    "style_formats": [{"title": _("Inline code"), "format": "code"}],
    # Words TinyMCE's own language pack leaves in English (es and pt_BR:
    # "Redo"), corrected from our catalogue by static/js/editor-i18n.js.
    "setup": "quorumEditorSetup",
    "quorum_i18n": {
        # Translators: tooltip of the post editor's button that redoes the last undone edit.
        "Redo": pgettext_lazy("editor toolbar", "Redo"),
        # Shown in the editor when an image could not be uploaded (network error).
        "The image could not be uploaded.": _("The image could not be uploaded."),
    },
    "toolbar_mode": "wrap",
    "block_formats": format_lazy(
        "{}=p; {}=h2; {}=h3; {}=h4; {}=pre",
        _("Paragraph"),
        _("Heading 2"),
        _("Heading 3"),
        _("Heading 4"),
        _("Preformatted"),
    ),
    "valid_elements": (
        "p,br,h2,h3,h4,h5,h6,strong/b,em/i,s,sub,sup,code,pre[class],blockquote,"
        "ul,ol[start],li,a[href|title],hr,table,thead,tbody,tfoot,tr,"
        "th[colspan|rowspan|scope],td[colspan|rowspan],caption,img[src|alt|width|height],"
        "figure,figcaption"
    ),
    "invalid_styles": "color background background-color font-size font-family",
    # Images: uploaded at once (pasted, dropped or chosen), stored by us and
    # re-encoded; the body keeps only <img src="/media/images/…"> (apps.core.html).
    "images_upload_url": "/images/upload/",
    "images_upload_handler": "quorumImageUpload",
    "images_file_types": "jpeg,jpg,png,gif,webp",
    "automatic_uploads": True,
    "images_reuse_filename": False,
    "image_description": True,
    "image_dimensions": False,
    "image_title": False,
    "image_caption": False,
    "image_advtab": False,
    "image_uploadtab": True,
    "paste_data_images": True,
    "paste_webkit_styles": "none",
    "link_default_protocol": "https",
    "link_assume_external_targets": "https",
    "link_target_list": False,
    "link_title": False,
    "relative_urls": False,
    "remove_script_host": False,
    "convert_urls": False,
    "object_resizing": False,
    "table_default_attributes": {},
    "table_default_styles": {},
    "table_sizing_mode": "relative",
    "table_resize_bars": False,
    "table_appearance_options": False,
    "table_advtab": False,
    "table_cell_advtab": False,
    "table_row_advtab": False,
    "table_style_by_css": False,
    "codesample_languages": [
        {"text": "Plain text", "value": "none"},
        {"text": "Python", "value": "python"},
        {"text": "JavaScript", "value": "javascript"},
        {"text": "HTML", "value": "markup"},
        {"text": "CSS", "value": "css"},
        {"text": "Shell", "value": "bash"},
        {"text": "SQL", "value": "sql"},
    ],
    "entity_encoding": "raw",
    "skin": "oxide",
    "content_css": "default",
}
