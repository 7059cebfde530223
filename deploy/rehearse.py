"""Production rehearsal: the image, two web nodes behind nginx, the worker, a streaming read
replica, the JSON logs and metrics, and fault drills.

    make rehearsal                      # or: .venv/bin/python deploy/rehearse.py [--mode …]

Runs, on loopback ports of its own and in compose.yaml's order:

    PostgreSQL (a throwaway cluster, initdb)   127.0.0.1:55432
    its read replica (pg_basebackup -R)        127.0.0.1:55433
    Redis (cache only, no persistence)         127.0.0.1:56379
    migrate, seed_demo (one-shots)
    web-1, web-2 (gunicorn)                    127.0.0.1:18001, :18002
    worker (manage.py worker)
    nginx (deploy/nginx.conf, adapted below)   127.0.0.1:18080

The Python services run one of two ways (`--mode`, default auto), and the
output says which:

- containers: from the image `make image` built (QUORUM_IMAGE, default
  quorum:latest), with podman and host networking;
- processes, when podman cannot run a container here (or the image did not
  build): the same commands from a root-owned, read-only copy of the checkout
  (static files collected and translations compiled into it first, as the
  Dockerfile does), each started with `runuser -u quorum-rehearsal` (uid
  10001, as in the image), so permission mistakes still show.

nginx, PostgreSQL and Redis run as host processes in both (no registry to pull
their images from). The shared PostgreSQL and Redis on 5432/6379 are never
touched. Everything started is stopped at the end, also on failure or Ctrl+C.

Then a smoke journey through nginx (pages, static files, translations, sign
up, the verification mail sent by the worker, log in, join, post, comment,
votes on both, search, an oversized API body), the JSON request log and
/metrics, reads served by the replica, and the fault drills, each printing its
figures. Counts of errors, not timings, decide: the exit status is 1 when any
check misses.

Root is needed (podman rootful, nginx, running PostgreSQL as `postgres`,
runuser).
"""

# ruff: noqa: S310, S603, S607 - a script for operators: it runs the tools on PATH
# (podman, nginx, psql, redis-server) and requests its own loopback URLs.

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import glob
import html
import http.client
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from email import message_from_bytes
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGE = os.environ.get("QUORUM_IMAGE", "quorum:latest")
PG_PORT, REPLICA_PORT, REDIS_PORT, NGINX_PORT = 55432, 55433, 56379, 18080
WEB_PORTS = (18001, 18002)
BASE = f"http://127.0.0.1:{NGINX_PORT}"
PREFIX = "quorum-rehearsal"
# Processes mode: the unprivileged user the Python services run as (the image's uid).
APP_USER, APP_UID = "quorum-rehearsal", 10001
RUNUSER = shutil.which("runuser") or "/usr/sbin/runuser"
# The image's CMD, spelled for an interpreter outside the image.
WEB_COMMAND = ("python", "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py",
               "config.wsgi:application")  # fmt: skip
WORKER_COMMAND = ("python", "manage.py", "worker")
PG_MAX_CONNECTIONS = 40  # 2 nodes x 2 processes x 4 threads + worker + drills

FAILURES: list[str] = []


def say(message: str) -> None:
    print(f"[rehearsal {time.strftime('%H:%M:%S')}] {message}", flush=True)


def check(ok: bool, what: str) -> bool:
    print(f"    {'ok  ' if ok else 'FAIL'} {what}", flush=True)
    if not ok:
        FAILURES.append(what)
    return ok


def run(*args: str, check_rc: bool = True, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if check_rc and result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


# --- HTTP ---------------------------------------------------------------------------


class _PlainHttpSecureCookies(http.cookiejar.DefaultCookiePolicy):
    """Production sets Secure cookies; the rehearsal speaks plain HTTP on
    loopback (TLS would end at nginx or a balancer in front)."""

    def return_ok_secure(self, cookie, request):
        return True


class Browser:
    def __init__(self, language: str = "en") -> None:
        self.jar = http.cookiejar.CookieJar(policy=_PlainHttpSecureCookies())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.language = language

    def request(
        self, path: str, data: dict | bytes | None = None, headers: dict | None = None
    ) -> tuple[int, str, dict]:
        body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
        request = urllib.request.Request(BASE + path, data=body, headers=headers or {})
        request.add_header("Accept-Language", self.language)
        if isinstance(data, dict):
            request.add_header("Origin", BASE)
            request.add_header("Referer", BASE + path)
        try:
            with self.opener.open(request, timeout=15) as response:
                return response.status, response.read().decode("utf-8", "replace"), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace"), error.headers
        except (OSError, http.client.HTTPException):
            return 0, "", {}

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def post_form(self, path: str, fields: dict, wait: float = 0) -> tuple[int, str, dict]:
        """The form at `path` sent back with `fields` and its hidden inputs
        (the CSRF token, the signup form's signed start time), `wait` seconds
        after it was shown (the signup form refuses a bot's speed)."""
        _status, page, _headers = self.request(path)
        hidden = {"csrfmiddlewaretoken": self.csrf()}
        for tag in re.findall(r"<input\b[^>]*\btype=\"hidden\"[^>]*>", page):
            name, value = re.search(r'\bname="([^"]*)"', tag), re.search(r'\bvalue="([^"]*)"', tag)
            if name:
                hidden[name.group(1)] = html.unescape(value.group(1)) if value else ""
        time.sleep(wait)
        return self.request(path, {**hidden, **fields})


# A client that has just written reads from the primary (config/db_router.py):
# the drills of the primary send this cookie, so they test the primary.
PINNED = {"Cookie": "quorum_primary=1"}


def get(
    path: str, language: str = "en", timeout: float = 10, headers: dict | None = None
) -> tuple[int, str, float]:
    headers = {"Accept-Language": language, **(headers or {})}
    request = urllib.request.Request(BASE + path, headers=headers)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read().decode("utf-8", "replace")
            return response.status, body, time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), time.monotonic() - started
    except (OSError, http.client.HTTPException):
        # No answer, or one cut off half-way (its node died while sending it): failed.
        return 0, "", time.monotonic() - started


