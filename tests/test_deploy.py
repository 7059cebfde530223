"""The deployment files agree with each other and with production settings.

No Docker needed: compose.yaml is read with PyYAML, the Dockerfile and
nginx.conf as text, and production settings are loaded in a subprocess (they
refuse to import without a real SECRET_KEY, and must not leak into this run).
"""

import json
import os
import re
import runpy
import secrets
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PYTHON_SERVICES = ("migrate", "web", "worker")

# Variables the settings read: the subprocess must see only what each test sets,
# not what CI or a developer's shell happens to export.
SETTINGS_ENV = {
    "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "EMAIL_BACKEND", "VAR_DIR", "MEDIA_ROOT",
    "STATIC_ROOT", "MAIL_DIR", "TASKS_BACKEND", "CONN_MAX_AGE", "SITE_DOMAIN",
    "ALLAUTH_TRUSTED_PROXY_COUNT", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD", "CACHE_KEY_PREFIX", "LOG_LEVEL", "REQUEST_LOG_LEVEL",
    "METRICS_ALLOWED_NETWORKS", "DATABASE_REPLICA_URL", "REPLICA_PIN_SECONDS",
    "REPLICA_MAX_LAG_SECONDS", "REPLICA_RETRY_SECONDS", "PROMETHEUS_MULTIPROC_DIR",
    # Set by the browser tests for Playwright; never in a deployment.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}  # fmt: skip


# --- helpers ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


@pytest.fixture(scope="module")
def nginx_conf() -> str:
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    # Directives only: comments explain alternatives that must not count.
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    instructions, current = [], ""
    for raw in (ROOT / "Dockerfile").read_text().splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):  # a comment inside a continued instruction
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        keyword, _, args = current.partition(" ")
        instructions.append((keyword.upper(), args.strip()))
        current = ""
    return instructions


def environment(service: dict) -> dict:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {key: str(value) for key, value in env.items()}


def depends_on(service: dict) -> dict:
    return service.get("depends_on", {})


def nginx_block(conf: str, opening: str) -> str:
    """The body of the block that starts with `opening {`, nested blocks included."""
    start = conf.index(opening + " {") + len(opening) + 2
    depth = 1
    for position in range(start, len(conf)):
        depth += {"{": 1, "}": -1}.get(conf[position], 0)
        if depth == 0:
            return conf[start:position]
    raise AssertionError(f"unbalanced block: {opening}")


def size_in_bytes(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit.lower()]


def production_env(tmp_path: Path, **extra: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_ENV}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(48)[:64],
        ALLOWED_HOSTS="quorum.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
        VAR_DIR=str(tmp_path / "var"),
    )
    env.update(extra)
    return env


