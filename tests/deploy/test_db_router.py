"""The read replica's router: public reads from the replica, writes,
transactions, sessions and recent writers on the primary, and the primary
whenever the replica is down or behind. SQLite aliases stand in for the two
PostgreSQL servers; no replica is needed."""

import json

import pytest
from django.apps import apps
from django.db import transaction
from django.db.utils import ConnectionHandler
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from config import db_router
from config.db_router import (
    PIN_COOKIE,
    PRIMARY,
    REPLICA,
    PrimaryReplicaRouter,
    ReplicaHealth,
    ReplicaRoutingMiddleware,
)
from tests.test_deploy import production_env, run_python

router = PrimaryReplicaRouter()
factory = RequestFactory()
Post = apps.get_model("posts", "Post")
Session = apps.get_model("sessions", "Session")


class ScriptedHealth:
    """replica_health stand-in: answers from a script, counts the probes."""

    def __init__(self, *answers: bool) -> None:
        self.answers, self.probes = list(answers), 0

    def usable(self) -> bool:
        self.probes += 1
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


@pytest.fixture
def healthy(monkeypatch):
    health = ScriptedHealth(True)
    monkeypatch.setattr(db_router, "replica_health", health)
    return health


def serve(request, view=None, health=None):
    """Run `view` (default: one read of a post and one of a session) inside the
    middleware; returns (response, the aliases each read went to)."""
    reads = []

    def default_view(request):
        reads.append(router.db_for_read(Post))
        return HttpResponse("ok")

    response = ReplicaRoutingMiddleware(view or default_view)(request)
    return response, reads


def test_reads_outside_a_request_use_the_primary():
    # Management commands, the task worker, migrations.
    assert router.db_for_read(Post) == PRIMARY


def test_public_page_reads_use_the_replica(healthy):
    for path in ("/", "/all/", "/c/gardening/", "/c/gardening/p/1/hello/", "/search/",
                 "/feeds/c/gardening/rss/", "/u/ana/", "/communities/"):  # fmt: skip
        _response, reads = serve(factory.get(path))
        assert reads == [REPLICA], path


@pytest.mark.parametrize("path", ["/accounts/login/", "/messages/", "/settings/", "/admin/"])
def test_private_pages_read_the_primary(healthy, path):
    _response, reads = serve(factory.get(path))
    assert reads == [PRIMARY]


def test_sessions_are_always_read_from_the_primary(healthy):
    sessions = []
    serve(factory.get("/"), view=lambda r: sessions.append(router.db_for_read(Session)) or
          HttpResponse())  # fmt: skip
    assert sessions == [PRIMARY]


def test_writes_go_to_the_primary_and_so_do_later_reads_of_that_request(healthy):
    seen = []

    def view(request):
        seen.append(router.db_for_read(Post))
        seen.append(router.db_for_write(Post))
        seen.append(router.db_for_read(Post))
        return HttpResponse()

    response, _reads = serve(factory.get("/c/gardening/"), view=view)
    assert seen == [REPLICA, PRIMARY, PRIMARY]
    assert PIN_COOKIE in response.cookies  # it wrote: pinned like a POST


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_use_the_primary(healthy):
    def view(request):
        with transaction.atomic():
            alias = router.db_for_read(Post)
        return HttpResponse(alias)

    response, _reads = serve(factory.get("/"), view=view)
    assert response.content.decode() == PRIMARY


@override_settings(REPLICA_PIN_SECONDS=7)
def test_a_write_request_pins_the_writer_to_the_primary_for_a_while(healthy):
    response, reads = serve(factory.post("/c/gardening/p/1/hello/comment/"))
    assert reads == [PRIMARY]
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == 7
    assert cookie["httponly"]

    # Their next page, read-your-writes: the primary, though the page is public.
    request = factory.get("/c/gardening/p/1/hello/")
    request.COOKIES[PIN_COOKIE] = cookie.value
    response, reads = serve(request)
    assert reads == [PRIMARY]
    assert PIN_COOKIE not in response.cookies  # a read does not extend the pin


def test_a_plain_read_sets_no_cookie(healthy):
    response, _reads = serve(factory.get("/"))
    assert PIN_COOKIE not in response.cookies


def test_reads_fall_back_to_the_primary_when_the_replica_is_unusable(monkeypatch):
    monkeypatch.setattr(db_router, "replica_health", ScriptedHealth(False))
    _response, reads = serve(factory.get("/c/gardening/"))
    assert reads == [PRIMARY]


