"""Fixtures shared by every test: personas and a verified-member factory.

`make test` runs the suite on several processes (pytest-xdist): anything a
test writes outside its database (cache keys, files) is kept per process.
"""

import shutil
import threading

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from apps.accounts.models import User
from apps.profiles.services import profile_create

PASSWORD = "correct-horse-battery-staple"


def make_member(username: str, *, verified: bool = True, **extra) -> User:
    """A member as signup would leave them: user, profile and (verified) email."""
    email = extra.pop("email", f"{username}@example.org")
    user = User.objects.create_user(username=username, email=email, password=PASSWORD, **extra)
    profile_create(user=user)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def run_concurrently(jobs) -> list[BaseException]:
    """Start every job at the same moment, each in its own thread on its own database
    connection (the concurrency tests of posts, comments, polls and notifications, on
    PostgreSQL); the errors the jobs raised, for the test to assert on."""
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def runner(job):
        try:
            barrier.wait()
            job()
        except BaseException as error:  # reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def pytest_configure(config):
    """Compile the translation catalogues (.po -> .mo, pure Python, only what
    changed) so a plain `pytest` tests the translations in the .po files.
    Under xdist the controller does it once, before the workers start."""
    import django

    if settings.configured and not hasattr(config, "workerinput"):
        django.setup()
        from apps.core.management.commands.compiletranslations import compile_all

        compile_all()


def pytest_sessionfinish(session):
    # Uploads go to a scratch directory of this process (config/settings/test.py).
    media_root = getattr(settings, "MEDIA_ROOT", None)
    if settings.configured and media_root and "quorum-test-" in str(media_root):
        shutil.rmtree(media_root, ignore_errors=True)


def clear_cache() -> None:
    """Empty this process's cache. On Redis only the keys under our prefix go
    (config/settings/test.py gives each process its own): cache.clear() is a
    FLUSHDB there, which would empty the caches of the other workers too."""
    client = getattr(cache, "client", None)
    if client is None or not hasattr(client, "get_client"):
        cache.clear()  # the local memory cache belongs to this process alone
        return
    import redis

    try:
        connection = client.get_client(write=True)
        keys = list(connection.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
        if keys:
            connection.delete(*keys)
    except redis.RedisError:
        pass  # Redis down: there is nothing to clear, and the cache fails open


@pytest.fixture(autouse=True)
def _english_between_tests():
    # A request in another language leaves it active on the thread: reset it
    # so a test never inherits the language of the one before.
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached fragments must not leak from one test to the next.
    clear_cache()
    yield
    clear_cache()


CLOSED_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there


def point_cache_at_closed_redis(settings, *, ignore_exceptions: bool = True) -> None:
    """Make the cache a Redis that is down: a port where nothing listens, with
    short timeouts. With `ignore_exceptions` (as in production) django-redis
    turns every error into a miss; without it the errors escape."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CLOSED_REDIS_URL,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": ignore_exceptions,
                "SOCKET_CONNECT_TIMEOUT": 0.2,
                "SOCKET_TIMEOUT": 0.2,
            },
        }
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False


@pytest.fixture
def redis_down(settings):
    """The cache is a Redis that is down, errors ignored as in production."""
    point_cache_at_closed_redis(settings)


@pytest.fixture
def member(db) -> User:
    return make_member("marta")


@pytest.fixture
def other_member(db) -> User:
    return make_member("omar")


@pytest.fixture
def staff_member(db) -> User:
    return make_member("stella", is_staff=True)


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