def run_python(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


# --- compose.yaml -----------------------------------------------------------------


def test_compose_has_every_service(services):
    assert {"migrate", "web", "worker", "postgres", "postgres-replica", "redis", "nginx"} <= set(
        services
    )


def test_python_services_run_one_image_built_once(services):
    images = {services[name]["image"] for name in PYTHON_SERVICES}
    assert len(images) == 1, images
    # One service builds the image; the others reuse the tag (two services
    # building the same tag concurrently fails under buildx bake).
    assert "build" in services["web"]
    assert "build" not in services["worker"]
    assert "build" not in services["migrate"]


def test_web_runs_replicated_after_migrations(services):
    web = services["web"]
    assert web["deploy"]["replicas"] == 2
    assert "ports" not in web, "replicas cannot share a host port: nginx is the way in"
    assert depends_on(web)["migrate"]["condition"] == "service_completed_successfully"
    assert depends_on(web)["postgres"]["condition"] == "service_healthy"
    assert depends_on(web)["redis"]["condition"] == "service_healthy"


def test_migrate_is_one_shot(services):
    migrate = services["migrate"]
    assert migrate["command"][-2:] == ["migrate", "--noinput"]
    assert migrate["restart"] == "no"
    assert depends_on(migrate)["postgres"]["condition"] == "service_healthy"


def test_worker_runs_the_database_task_queue(services):
    worker = services["worker"]
    # `worker`: db_worker with the heartbeat that requeues a killed worker's tasks.
    assert worker["command"] == ["python", "manage.py", "worker"]
    assert (ROOT / "apps" / "core" / "management" / "commands" / "worker.py").exists()
    assert environment(worker)["TASKS_BACKEND"] == "database"
    assert environment(services["web"])["TASKS_BACKEND"] == "database"
    assert depends_on(worker)["migrate"]["condition"] == "service_completed_successfully"
    # The image's HEALTHCHECK polls gunicorn, which the worker does not run.
    assert worker["healthcheck"] == {"disable": True}


@pytest.mark.parametrize("name", PYTHON_SERVICES)
def test_python_services_environment(services, name):
    env = environment(services[name])
    assert env["ALLAUTH_TRUSTED_PROXY_COUNT"] == "1"
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?"), "SECRET_KEY must be required"
    assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert "@postgres:5432/" in env["DATABASE_URL"]
    assert env["DATABASE_URL"].startswith("postgres://")
    assert env["REDIS_URL"].startswith("redis://redis:6379")
    assert "ALLOWED_HOSTS" in env
    assert "CSRF_TRUSTED_ORIGINS" in env
    assert env["MEDIA_ROOT"] == "/app/var/media"
    assert "media:/app/var/media" in services[name]["volumes"]
    env_files = services[name]["env_file"]
    assert any((item if isinstance(item, str) else item["path"]) == ".env" for item in env_files)


def test_postgres_and_redis_are_healthchecked(services, compose):
    postgres, redis = services["postgres"], services["redis"]
    assert postgres["image"].startswith("postgres:17")
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    assert any(v.endswith(":/var/lib/postgresql/data") for v in postgres["volumes"])
    assert postgres["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")
    assert redis["image"].startswith("redis:7")
    assert "ping" in redis["healthcheck"]["test"]
    assert {"postgres-data", "media"} <= set(compose["volumes"])


def test_replica_streams_from_the_primary(services, compose):
    """postgres-replica: the primary's image on a volume of its own, filled by
    pg_basebackup -R from the primary once it is healthy."""
    primary, replica = services["postgres"], services["postgres-replica"]
    assert replica["image"] == primary["image"]
    assert depends_on(replica)["postgres"]["condition"] == "service_healthy"
    assert "pg_isready" in " ".join(replica["healthcheck"]["test"])
    data = [v for v in replica["volumes"] if v.endswith(":/var/lib/postgresql/data")]
    assert data == ["postgres-replica-data:/var/lib/postgresql/data"]
    assert "postgres-replica-data" in compose["volumes"]
    # Its entrypoint script, mounted from deploy/, makes the standby and then
    # hands over to the image's own entrypoint.
    script_mount = next(v for v in replica["volumes"] if v.startswith("./deploy/postgres/"))
    source, target, mode = script_mount.split(":")
    assert mode == "ro" and replica["entrypoint"][-1] == target
    script = (ROOT / source).read_text()
    assert "pg_basebackup" in script and '-D "$PGDATA" -R -X stream' in script
    assert 'exec docker-entrypoint.sh "$@"' in script
    assert replica["command"] == ["postgres"]
    assert environment(replica)["PRIMARY_HOST"] == "postgres"


def test_primary_lets_the_replication_role_in(services):
    primary, replica = services["postgres"], services["postgres-replica"]
    init = next(v for v in primary["volumes"] if "/docker-entrypoint-initdb.d/" in v)
    source, _target, mode = init.split(":")
    assert mode == "ro"
    script = (ROOT / source).read_text()
    assert "WITH REPLICATION LOGIN PASSWORD" in script
    assert re.search(
        r"host replication \$\{REPLICATION_USER:-replicator\} all scram-sha-256", script
    )
    # Both sides read the role and its password from the same .env values.
    for name in ("REPLICATION_USER", "REPLICATION_PASSWORD"):
        assert environment(primary)[name] == environment(replica)[name]
    assert environment(primary)["REPLICATION_PASSWORD"].startswith("${REPLICATION_PASSWORD:?")


@pytest.mark.parametrize("name", PYTHON_SERVICES)
def test_python_services_read_from_the_replica(services, name):
    env = environment(services[name])
    assert env["DATABASE_REPLICA_URL"].startswith("postgres://")
    assert "@postgres-replica:5432/" in env["DATABASE_REPLICA_URL"]
    # Same role and database as the primary: a standby is a copy of it.
    replica, primary = env["DATABASE_REPLICA_URL"], env["DATABASE_URL"]
    assert replica.startswith("postgres://${POSTGRES_USER:-quorum}:")
    assert primary.startswith("postgres://${POSTGRES_USER:-quorum}:")
    assert replica.rsplit("/", 1)[1] == primary.rsplit("/", 1)[1] == "${POSTGRES_DB:-quorum}"


def test_nginx_service_fronts_web(services, nginx_conf):
    nginx = services["nginx"]
    assert nginx["image"].startswith("nginx:1.27")
    assert "80:80" in nginx["ports"]
    assert "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in nginx["volumes"]
    media_mounts = [v for v in nginx["volumes"] if v.startswith("media:")]
    assert len(media_mounts) == 1 and media_mounts[0].endswith(":ro")
    media_path = media_mounts[0].split(":")[1]
    assert re.search(rf"location /media/ \{{\s*alias {re.escape(media_path)}/;", nginx_conf)
    assert depends_on(nginx)["web"]["condition"] == "service_healthy"


# --- Dockerfile -------------------------------------------------------------------


def test_dockerfile_is_multi_stage_with_slim_runtime():
    instructions = dockerfile_instructions()
    # The base is a build argument (deploy/build-image.sh builds on a local
    # image); its default, what real deployments get, is the official slim one.
    args = dict(
        value.split("=", 1) for keyword, value in instructions if keyword == "ARG" and "=" in value
    )
    assert args["BASE_IMAGE"] == "python:3.13-slim-bookworm"
    froms = [value for keyword, value in instructions if keyword == "FROM"]
    assert len(froms) >= 2
    assert froms[0].split()[-1] == "builder"
    assert all(value.split()[0] == "${BASE_IMAGE}" for value in froms), froms
    copies = [args for keyword, args in dockerfile_instructions() if keyword == "COPY"]
    assert any(args.startswith("--from=builder /opt/venv") for args in copies)


def test_dockerfile_runs_as_non_root():
    users = [args for keyword, args in dockerfile_instructions() if keyword == "USER"]
    assert users, "the image must switch to a non-root user"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}


