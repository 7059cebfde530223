"""Production rehearsal: the image, two web nodes behind nginx, the worker, a streaming read
replica, the JSON logs and metrics, and fault drills.

    make image && make rehearsal        # or: .venv/bin/python deploy/rehearse.py

Runs, on loopback ports of its own and in compose.yaml's order:

    PostgreSQL (a throwaway cluster, initdb)   127.0.0.1:55432
    its read replica (pg_basebackup -R)        127.0.0.1:55433
    Redis (cache only, no persistence)         127.0.0.1:56379
    migrate (one-shot container)
    web-1, web-2 (gunicorn containers)         127.0.0.1:18001, :18002
    worker (manage.py db_worker container)
    nginx (deploy/nginx.conf, adapted below)   127.0.0.1:18080

Containers come from the image `make image` built (QUORUM_IMAGE, default
quorum:latest) and run with podman and host networking; nginx, PostgreSQL and
Redis run as host processes (no registry to pull their images from). The
shared PostgreSQL and Redis on 5432/6379 are never touched. Everything started
is stopped at the end, also on failure or Ctrl+C.

Then a smoke journey through nginx (pages, static files, translations, sign
up, the verification mail sent by the worker, log in, join, post, an oversized
API body), the JSON request log and /metrics, reads served by the replica, and
the fault drills, each printing its figures. Counts of errors,
not timings, decide: the exit status is 1 when any check misses.

Root is needed (podman rootful, nginx, running PostgreSQL as `postgres`).
"""

# ruff: noqa: S310, S603, S607 - a script for operators: it runs the tools on PATH
# (podman, nginx, psql, redis-server) and requests its own loopback URLs.

from __future__ import annotations

import argparse
import contextlib
import glob
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
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
        except (OSError, urllib.error.URLError):
            return 0, "", {}

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def post_form(self, path: str, fields: dict) -> tuple[int, str, dict]:
        _status, page, _headers = self.request(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        fields = {"csrfmiddlewaretoken": token.group(1) if token else self.csrf(), **fields}
        return self.request(path, fields)


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
    except OSError:
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
    def __init__(self, work: Path) -> None:
        self.work = work
        self.cleanups: list[Callable[[], None]] = []
        self.pg_bin = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1])
        self.pg_data = work / "pg"
        self.replica_data = work / "pg-replica"
        self.redis: subprocess.Popen | None = None
        self.nginx: subprocess.Popen | None = None
        self.mail = work / "mail"
        self.media = work / "media"
        self.env_file = work / "app.env"
        os.environ["CONTAINERS_CONF"] = os.environ.get(
            "CONTAINERS_CONF", str(ROOT / "deploy" / "podman" / "containers.conf")
        )

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

    # The Python services: one image, one environment.
    def write_env(self) -> None:
        for path in (self.mail, self.media):
            path.mkdir()
            os.chown(path, 10001, 10001)
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
            self.cleanups.append(lambda: self.podman("rm", "-f", "-t", "5", f"{PREFIX}-{name}"))
        else:
            args.insert(1, "--rm")
        return self.podman(*args, IMAGE, *command)

    def start_web(self, index: int) -> None:
        port = WEB_PORTS[index - 1]
        self.container(f"web-{index}", env={"GUNICORN_BIND": f"127.0.0.1:{port}"})

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
        say(f"migrate (one-shot container from {IMAGE})")
        self.container("migrate", "python", "manage.py", "migrate", "--noinput", detach=False)
        say("seed_demo (demo communities and posts to read)")
        self.container("seed", "python", "manage.py", "seed_demo", detach=False)
        say("web-1, web-2 (gunicorn), worker (db_worker)")
        for index in (1, 2):
            self.start_web(index)
        self.container("worker", "python", "manage.py", "db_worker")
        for port in WEB_PORTS:
            if not self.wait_healthy(port):
                logs = self.podman("logs", f"{PREFIX}-web-1", check_rc=False)
                raise RuntimeError(f"web on {port} never became healthy\n{logs.stdout[-3000:]}")
        say("nginx")
        self.start_nginx()
        time.sleep(0.5)


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
    password = "rehearsal-" + secrets.token_hex(8)
    status, _page, _h = browser.post_form(
        "/accounts/signup/",
        {"username": username, "email": email, "password1": password, "password2": password},
    )
    check(status == 200, f"sign up {username}: {status}")
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

    big = json.dumps({"title": "x", "body": "y" * 4 * 1024 * 1024}).encode()
    status, body, _headers = Browser().request(
        "/api/v1/posts/", big, {"Content-Type": "application/json"}
    )
    code = json.loads(body or "{}").get("error", {}).get("code") if body.startswith("{") else None
    check(status == 413 and code == "payload_too_large", f"4 MB API body: {status} {code}")
    return browser, title


def web_log_lines(topology: Topology) -> tuple[list[dict], int]:
    """The web containers' JSON log lines, and how many lines were not JSON
    (gunicorn's own start-up lines are plain text)."""
    lines, plain = [], 0
    for index in (1, 2):
        logs = topology.podman("logs", f"{PREFIX}-web-{index}", check_rc=False)
        for line in (logs.stdout + logs.stderr).splitlines():
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
    paths = ["/search/?q=garden", "/communities/", "/c/gardening/about/", "/all/"] * 5
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
        topology.podman("kill", f"{PREFIX}-web-1")
        time.sleep(6)
        topology.podman("rm", "-f", f"{PREFIX}-web-1")
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
    topology.podman("stop", "-t", "30", f"{PREFIX}-worker")
    username = "queued" + secrets.token_hex(3)
    _browser, _password = sign_up(topology, username)
    time.sleep(3)
    queued = topology.psql(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'", "quorum"
    )
    check(not mails_to(topology.mail, f"{username}@"), "no mail while the worker is stopped")
    started = time.monotonic()
    topology.podman("start", f"{PREFIX}-worker")
    mail = wait_for_mail(topology.mail, f"{username}@", 60)
    print(f"    figures: {queued} task(s) queued; mail sent "
          f"{time.monotonic() - started:.1f} s after the worker came back")  # fmt: skip
    check(mail is not None, "the queued mail was sent once the worker came back")
    check(len(mails_to(topology.mail, f"{username}@")) == 1, "sent exactly once")


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
            shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--drills", default=",".join(DRILLS), help="comma-separated subset")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs)")
    options = parser.parse_args()
    if os.geteuid() != 0:
        print("rehearse.py: run as root (rootful podman, nginx, postgres)", file=sys.stderr)
        return 2
    if shutil.which("podman") is None:
        print("rehearse.py: podman is needed (make image installs it)", file=sys.stderr)
        return 2
    say(f"containers via podman ({IMAGE}), host networking, ports {NGINX_PORT}/{WEB_PORTS}")
    with workdir(options.keep) as work:
        topology = Topology(work)
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
    if FAILURES:
        say(f"{len(FAILURES)} check(s) failed: {FAILURES}")
        return 1
    say("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