class Load:
    """Threads reading pages through nginx until stopped; every answer is
    recorded as (time, path, status)."""

    def __init__(self, paths: list[str], threads: int = 4, headers: dict | None = None) -> None:
        self.paths, self.records, self.headers = paths, [], headers
        self.lock, self.stopping = threading.Lock(), threading.Event()
        self.threads = [threading.Thread(target=self._loop, args=(i,)) for i in range(threads)]

    def _loop(self, index: int) -> None:
        n = index
        while not self.stopping.is_set():
            path = self.paths[n % len(self.paths)]
            status, _body, _seconds = get(path, headers=self.headers)
            with self.lock:
                self.records.append((time.monotonic(), path, status))
            n += 1

    def __enter__(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join()

    def between(self, start: float, end: float = float("inf")) -> Counter:
        return Counter(status for at, _path, status in self.records if start <= at < end)


def bad(counts: Counter) -> int:
    return sum(n for status, n in counts.items() if not 200 <= status < 400)


# --- the topology -------------------------------------------------------------------


class Topology:
    def __init__(self, work: Path, mode: str = "containers") -> None:
        self.work = work
        self.mode = mode  # "containers" or "processes"
        self.cleanups: list[Callable[[], None]] = []
        self.pg_bin = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1])
        self.pg_data = work / "pg"
        self.replica_data = work / "pg-replica"
        self.redis: subprocess.Popen | None = None
        self.nginx: subprocess.Popen | None = None
        # The services' writable state, as the image's /app/var (uid 10001).
        self.var = work / "var"
        self.mail = self.var / "mail"
        self.media = self.var / "media"
        self.env_file = work / "app.env"
        # Processes mode: the read-only copy of the checkout, the interpreter
        # uid 10001 runs, one stdout log per service, the running services.
        self.app = work / "app"
        self.python = Path(sys.executable)
        self.library_path = ""
        self.logs = work / "logs"
        self.processes: dict[str, subprocess.Popen] = {}
        self.registered: set[str] = set()

    def stop_all(self) -> None:
        for cleanup in reversed(self.cleanups):
            with contextlib.suppress(Exception):
                cleanup()
        self.cleanups.clear()

    # PostgreSQL: a cluster of our own, removed at the end.
    def pg_ctl(self, *args: str) -> subprocess.CompletedProcess:
        return run("runuser", "-u", "postgres", "--", str(self.pg_bin / "pg_ctl"),
                   "-D", str(self.pg_data), *args, check_rc=False)  # fmt: skip

    def start_postgres(self) -> None:
        self.pg_data.mkdir()
        shutil.chown(self.pg_data, "postgres", "postgres")
        run("runuser", "-u", "postgres", "--", str(self.pg_bin / "initdb"), "-D", str(self.pg_data),
            "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8")  # fmt: skip
        with (self.pg_data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"listen_addresses = '127.0.0.1'\nport = {PG_PORT}\n"
                f"unix_socket_directories = '{self.pg_data}'\n"
                f"max_connections = {PG_MAX_CONNECTIONS}\nfsync = off\n"
            )
        self.cleanups.append(lambda: self.pg_ctl("stop", "-m", "immediate"))
        self.postgres_up()
        self.psql("CREATE ROLE quorum LOGIN PASSWORD 'rehearsal'")
        self.psql("CREATE DATABASE quorum OWNER quorum")
        self.psql("CREATE ROLE filler LOGIN")

    def postgres_up(self) -> None:
        result = self.pg_ctl("-l", str(self.pg_data / "postgres.log"), "-w", "start")
        if result.returncode != 0:
            raise RuntimeError(result.stdout + result.stderr)

    def postgres_down(self) -> None:
        self.pg_ctl("-m", "fast", "-w", "stop")

    # The read replica: a base backup of the primary that streams its WAL (-R
    # writes primary_conninfo and standby.signal), on a port of its own.
    def start_replica(self) -> None:
        self.replica_data.mkdir(mode=0o700)
        shutil.chown(self.replica_data, "postgres", "postgres")
        run("runuser", "-u", "postgres", "--", str(self.pg_bin / "pg_basebackup"),
            "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-D", str(self.replica_data),
            "-R", "-X", "stream", "-c", "fast")  # fmt: skip
        with (self.replica_data / "postgresql.conf").open("a") as conf:
            conf.write(f"port = {REPLICA_PORT}\nunix_socket_directories = '{self.replica_data}'\n")
        self.cleanups.append(lambda: self.replica_ctl("stop", "-m", "immediate"))
        self.replica_up()
        for _ in range(50):
            if self.replica_psql("SELECT pg_is_in_recovery()") == "t":
                return
            time.sleep(0.2)
        raise RuntimeError("the replica is not in recovery (not streaming)")

    def replica_ctl(self, *args: str) -> subprocess.CompletedProcess:
        return run("runuser", "-u", "postgres", "--", str(self.pg_bin / "pg_ctl"),
                   "-D", str(self.replica_data), *args, check_rc=False)  # fmt: skip

    def replica_up(self) -> None:
        result = self.replica_ctl("-l", str(self.replica_data / "postgres.log"), "-w", "start")
        if result.returncode != 0:
            raise RuntimeError(result.stdout + result.stderr)

    def replica_down(self) -> None:
        self.replica_ctl("-m", "fast", "-w", "stop")

    def replica_psql(self, sql: str, db: str = "postgres") -> str:
        return run("psql", "-h", "127.0.0.1", "-p", str(REPLICA_PORT), "-U", "postgres", "-d", db,
                   "-tAqc", sql, check_rc=False).stdout.strip()  # fmt: skip

    def replica_transactions(self) -> int:
        """Transactions the replica ran for the site's database (its own
        statistics: each read the router sent there is one)."""
        value = self.replica_psql(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'quorum'"
        )
        return int(value or 0)

    def psql(self, sql: str, db: str = "postgres") -> str:
        return run("psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-d", db,
                   "-tAqc", sql).stdout.strip()  # fmt: skip

    # Redis: cache only, as compose.yaml runs it.
    def start_redis(self) -> None:
        self.redis = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(REDIS_PORT), "--save", "",
             "--appendonly", "no", "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru"],
            stdout=(self.work / "redis.log").open("ab"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.cleanups.append(self.stop_redis)
        for _ in range(50):
            if run("redis-cli", "-p", str(REDIS_PORT), "ping", check_rc=False).stdout.strip():
                return
            time.sleep(0.1)
        raise RuntimeError("redis did not start")

    def stop_redis(self) -> None:
        if self.redis and self.redis.poll() is None:
            self.redis.terminate()
            self.redis.wait(10)

    # The Python services: one image (or one read-only copy), one environment.
    def write_env(self) -> None:
        for path in (self.var, self.mail, self.media):
            path.mkdir()
            os.chown(path, APP_UID, APP_UID)
        env = {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_DOMAIN": f"127.0.0.1:{NGINX_PORT}",
            "DATABASE_URL": f"postgres://quorum:rehearsal@127.0.0.1:{PG_PORT}/quorum",
            "DATABASE_REPLICA_URL": f"postgres://quorum:rehearsal@127.0.0.1:{REPLICA_PORT}/quorum",
            "CONN_MAX_AGE": "60",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "ALLAUTH_TRUSTED_PROXY_COUNT": "1",
            "TASKS_BACKEND": "database",
            # No TLS on loopback: nginx would redirect every page to https://.
            "SECURE_SSL_REDIRECT": "0",
            "LOG_LEVEL": "WARNING",
            "WEB_CONCURRENCY": "2",
            "GUNICORN_THREADS": "4",
        }
        self.env_file.write_text("".join(f"{k}={v}\n" for k, v in env.items()))
        self.env_file.chmod(0o600)

    def podman(self, *args: str, check_rc: bool = True) -> subprocess.CompletedProcess:
        return run("podman", *args, check_rc=check_rc)

    def container(self, name: str, *command: str, env: dict | None = None, detach=True):
        args = ["run", "--name", f"{PREFIX}-{name}", "--network", "host", "--no-healthcheck",
                "--env-file", str(self.env_file), "-v", f"{self.media}:/app/var/media",
                "-v", f"{self.mail}:/app/var/mail"]  # fmt: skip
        for key, value in (env or {}).items():
            args += ["-e", f"{key}={value}"]
        if detach:
            args.insert(1, "-d")
            if name not in self.registered:
                self.registered.add(name)
                self.cleanups.append(
                    lambda: self.podman("rm", "-f", "-t", "5", f"{PREFIX}-{name}", check_rc=False)
                )
        else:
            args.insert(1, "--rm")
        return self.podman(*args, IMAGE, *command)

    # Processes mode: what the image's build does, on a copy of the checkout.
    def prepare_processes(self) -> None:
        """A root-owned, read-only copy of the checkout (what the Dockerfile's
        COPY takes, .dockerignore applied), its static files collected and
        translations compiled as the image's build does, an interpreter uid
        10001 can run, and that user."""
        ensure_app_user()
        self.logs.mkdir()
        patterns = dockerignore_patterns()
        shutil.copytree(
            ROOT, self.app, symlinks=True,
            ignore=lambda folder, names: ignored_names(folder, names, patterns),
        )  # fmt: skip
        self.prepare_python()
        # The Dockerfile's build RUN: the image's ENV, a throwaway key, no database.
        build_env = self.process_env({
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": "sqlite:///:memory:",
            "VAR_DIR": str(self.work / "build-var"),
        }, runtime=False)  # fmt: skip
        python = str(self.python)
        for command in (
            (python, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"),
            (python, "manage.py", "compiletranslations"),
            (python, "-m", "compileall", "-q", "apps", "config"),
        ):
            run(*command, cwd=self.app, env=build_env)
        shutil.rmtree(self.work / "build-var", ignore_errors=True)
        for path in (self.app, self.python_home()):
            if path is not None:
                run("chown", "-R", "root:root", str(path))
                run("chmod", "-R", "a-w", str(path))
        writable = run(RUNUSER, "-u", APP_USER, "--", "test", "-w", str(self.app / "manage.py"),
                       check_rc=False).returncode == 0  # fmt: skip
        check(not writable, f"the code in {self.app} is read-only to uid {APP_UID}")

    def python_home(self) -> Path | None:
        """The copied interpreter's prefix, when the checkout's one was out of reach."""
        return self.work / "python" if self.library_path else None

    def prepare_python(self) -> None:
        """The checkout's venv when uid 10001 can run it; otherwise (e.g. an
        interpreter under /root) a copy of its interpreter with the venv's
        packages, root-owned like the rest."""
        probe = run(RUNUSER, "-u", APP_USER, "--", sys.executable, "-c",
                    "import django, gunicorn, psycopg", check_rc=False)  # fmt: skip
        if probe.returncode == 0:
            self.python = Path(sys.executable)
            return
        home = self.work / "python"
        version = f"python{sys.version_info.major}.{sys.version_info.minor}"
        shutil.copytree(sys.base_prefix, home, symlinks=True)
        shutil.copytree(sysconfig.get_paths()["purelib"], home / "lib" / version / "site-packages",
                        symlinks=True, dirs_exist_ok=True)  # fmt: skip
        self.python = home / "bin" / version
        self.library_path = str(home / "lib")
        home.chmod(0o755)

    def process_env(self, extra: dict | None = None, runtime: bool = True) -> dict:
        """The containers' environment: the image's ENV lines (paths moved to
        the copy and the work directory), the env file (`runtime`), `extra`."""
        env = {
            "PATH": f"{self.python.parent}:/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "VAR_DIR": str(self.var),
            "MEDIA_ROOT": str(self.media),
            "STATIC_ROOT": str(self.app / "staticfiles"),
        }
        if self.library_path:
            env["LD_LIBRARY_PATH"] = self.library_path
        if runtime:
            for line in self.env_file.read_text().splitlines():
                key, _, value = line.partition("=")
                env[key] = value
        env.update(extra or {})
        return env

    def as_app_user(self, command: tuple[str, ...]) -> list[str]:
        python = str(self.python)
        return [RUNUSER, "-u", APP_USER, "--",
                *(python if part == "python" else part for part in command)]  # fmt: skip

    # Either mode: a one-shot command, or a long-running service that the
    # drills kill, stop and start again.
    def once(self, name: str, *command: str, env: dict | None = None) -> str:
        if self.mode == "containers":
            return self.container(name, *command, env=env, detach=False).stdout
        result = run(*self.as_app_user(command), cwd=self.app, env=self.process_env(env),
                     check_rc=False)  # fmt: skip
        with (self.logs / f"{name}.log").open("a") as log:
            log.write(result.stdout + result.stderr)
        if result.returncode != 0:
            raise RuntimeError(f"{name} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def start_service(self, name: str, *command: str, env: dict | None = None) -> None:
        if self.mode == "containers":
            # A killed or stopped container of that name is replaced.
            self.podman("rm", "-f", "-t", "0", f"{PREFIX}-{name}", check_rc=False)
            self.container(name, *command, env=env)
            return
        log = (self.logs / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            self.as_app_user(command or WEB_COMMAND), cwd=self.app, env=self.process_env(env),
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        log.close()
        if name not in self.registered:
            self.registered.add(name)
            self.cleanups.append(lambda: self.stop_service(name, 5))

    def kill_service(self, name: str) -> None:
        """SIGKILL: a node that dies, nothing finished."""
        if self.mode == "containers":
            self.podman("kill", f"{PREFIX}-{name}")
            return
        process = self.processes[name]
        if process.poll() is not None:
            return
        # Not reaped yet, so its pid (and so its children's) is still its own.
        for pid in process_tree(process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait(10)

    def stop_service(self, name: str, seconds: int = 30) -> None:
        """SIGTERM to the service (what `podman stop` sends), SIGKILL after `seconds`."""
        if self.mode == "containers":
            self.podman("stop", "-t", str(seconds), f"{PREFIX}-{name}")
            return
        process = self.processes[name]
        if process.poll() is not None:
            return
        tree = process_tree(process.pid)
        # runuser's child is the service itself (gunicorn's master, the worker).
        for pid in tree[1:2]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        try:
            process.wait(seconds)
        except subprocess.TimeoutExpired:
            self.kill_service(name)
        # Anything of that service left behind (checked by its command line:
        # a pid that ended may since belong to another program).
        for pid in tree[1:]:
            with contextlib.suppress(OSError):
                if str(self.python).encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                    os.kill(pid, signal.SIGKILL)

    def service_log(self, name: str) -> str:
        if self.mode == "containers":
            logs = self.podman("logs", f"{PREFIX}-{name}", check_rc=False)
            return logs.stdout + logs.stderr
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def start_web(self, index: int) -> None:
        port = WEB_PORTS[index - 1]
        self.start_service(f"web-{index}", env={"GUNICORN_BIND": f"127.0.0.1:{port}"})

    def start_worker(self, env: dict | None = None) -> None:
        self.start_service("worker", *WORKER_COMMAND, env=env)

    def wait_healthy(self, port: int, seconds: float = 60) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/health/")
            with contextlib.suppress(OSError), urllib.request.urlopen(request, timeout=2) as answer:
                if answer.status == 200:
                    return True
            time.sleep(0.5)
        return False

    # nginx: deploy/nginx.conf itself, with compose's names replaced by loopback ports.
    def start_nginx(self) -> None:
        conf = (ROOT / "deploy" / "nginx.conf").read_text()
        servers = "".join(
            f"        server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;\n" for port in WEB_PORTS
        )
        replacements = [
            (r"(?m)^user nginx;\n", ""),
            (r"error_log [^;]+;", f"error_log {self.work}/nginx-error.log warn;"),
            (r"pid [^;]+;", f"pid {self.work}/nginx.pid;"),
            (r"access_log [^;]+ main;", f"access_log {self.work}/nginx-access.log main;"),
            (r"proxy_cache_path /var/cache/nginx/static", f"proxy_cache_path {self.work}/cache"),
            (r"(?m)^\s*resolver(_timeout)? [^;]+;\n", ""),
            (r"(?m)^\s*server web:8000 [^;]+;\n", servers),
            (r"listen 80 default_server;", f"listen 127.0.0.1:{NGINX_PORT} default_server;"),
            (r"alias /srv/media/;", f"alias {self.media}/;"),
        ]
        for pattern, replacement in replacements:
            conf, count = re.subn(pattern, replacement, conf)
            if not count:
                raise RuntimeError(f"deploy/nginx.conf changed: {pattern!r} not found")
        (self.work / "nginx.conf").write_text(conf)
        prefix = ["nginx", "-p", str(self.work), "-c", str(self.work / "nginx.conf")]
        run(*prefix, "-t")
        self.nginx = subprocess.Popen([*prefix, "-g", "daemon off;"])
        self.cleanups.append(self.stop_nginx)

    def stop_nginx(self) -> None:
        if self.nginx and self.nginx.poll() is None:
            self.nginx.terminate()
            self.nginx.wait(10)

    def up(self) -> None:
        say("PostgreSQL (own cluster), its streaming read replica, Redis")
        self.start_postgres()
        self.start_replica()
        self.start_redis()
        self.write_env()
        if self.mode == "processes":
            say(f"a root-owned, read-only copy of the checkout in {self.app}: static files "
                "collected, translations compiled, as the image's build does")  # fmt: skip
            self.prepare_processes()
        where = f"container from {IMAGE}" if self.mode == "containers" else f"uid {APP_UID}"
        say(f"migrate (one-shot, {where})")
        self.once("migrate", "python", "manage.py", "migrate", "--noinput")
        say("seed_demo (demo communities and posts to read)")
        self.once("seed", "python", "manage.py", "seed_demo")
        say("web-1, web-2 (gunicorn), worker (manage.py worker)")
        for index in (1, 2):
            self.start_web(index)
        self.start_worker()
        for index, port in enumerate(WEB_PORTS, start=1):
            if not self.wait_healthy(port):
                logs = self.service_log(f"web-{index}")
                raise RuntimeError(f"web on {port} never became healthy\n{logs[-3000:]}")
        say("nginx")
        self.start_nginx()
        time.sleep(0.5)


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants, parents first (from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(stat.parent.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop(0)
        tree.append(current)
        todo += sorted(children.get(current, []))
    return tree


def ensure_app_user() -> None:
    """The system user processes mode runs as: uid 10001, like the image's."""
    if run("getent", "passwd", APP_USER, check_rc=False).returncode == 0:
        return
    owner = run("getent", "passwd", str(APP_UID), check_rc=False).stdout.split(":")[0]
    if owner:
        raise RuntimeError(f"uid {APP_UID} belongs to {owner!r}, not {APP_USER!r}")
    run("useradd", "--system", "--uid", str(APP_UID), "--user-group", "--no-create-home",
        "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", APP_USER)  # fmt: skip


def dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [line.strip().rstrip("/") for line in lines if line.strip() and line[0] != "#"]


def ignored_names(folder: str, names: list[str], patterns: list[str]) -> set[str]:
    """What the image's `COPY . .` leaves out (.dockerignore's patterns, as
    anchored at the root, `**/` matching at any depth)."""
    relative = Path(folder).relative_to(ROOT)
    ignored = set()
    for name in names:
        path = (relative / name).as_posix()
        for pattern in patterns:
            if pattern.startswith("**/"):
                matched = fnmatch.fnmatchcase(name, pattern[3:])
            else:
                matched = fnmatch.fnmatchcase(path, pattern)
            if matched:
                ignored.add(name)
                break
    return ignored


# --- the smoke journey --------------------------------------------------------------


def mails_to(mail_dir: Path, address: str) -> list[str]:
    bodies = []
    for path in sorted(mail_dir.rglob("*.eml")):
        message = message_from_bytes(path.read_bytes())
        if address in str(message["To"]):
            for part in message.walk():
                if part.get_content_type() == "text/plain":
                    bodies.append(part.get_payload(decode=True).decode("utf-8", "replace"))
    return bodies


def wait_for_mail(mail_dir: Path, address: str, seconds: float) -> str | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        bodies = mails_to(mail_dir, address)
        if bodies:
            return bodies[-1]
        time.sleep(0.5)
    return None


def sign_up(topology: Topology, username: str, mail_wait: float = 30) -> tuple[Browser, str]:
    browser = Browser()
    email = f"{username}@rehearsal.example"
    # Nothing like the username: Django's similarity validator would refuse it.
    password = "Pw-" + secrets.token_urlsafe(12)
    status, page, _h = browser.post_form(
        "/accounts/signup/",
        {"username": username, "email": email, "password1": password, "password2": password},
        wait=3.5,  # QUORUM_SIGNUP_MIN_SECONDS (3) after the form was shown
    )
    accepted = 'name="password1"' not in page
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
    refused = "; ".join(re.sub(r"<[^>]+>", " ", error).strip() for error in errors)
    check(status == 200 and accepted,
          f"sign up {username}: {status}, accepted {accepted} {refused}".rstrip())  # fmt: skip
    return browser, password


def smoke(topology: Topology) -> tuple[Browser, str]:
    say("smoke journey through nginx")
    status, home, _s = get("/")
    check(status == 200 and "Quorum" in home, f"home page: {status}")
    status, _b, _s = get("/c/gardening/")
    check(status == 200, f"community page: {status}")
    status, body, _s = get("/health/")
    check(status == 200 and json.loads(body or "{}").get("status") == "ok", f"/health/: {body}")

    css = re.search(r'/static/[^"]+\.css', home)
    if check(bool(css), "home page links hashed static CSS"):
        request = urllib.request.Request(BASE + css.group(0))
        with urllib.request.urlopen(request, timeout=10) as response:
            cache = response.headers.get("Cache-Control", "")
            check(response.status == 200 and "immutable" in cache, f"{css.group(0)}: {cache}")

    for language, expected in (("fr", "Se connecter"), ("ar", "تسجيل الدخول")):
        status, page, _s = get("/", language=language)
        check(
            status == 200 and expected in page and f'lang="{language}"' in page,
            f"home page in {language} shows {expected!r} (the .mo files read by uid 10001)",
        )

    username = "rehearsal" + secrets.token_hex(3)
    browser, password = sign_up(topology, username)
    mail = wait_for_mail(topology.mail, f"{username}@", 30)
    check(mail is not None, "the worker sent the verification mail")
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+)", mail or "")
    if check(bool(link), "the mail carries a confirmation link"):
        status, _p, _h = browser.post_form(link.group(1), {})
        check(status == 200, f"email confirmed: {status}")
    status, page, _h = browser.post_form(
        "/accounts/login/", {"login": username, "password": password}
    )
    check(status == 200 and username in page, f"log in through nginx: {status}")
    browser.request("/c/gardening/")
    join = browser.request("/c/gardening/join/", {"csrfmiddlewaretoken": browser.csrf()})
    check(join[0] == 200, f"join gardening: {join[0]}")
    title = f"Rehearsal post {secrets.token_hex(3)}"
    status, page, _h = browser.post_form(
        "/c/gardening/submit/", {"title": title, "body": "Written during the rehearsal."}
    )
    check(status == 200 and title in page, f"post through nginx: {status}")
    comment_and_votes(topology, browser, page, title)

    big = json.dumps({"title": "x", "body": "y" * 4 * 1024 * 1024}).encode()
    status, body, _headers = Browser().request(
        "/api/v1/posts/", big, {"Content-Type": "application/json"}
    )
    code = json.loads(body or "{}").get("error", {}).get("code") if body.startswith("{") else None
    check(status == 413 and code == "payload_too_large", f"4 MB API body: {status} {code}")
    return browser, title


def comment_and_votes(topology: Topology, browser: Browser, page: str, title: str) -> None:
    """On the post just written (its page in `page`): a search that finds it,
    a comment, an upvote on the post and one on the comment, each through
    nginx; the database confirms what the pages show. The votes come last:
    the member's next reads stay pinned to the primary for 10 s after them."""
    found = re.search(r"/c/gardening/p/(\d+)/vote/", page)
    if not check(bool(found), "the post page offers the vote form"):
        return
    post_id = int(found.group(1))
    # Anonymous, so from the replica: it may take a moment to replay the post.
    # (Matches are highlighted in the title: look for the post's address.)
    word, address = title.split()[-1], f"/c/gardening/p/{post_id}/"
    deadline, status, results = time.monotonic() + 10, 0, ""
    while time.monotonic() < deadline:
        status, results, _s = get(f"/search/?q={word}")
        if status == 200 and address in results:
            break
        time.sleep(0.5)
    check(status == 200 and address in results, f"search for {word!r} finds the post: {status}")

    text = f"Rehearsal comment {secrets.token_hex(3)}"
    status, page, _h = browser.request(
        f"/c/gardening/p/{post_id}/comment/new/",
        {"csrfmiddlewaretoken": browser.csrf(), "body": text},
    )
    comment = re.search(rf"/c/gardening/p/{post_id}/comment/(\d+)/vote/", page)
    check(status == 200 and text in page and bool(comment), f"comment through nginx: {status}")

    status, page, _h = browser.request(
        f"/c/gardening/p/{post_id}/vote/", {"csrfmiddlewaretoken": browser.csrf(), "value": "1"}
    )
    widget = re.search(rf'id="vote-post-{post_id}".*?</div>', page, re.S)
    pressed = bool(widget) and 'vote-up" aria-pressed="true"' in widget.group(0)
    sql = "SELECT score FROM {} WHERE id = {:d}"  # ids are ints read from the pages
    score = topology.psql(sql.format("posts_post", post_id), "quorum")
    check(status == 200 and pressed and score == "1",
          f"upvote on the post: {status}, pressed {pressed}, score {score}")  # fmt: skip
    if comment:
        comment_id = int(comment.group(1))
        status, page, _h = browser.request(
            f"/c/gardening/p/{post_id}/comment/{comment_id}/vote/",
            {"csrfmiddlewaretoken": browser.csrf(), "value": "1"},
        )
        score = topology.psql(sql.format("comments_comment", comment_id), "quorum")
        check(status == 200 and score == "1", f"upvote on the comment: {status}, score {score}")


def web_log_lines(topology: Topology) -> tuple[list[dict], int]:
    """The web nodes' JSON log lines (the containers' logs, or the processes'
    stdout), and how many lines were not JSON (gunicorn's own are plain text)."""
    lines, plain = [], 0
    for index in (1, 2):
        for line in topology.service_log(f"web-{index}").splitlines():
            try:
                lines.append(json.loads(line))
            except ValueError:
                plain += 1
    return lines, plain


def logs_and_metrics(topology: Topology, browser: Browser) -> None:
    say("JSON request log and Prometheus metrics")
    status, _page, headers = browser.request("/settings/")
    request_id = headers.get("X-Request-ID", "") if headers else ""
    check(status == 200 and bool(request_id), f"X-Request-ID echoed by Django: {request_id!r}")
    time.sleep(0.5)
    lines, plain = web_log_lines(topology)
    mine = [
        line
        for line in lines
        if line.get("request_id") == request_id and line.get("event") == "request_finished"
    ]
    line = mine[0] if mine else {}
    print(f"    figures: {len(lines)} JSON lines, {plain} plain (gunicorn's own); "
          f"this request: {json.dumps(line)}")  # fmt: skip
    check(
        len(mine) == 1 and line.get("method") == "GET" and line.get("path") == "/settings/"
        and line.get("status") == 200 and isinstance(line.get("user_id"), int)
        and isinstance(line.get("duration_ms"), float),
        "one JSON line per request: request id, member id, method, path, status, duration",
    )  # fmt: skip

    scrape = urllib.request.Request(f"http://127.0.0.1:{WEB_PORTS[0]}/metrics")
    try:
        with urllib.request.urlopen(scrape, timeout=10) as answer:
            metrics_status, metrics = answer.status, answer.read().decode()
    except OSError as error:
        metrics_status, metrics = 0, str(error)
    requests = sum(
        float(value)
        for value in re.findall(r"^django_http_requests_total_by_method_total\{[^}]*\} (\S+)$",
                                metrics, re.M)
    )  # fmt: skip
    print(f"    figures: /metrics on web-1 {metrics_status}, {len(metrics)} bytes, "
          f"{requests:.0f} requests counted across its processes")  # fmt: skip
    wanted = ("django_http_requests_latency_seconds_by_view_method", "django_db_execute_total",
              "django_cache_get_total", 'alias="replica"')  # fmt: skip
    check(
        metrics_status == 200 and requests > 0 and all(name in metrics for name in wanted),
        "web-1:8000/metrics: requests, latency, database (primary and replica), cache",
    )
    status, _body, _s = get("/metrics")
    check(status == 404, f"/metrics through nginx: {status}")
    status, _body, _s = get("/metrics?format=prometheus")
    check(status == 404, f"/metrics?... through nginx: {status}")


def replica_reads(topology: Topology, browser: Browser, title: str) -> None:
    say("reads served by the replica; a member who just wrote reads the primary")
    streaming = topology.psql("SELECT state || ' ' || COALESCE(replay_lag::text, '0') "
                              "FROM pg_stat_replication")  # fmt: skip
    pinned = any(cookie.name == "quorum_primary" for cookie in browser.jar)
    status, page, _h = browser.request("/c/gardening/")
    check(pinned and status == 200 and title in page,
          f"the member's post, read right after writing it (pinned: {pinned})")  # fmt: skip
    time.sleep(1)
    before = topology.replica_transactions()
    # Pages that reach the database: visitors' feeds and searches come from the page cache
    # after their first read, so each search here asks for other words.
    paths = [f"/search/?q=garden+{word}" for word in range(10)]
    paths += ["/communities/", "/c/gardening/about/"] * 5
    statuses = Counter(get(path)[0] for path in paths)
    time.sleep(1.5)  # the replica's statistics are flushed about once a second
    served = topology.replica_transactions() - before
    print(f"    figures: replication {streaming!r}; {len(paths)} public reads {dict(statuses)}, "
          f"{served} transactions on the replica")  # fmt: skip
    check(statuses == Counter({200: len(paths)}), "public reads answered 200")
    check(served >= len(paths) // 2, "the replica served the public reads")


# --- fault drills -------------------------------------------------------------------

READ_PATHS = ["/", "/c/gardening/", "/communities/", "/all/", "/c/python/"]


def drill_web_node_killed(topology: Topology) -> None:
    say("drill: web-1 killed under read load")
    with Load(READ_PATHS) as load:
        time.sleep(3)
        killed = time.monotonic()
        topology.kill_service("web-1")
        time.sleep(6)
        topology.start_web(1)
        topology.wait_healthy(WEB_PORTS[0])
        time.sleep(3)
    counts = load.between(0)
    after = load.between(killed + 1)
    print(f"    figures: {sum(counts.values())} requests, {bad(counts)} failed "
          f"({dict(counts)}); after the kill: {bad(after)} failed")  # fmt: skip
    check(bad(counts) <= 4, "only requests in flight on web-1 failed (<= 4 threads)")


def drill_redis_stopped(topology: Topology) -> None:
    say("drill: Redis stopped for 10 s under read load")
    with Load(READ_PATHS) as load:
        time.sleep(2)
        topology.stop_redis()
        stopped = time.monotonic()
        time.sleep(10)
        back = time.monotonic()
        topology.start_redis()
        time.sleep(2)
    during = load.between(stopped, back)
    print(f"    figures: {sum(during.values())} reads while Redis was down: {dict(during)}")
    check(bad(load.between(0)) == 0, "0 non-2xx reads with Redis stopped")


def drill_postgres_restarted(topology: Topology) -> None:
    say("drill: PostgreSQL restarted under load (down 5 s)")
    outage_pages: list[tuple[int, str]] = []
    # Reads pinned to the primary: the replica would serve them through this.
    with Load(READ_PATHS, headers=PINNED) as load:
        time.sleep(2)
        down = time.monotonic()
        topology.postgres_down()
        time.sleep(1)
        outage_pages.append(get("/c/gardening/", language="fr", headers=PINNED)[:2])
        outage_pages.append(get("/api/v1/communities/")[:2])
        time.sleep(4)
        topology.postgres_up()
        up = time.monotonic()
        time.sleep(8)
    during, after = load.between(down, up), load.between(up + 2)
    print(f"    figures: during the outage {dict(during)}; from 2 s after: {dict(after)}")
    check(during.get(500, 0) == 0 and after.get(500, 0) == 0, "never a 500")
    check(during.get(503, 0) > 0, "pages answered 503 during the outage")
    check(bad(after) == 0, "0 errors from 2 s after PostgreSQL is back")
    (page_status, page), (api_status, api) = outage_pages
    check(page_status == 503 and "Réessayez dans un instant" in page, "a translated 503 page (fr)")
    code = json.loads(api).get("error", {}).get("code") if api.startswith("{") else None
    check(api_status == 503 and code == "unavailable", f"API 503 envelope: {api_status} {code}")


def drill_too_many_clients(topology: Topology) -> None:
    say("drill: PostgreSQL out of connections")
    holders: list[subprocess.Popen] = []
    try:
        # End the site's own connections (its next query must reconnect), then
        # fill every slot a non-superuser may use with idle sessions of another role.
        topology.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE usename = 'quorum'")  # fmt: skip
        used = int(topology.psql("SELECT count(*) FROM pg_stat_activity WHERE backend_type = "
                                 "'client backend'"))  # fmt: skip
        for _ in range(PG_MAX_CONNECTIONS - 3 - used + 1):
            holders.append(subprocess.Popen(
                ["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "filler", "-d", "postgres",
                 "-c", "SELECT pg_sleep(60)"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            ))  # fmt: skip
        time.sleep(3)
        answers = [get(path, timeout=10, headers=PINNED) for path in READ_PATHS * 2]
        api = get("/api/v1/communities/")
    finally:
        # A backend busy in pg_sleep does not notice its client leaving: end it here.
        topology.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE usename = 'filler'")  # fmt: skip
        for holder in holders:
            holder.terminate()
        for holder in holders:
            holder.wait(10)
    statuses = Counter(status for status, _b, _s in answers)
    slowest = max(seconds for _st, _b, seconds in answers)
    print(f"    figures: {len(holders)} slots filled; answers {dict(statuses)}, "
          f"slowest {slowest:.2f} s; API {api[0]}")  # fmt: skip
    check(statuses.get(500, 0) == 0 and statuses.get(503, 0) > 0, "503, never 500")
    check(slowest < 1.0, "each answer within a second (no hang)")
    released, recovered = time.monotonic(), None
    while time.monotonic() - released < 15:
        if get("/health/")[0] == 200:  # /health/ always queries the database
            recovered = time.monotonic() - released
            break
        time.sleep(0.2)
    print(f"    figures: database answering again {recovered or 99:.1f} s after release")
    check(recovered is not None, "the site recovers once connections are free")


def drill_worker_stopped(topology: Topology) -> None:
    say("drill: worker stopped; sign-up mail queued, then sent when it is back")
    topology.stop_service("worker", 30)
    username = "queued" + secrets.token_hex(3)
    _browser, _password = sign_up(topology, username)
    time.sleep(3)
    queued = topology.psql(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'", "quorum"
    )
    check(not mails_to(topology.mail, f"{username}@"), "no mail while the worker is stopped")
    started = time.monotonic()
    topology.start_worker()
    mail = wait_for_mail(topology.mail, f"{username}@", 60)
    print(f"    figures: {queued} task(s) queued; mail sent "
          f"{time.monotonic() - started:.1f} s after the worker came back")  # fmt: skip
    check(mail is not None, "the queued mail was sent once the worker came back")
    check(len(mails_to(topology.mail, f"{username}@")) == 1, "sent exactly once")


# task_id below is always a UUID matched by the regular expression: no quoting needed.
def task_status(topology: Topology, task_id: str) -> str:
    return topology.psql(
        f"SELECT status FROM django_tasks_database_dbtaskresult WHERE id::text = '{task_id}'",  # noqa: S608
        "quorum",
    )


def drill_worker_killed(topology: Topology) -> None:
    say("drill: worker killed (SIGKILL) with a task in hand")
    printed = topology.once("canary", "python", "manage.py", "task_canary", "--seconds", "8")
    found = re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", printed)
    if not check(bool(found), f"task_canary printed the task id: {printed.strip()[-200:]!r}"):
        return
    task_id = found.group(0)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and task_status(topology, task_id) != "RUNNING":
        time.sleep(0.2)
    if not check(task_status(topology, task_id) == "RUNNING", "the worker took the canary"):
        return
    time.sleep(1)  # well inside its 8 s of work
    topology.kill_service("worker")
    killed = time.monotonic()
    left = task_status(topology, task_id)
    # A task left RUNNING by a worker whose heartbeat is older than this is queued again.
    topology.start_worker(env={"QUORUM_WORKER_STALE_SECONDS": "10"})
    status, recovered = left, None
    while time.monotonic() - killed < 60:
        status = task_status(topology, task_id)
        if status == "SUCCESSFUL":
            recovered = time.monotonic() - killed
            break
        time.sleep(0.5)
    runs = topology.psql(f"SELECT runs FROM core_taskcanary WHERE key = '{task_id}'", "quorum")  # noqa: S608
    print(f"    figures: canary {task_id} {left} when the worker was killed; {status} "
          f"{recovered or 99:.1f} s after the kill (stale after 10 s, 8 s of work); "
          f"completed {runs or 0} time(s)")  # fmt: skip
    check(recovered is not None, "the task ran again on the restarted worker: SUCCESSFUL")
    check(runs == "1", "completed exactly once: nothing lost, nothing done twice")


def drill_replica_stopped(topology: Topology) -> None:
    say("drill: read replica stopped for 8 s under read load")
    with Load([*READ_PATHS, "/search/?q=garden"]) as load:
        time.sleep(2)
        down = time.monotonic()
        topology.replica_down()
        time.sleep(8)
        topology.replica_up()
        up = time.monotonic()
        time.sleep(1)
        resumed_from = topology.replica_transactions()
        time.sleep(8)
    time.sleep(1.5)
    resumed = topology.replica_transactions() - resumed_from
    during, total = load.between(down, up), load.between(0)
    print(f"    figures: {sum(total.values())} reads {dict(total)}; while the replica was down "
          f"{dict(during)}; {resumed} transactions on the replica once it was back")  # fmt: skip
    check(bad(total) == 0, "0 errors: reads fell back to the primary")
    check(sum(during.values()) > 0, "reads kept coming while the replica was down")
    check(resumed > 0, "reads went back to the replica once it was up")


DRILLS = {
    "web": drill_web_node_killed,
    "redis": drill_redis_stopped,
    "replica": drill_replica_stopped,
    "postgres": drill_postgres_restarted,
    "connections": drill_too_many_clients,
    "worker": drill_worker_stopped,
    "worker-killed": drill_worker_killed,
}


def access_log_figures(work: Path) -> None:
    log = work / "nginx-access.log"
    if not log.exists():
        return
    statuses = Counter()
    for line in log.read_text().splitlines():
        match = re.search(r'" (\d{3}) ', line)
        if match:
            statuses[int(match.group(1))] += 1
    say(f"nginx served {sum(statuses.values())} requests: {dict(sorted(statuses.items()))}")


def choose_mode(wanted: str) -> tuple[str, str]:
    """("containers" | "processes", why processes): containers when podman
    can run one from the image here."""
    if wanted == "processes":
        return "processes", "asked for with --mode processes"
    if os.environ.get("QUORUM_IMAGE_BUILD") == "failed":
        reason = "make image failed (its output is above)"
    elif shutil.which("podman") is None:
        reason = "podman is not installed"
    elif run("podman", "image", "exists", IMAGE, check_rc=False).returncode != 0:
        reason = f"no image {IMAGE} (make image builds it)"
    else:
        try:
            probe = run("podman", "run", "--rm", "--network", "host", IMAGE, "true",
                        check_rc=False, timeout=120)  # fmt: skip
            lines = (probe.stderr or probe.stdout).strip().splitlines()
            reason = "" if probe.returncode == 0 else (lines or ["exit status"])[-1][:300]
        except subprocess.TimeoutExpired:
            reason = "`podman run … true` did not finish in 120 s"
    if not reason:
        return "containers", ""
    if wanted == "containers":
        raise SystemExit(f"rehearse.py: --mode containers, but {reason}")
    return "processes", reason


def describe(mode: str, reason: str) -> str:
    if mode == "containers":
        return f"containers via podman (image {IMAGE})"
    why = reason if reason.startswith("asked") else f"podman could not run a container: {reason}"
    return f"processes from a read-only copy of the checkout as uid {APP_UID} ({why})"


@contextlib.contextmanager
def workdir(keep: bool) -> Iterator[Path]:
    work = Path(tempfile.mkdtemp(prefix=f"{PREFIX}-", dir="/var/tmp"))
    work.chmod(0o755)  # postgres and nginx's workers read below it
    try:
        yield work
    finally:
        if keep:
            say(f"kept {work}")
        else:
            run("rm", "-rf", "--one-file-system", str(work), check_rc=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--drills", default=",".join(DRILLS), help="comma-separated subset")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs)")
    parser.add_argument(
        "--mode",
        choices=("auto", "containers", "processes"),
        default=os.environ.get("REHEARSAL_MODE") or "auto",
        help="containers (podman, the image), processes (a read-only copy of the checkout "
        "run as uid 10001), or auto: containers when podman can run one here",
    )
    options = parser.parse_args()
    if os.geteuid() != 0:
        print("rehearse.py: run as root (rootful podman, nginx, postgres)", file=sys.stderr)
        return 2
    started = time.monotonic()
    # podman's settings for these machines (deploy/podman/containers.conf).
    os.environ.setdefault("CONTAINERS_CONF", str(ROOT / "deploy" / "podman" / "containers.conf"))
    mode, reason = choose_mode(options.mode)
    how = describe(mode, reason)
    say(f"running as {how}; host networking, ports {NGINX_PORT}/{WEB_PORTS}")
    with workdir(options.keep) as work:
        topology = Topology(work, mode)
        try:
            topology.up()
            browser, title = smoke(topology)
            logs_and_metrics(topology, browser)
            replica_reads(topology, browser, title)
            for name in filter(None, options.drills.split(",")):
                DRILLS[name](topology)
            access_log_figures(work)
        finally:
            say("stopping everything started")
            topology.stop_all()
    say(f"ran as {how}, in {time.monotonic() - started:.0f} s")
    if FAILURES:
        say(f"{len(FAILURES)} check(s) failed: {FAILURES}")
        return 1
    say("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