def test_dockerfile_configures_production():
    instructions = dockerfile_instructions()
    envs = " ".join(args for keyword, args in instructions if keyword == "ENV")
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in envs
    assert "MEDIA_ROOT=/app/var/media" in envs
    # The build-time key lives in one RUN line, never in the image's environment.
    assert "SECRET_KEY" not in envs
    runs = " ".join(args for keyword, args in instructions if keyword == "RUN")
    assert "requirements/prod.txt" in runs
    # The proxy's CA reaches pip as a secret mount, never as a copied file.
    assert "--mount=type=secret,id=pip_cert" in runs
    assert not any("cert" in args.lower() for keyword, args in instructions if keyword == "COPY")
    assert "manage.py collectstatic --noinput" in runs
    assert "manage.py compiletranslations" in runs
    assert ("EXPOSE", "8000") in instructions
    cmd = json.loads(next(args for keyword, args in instructions if keyword == "CMD"))
    assert cmd[0] == "gunicorn"
    assert "deploy/gunicorn.conf.py" in cmd


def test_dockerignore_keeps_secrets_and_local_state_out():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".env", ".git", ".venv", "var", "staticfiles"} <= ignored


def test_healthcheck_asks_for_health_with_an_allowed_host(monkeypatch):
    """The one-liner must send a Host that ALLOWED_HOSTS accepts, or Django
    answers 400 and every replica is reported unhealthy."""
    healthcheck = next(
        args for keyword, args in dockerfile_instructions() if keyword == "HEALTHCHECK"
    )
    exec_form = json.loads(healthcheck[healthcheck.index("CMD") + 3 :].strip())
    assert exec_form[:2] == ["python", "-c"]
    requests = []
    monkeypatch.setattr(urllib.request, "urlopen", lambda req, timeout: requests.append(req))

    for allowed, expected in [
        ("quorum.example,www.quorum.example", "quorum.example"),
        (".quorum.example", "quorum.example"),
        ("*", "localhost"),
        ("", "localhost"),
    ]:
        monkeypatch.setenv("ALLOWED_HOSTS", allowed)
        exec(exec_form[2], {})  # noqa: S102 - our own Dockerfile's command
        request = requests.pop()
        assert request.full_url == "http://127.0.0.1:8000/health/"
        assert request.get_header("Host") == expected