def test_a_read_the_replica_failed_is_run_again_on_the_primary(monkeypatch):
    """The replica died mid-request (the 503 page): a GET runs once more."""
    health = ScriptedHealth(True, False)
    monkeypatch.setattr(db_router, "replica_health", health)
    attempts = []

    def view(request):
        alias = router.db_for_read(Post)
        attempts.append(alias)
        return HttpResponse(status=503 if alias == REPLICA else 200)

    response, _reads = serve(factory.get("/c/gardening/"), view=view)
    assert attempts == [REPLICA, PRIMARY]
    assert response.status_code == 200


def test_an_error_not_caused_by_the_replica_is_not_retried(monkeypatch):
    monkeypatch.setattr(db_router, "replica_health", ScriptedHealth(True))
    attempts = []

    def view(request):
        attempts.append(router.db_for_read(Post))
        return HttpResponse(status=500)

    response, _reads = serve(factory.get("/"), view=view)
    assert attempts == [REPLICA]
    assert response.status_code == 500


def test_only_the_primary_is_migrated():
    assert router.allow_migrate(PRIMARY, "posts") is True
    assert router.allow_migrate(REPLICA, "posts") is False


# --- the replica's health, on SQLite aliases ------------------------------------------


def sqlite_databases(tmp_path, replica_path):
    return ConnectionHandler({
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "p.sqlite3")},
        REPLICA: {"ENGINE": "django.db.backends.sqlite3", "NAME": str(replica_path)},
    })  # fmt: skip


@override_settings(REPLICA_RETRY_SECONDS=30, REPLICA_MAX_LAG_SECONDS=5)
def test_a_reachable_replica_is_usable(tmp_path, django_db_blocker):
    databases = sqlite_databases(tmp_path, tmp_path / "replica.sqlite3")
    with django_db_blocker.unblock():
        try:
            assert ReplicaHealth(databases=databases).usable() is True
        finally:
            databases.close_all()


@override_settings(REPLICA_RETRY_SECONDS=30, REPLICA_MAX_LAG_SECONDS=5)
def test_an_unreachable_replica_is_left_alone_for_a_while(tmp_path, django_db_blocker):
    databases = sqlite_databases(tmp_path, tmp_path / "no-such-dir" / "replica.sqlite3")
    health = ReplicaHealth(databases=databases)
    probes = []
    original = health.lag_seconds
    health.lag_seconds = lambda: probes.append(1) or original()  # type: ignore[method-assign]
    with django_db_blocker.unblock():
        try:
            assert health.usable() is False
            assert health.usable() is False
            assert len(probes) == 1, "no second probe within REPLICA_RETRY_SECONDS"
        finally:
            databases.close_all()


@override_settings(REPLICA_RETRY_SECONDS=30, REPLICA_MAX_LAG_SECONDS=5)
def test_a_lagging_replica_is_not_used(tmp_path, monkeypatch):
    health = ReplicaHealth(databases=sqlite_databases(tmp_path, tmp_path / "r.sqlite3"))
    monkeypatch.setattr(health, "lag_seconds", lambda: 12.0)
    assert health.usable() is False


# --- settings ------------------------------------------------------------------------

SETTINGS_PROBE = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "aliases": sorted(settings.DATABASES),
    "mirror": settings.DATABASES.get("replica", {}).get("TEST", {}).get("MIRROR"),
    "routers": list(settings.DATABASE_ROUTERS),
    "middleware": "config.db_router.ReplicaRoutingMiddleware" in settings.MIDDLEWARE,
}))
"""


def settings_with(tmp_path, **env) -> dict:
    result = run_python(["-c", SETTINGS_PROBE], production_env(tmp_path, **env))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_database_replica_url_adds_the_alias_the_router_and_the_middleware(tmp_path):
    probe = settings_with(tmp_path, DATABASE_REPLICA_URL=f"sqlite:///{tmp_path / 'r.sqlite3'}")
    assert probe["aliases"] == ["default", "replica"]
    assert probe["mirror"] == "default"
    assert probe["routers"] == ["config.db_router.PrimaryReplicaRouter"]
    assert probe["middleware"] is True


def test_without_a_replica_nothing_changes(tmp_path):
    probe = settings_with(tmp_path)
    assert probe == {"aliases": ["default"], "mirror": None, "routers": [], "middleware": False}