def test_gunicorn_config_takes_workers_from_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    monkeypatch.setenv("GUNICORN_THREADS", "3")
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["bind"] == "0.0.0.0:8000"
    assert config["workers"] == 5
    assert config["threads"] == 3


# --- nginx.conf -------------------------------------------------------------------


def test_nginx_overwrites_forwarded_headers(nginx_conf):
    assert re.search(r"proxy_set_header\s+X-Forwarded-For\s+\$remote_addr;", nginx_conf)
    assert "$proxy_add_x_forwarded_for" not in nginx_conf
    assert re.search(r"proxy_set_header\s+X-Forwarded-Proto\s+\$\w+;", nginx_conf)
    assert re.search(r"proxy_set_header\s+Host\s+\$(http_)?host;", nginx_conf)
    assert re.search(r"server\s+web:8000\b", nginx_conf)


def test_nginx_body_limit_equals_django_limits(nginx_conf):
    """One limit whichever layer answers: nginx refuses exactly what Django
    would (RequestDataTooBig → 413), and an avatar a little over its own cap
    still reaches Django for a translated form error."""
    from django.conf import settings

    limits = re.findall(r"client_max_body_size\s+(\w+);", nginx_conf)
    assert len(limits) == 1, "one body limit for every location"
    limit = size_in_bytes(limits[0])
    assert limit == settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert limit > settings.AVATAR_MAX_BYTES


def test_nginx_answers_an_oversized_api_body_in_the_envelope(nginx_conf):
    from django.conf import settings

    from apps.api.errors import ERROR_CODES

    api = nginx_block(nginx_conf, "location /api/")
    assert "proxy_pass http://quorum_web;" in api
    assert re.search(r"error_page\s+413\s+=\s*@api_too_large;", api)
    fallback = nginx_block(nginx_conf, "location @api_too_large")
    status, body = re.search(r"return\s+(\d+)\s+'([^']+)';", fallback).groups()
    error = json.loads(body)["error"]
    assert ERROR_CODES[error["code"]] == int(status) == 413
    assert error["details"]["limit_bytes"] == settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert "default_type application/json;" in fallback


def test_nginx_serves_media_as_inert_files(nginx_conf):
    media = nginx_block(nginx_conf, "location /media/")
    assert re.search(r"add_header X-Content-Type-Options \"?nosniff\"? always;", media)
    assert re.search(
        r"add_header Content-Security-Policy \"default-src 'none'[^\"]*\" always;", media
    )
    assert "default_type application/octet-stream;" in media


def test_nginx_caches_static_files_long(nginx_conf):
    assert "location /static/" in nginx_conf
    assert "max-age=315360000, immutable" in nginx_conf
    assert re.search(r"gzip\s+on;", nginx_conf)


# --- production settings ------------------------------------------------------------


def test_production_settings_pass_check_deploy(tmp_path):
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout, result.stdout + result.stderr


PROBE = """
import json, re, django
django.setup()
from django.conf import settings
print(json.dumps({
    "proxy_ssl_header": list(settings.SECURE_PROXY_SSL_HEADER or []),
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "health_exempt": any(re.search(p, "health/") for p in settings.SECURE_REDIRECT_EXEMPT),
    "csp": {key: list(value) for key, value in settings.SECURE_CSP.items()},
    "proxy_count": settings.ALLAUTH_TRUSTED_PROXY_COUNT,
    "debug": settings.DEBUG,
    "tasks": settings.TASKS["default"]["BACKEND"],
}))
"""


def test_production_settings_behind_the_proxy(tmp_path):
    # These are what `check --deploy` does not look at (see docs/lessons.md).
    result = run_python(["-c", PROBE], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["proxy_ssl_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert probe["ssl_redirect"] is True
    assert probe["health_exempt"] is True
    assert probe["csp"]["object-src"] == ["'none'"]
    assert probe["csp"]["base-uri"] == ["'none'"]
    assert probe["proxy_count"] == 1
    assert probe["debug"] is False
    assert probe["tasks"] == "django_tasks_db.DatabaseBackend"


def test_production_settings_refuse_a_short_secret_key(tmp_path):
    result = run_python(["-c", PROBE], production_env(tmp_path, SECRET_KEY="too-short"))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


# --- the rehearsal (deploy/rehearse.py) ------------------------------------------------


@pytest.fixture(scope="module")
def rehearse():
    return runpy.run_path(str(ROOT / "deploy" / "rehearse.py"), run_name="rehearse")


def test_rehearsal_runs_what_compose_runs(rehearse, services):
    assert list(rehearse["WORKER_COMMAND"]) == services["worker"]["command"]
    # Processes mode starts the image's CMD with the interpreter it runs.
    cmd = json.loads(next(args for keyword, args in dockerfile_instructions() if keyword == "CMD"))
    assert list(rehearse["WEB_COMMAND"]) == ["python", "-m", *cmd]
    assert rehearse["APP_UID"] == 10001
    assert ("USER", "10001:10001") in dockerfile_instructions()


def test_rehearsal_copy_leaves_out_what_the_image_leaves_out(rehearse):
    """Processes mode runs a copy of the checkout made with .dockerignore's
    patterns, so it holds what `COPY . .` puts in the image."""
    patterns = rehearse["dockerignore_patterns"]()
    ignored = rehearse["ignored_names"]

    def left_out(path: str) -> bool:
        folder, _, name = path.rpartition("/")
        return name in ignored(str(ROOT / folder), [name], patterns)

    for path in [
        *(".git", ".venv", ".env", ".env.local", "var", "staticfiles", "tests"),
        *("apps/core/__pycache__", "apps/core/views.pyc", "locale/fr/LC_MESSAGES/django.mo"),
        *("deploy/rehearse.py", "compose.yaml"),
    ]:
        assert left_out(path), path
    for path in [
        *("apps", "config", "manage.py", "locale/fr/LC_MESSAGES/django.po", "requirements"),
        *("deploy/gunicorn.conf.py", "deploy/nginx.conf"),
    ]:
        assert not left_out(path), path


def test_rehearsal_says_which_way_it_ran(rehearse):
    describe = rehearse["describe"]
    assert describe("containers", "").startswith("containers via podman (image ")
    fallback = describe("processes", "runc create failed")
    assert fallback == (
        "processes from a read-only copy of the checkout as uid 10001 "
        "(podman could not run a container: runc create failed)"
    )
    assert rehearse["choose_mode"]("processes") == (
        "processes",
        "asked for with --mode processes",
    )


def test_ci_runs_the_rehearsal_and_fails_with_it():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "set -euo pipefail" in ci
    step = ci[ci.index('step "Production rehearsal') :].split("\nstep ", 1)[0]
    assert re.search(r"^make rehearsal$", step, re.M)
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile[makefile.index("\nrehearsal:") :].split("\n\n", 1)[0]
    assert "deploy/setup-host.sh" in recipe
    assert "deploy/rehearse.py --mode $(REHEARSAL_MODE)" in recipe
    setup = (ROOT / "deploy" / "setup-host.sh").read_text()
    for package in ("podman", "runc", "uidmap", "debootstrap", "nginx-light"):
        assert f"missing+=({package})" in setup, package
