"""The benchmark driver behind bench/run (see bench/README.md).

It starts the site under a production server on 127.0.0.1, drives it with wrk
from a second process, and prints and saves (bench/results/*.json) req/s,
latency percentiles, each page's ratio to the minimal view's req/s and its
query count; then EXPLAIN (ANALYZE, BUFFERS) of each feed and search query.

Not a test: it never fails on timing. Traffic goes to the loopback only,
each wrk run is bounded in time.
"""

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
VENV_BIN = ROOT / ".venv" / "bin"
PORT = 8081
NGINX_PORT = 8089
HOST = "127.0.0.1"
BYPASS = "bench=1"  # an unknown parameter: the page cache lets it through

SERVERS = {
    # name: (command, extra environment)
    "gunicorn-sync": (
        [str(VENV_BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "config.wsgi:application"],
        {"GUNICORN_THREADS": "1"},
    ),
    "gunicorn-gthread": (
        [str(VENV_BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "config.wsgi:application"],
        {"GUNICORN_THREADS": "4"},
    ),
    "uvicorn": (
        [str(VENV_BIN / "uvicorn"), "config.asgi:application", "--workers", "2",
         "--host", HOST, "--port", str(PORT), "--no-access-log", "--loop", "uvloop",
         "--http", "httptools"],
        {"BENCH_DB_POOL": "1"},
    ),
    "granian": (
        [str(VENV_BIN / "granian"), "--interface", "wsgi", "--workers", "2", "--host", HOST,
         "--port", str(PORT), "--no-ws", "config.wsgi:application"],
        {},
    ),
}  # fmt: skip

# The pages of a server comparison (--server compare --pages quick).
QUICK = (
    "front (cache hit)",
    "front (uncached)",
    "post, 500 comments (uncached)",
    "search, two words",
    "vote POST",
)

LUA_REPORT = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests":%d,"duration_us":%d,"socket_errors":%d,"bad_status":%d,' ..
    '"p50":%d,"p90":%d,"p95":%d,"p99":%d,"max":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max))
end
"""


def log(*parts) -> None:
    print(*parts, flush=True)


# --- the Django side: targets, query counts, EXPLAIN ------------------------------------


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def targets() -> dict:
    """What to ask for: ids and slugs picked from the loaded data."""
    from django.db import connection

    from apps.accounts.models import User
    from apps.communities.models import Community, Visibility
    from apps.core.pagination import encode_cursor
    from apps.posts.models import Post

    def post_with(count: int) -> str:
        post = (
            Post.objects.filter(comment_count__gte=count)
            .select_related("community")
            .order_by("comment_count")
            .first()
        )
        return post.get_absolute_url() if post else ""

    public = Community.objects.exclude(visibility=Visibility.PRIVATE)
    big = public.order_by("-post_count").first()
    small = public.filter(post_count__gte=5, post_count__lte=40).order_by("id").first() or big
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT p.hot, p.id FROM posts_post p
               JOIN communities_community c ON c.id = p.community_id
               WHERE NOT p.is_deleted AND NOT p.is_removed AND c.visibility <> 'private'
               ORDER BY p.hot DESC, p.id DESC OFFSET 50000 LIMIT 1"""
        )
        row = cursor.fetchone()
    deep = encode_cursor(row[0], row[1]) if row else ""
    from bench.management.commands.seed_bench import _vocabulary

    vocab = _vocabulary(random.Random(2026))
    member = User.objects.filter(is_active=True, memberships__isnull=False).order_by("id").first()
    votable = list(
        Post.objects.filter(community__visibility="public", is_deleted=False, is_removed=False)
        .order_by("-id")
        .values_list("community__slug", "id")[:300]
    )
    return {
        "big_community": big.slug,
        "small_community": small.slug,
        "post_500": post_with(500),
        "post_2000": post_with(2000),
        "deep_cursor": deep,
        "frequent": vocab[3],
        "rare": vocab[4500],
        "two_words": f"{vocab[40]} {vocab[60]}",
        "member_id": member.pk if member else None,
        "votable": votable,
        # Canonical addresses (a wrong slug answers a redirect).
        "recent_posts": [
            post.get_absolute_url()
            for post in Post.objects.filter(
                community__visibility="public", is_deleted=False, is_removed=False
            )
            .select_related("community")
            .order_by("-id")[:30]
        ],
    }


def member_session(member_id: int) -> tuple[str, str]:
    """A signed-in session and a CSRF secret for wrk to send as cookies."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.middleware.csrf import _get_new_csrf_string
    from django.utils.module_loading import import_string

    from apps.accounts.models import User

    user = User.objects.get(pk=member_id)
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key, _get_new_csrf_string()


def pages(t: dict) -> list[dict]:
    from urllib.parse import quote

    def search(q: str) -> str:
        # Uncached: visitors' searches are served by the page cache since 2026-12-07.
        return f"/search/?q={quote(q)}&{BYPASS}"

    return [
        {"name": "front (cache hit)", "path": "/", "warm": True},
        {"name": "front (uncached)", "path": f"/?{BYPASS}"},
        {"name": "all, page 1 (uncached)", "path": f"/all/?{BYPASS}"},
        {"name": "all, deep cursor (uncached)",
         "path": f"/all/?cursor={t['deep_cursor']}&{BYPASS}"},
        {"name": "big community (uncached)", "path": f"/c/{t['big_community']}/?{BYPASS}"},
        {"name": "small community (uncached)", "path": f"/c/{t['small_community']}/?{BYPASS}"},
        {"name": "post, 500 comments (cache hit)", "path": t["post_500"], "warm": True},
        {"name": "post, 500 comments (uncached)", "path": f"{t['post_500']}?{BYPASS}"},
        {"name": "post, 2000 comments (uncached)", "path": f"{t['post_2000']}?{BYPASS}"},
        {"name": "search, frequent word", "path": search(t["frequent"])},
        {"name": "search, rare word", "path": search(t["rare"])},
        {"name": "search, two words", "path": search(t["two_words"])},
        {"name": "search, two words (cache hit)", "path": search(t["two_words"]).split("&")[0],
         "warm": True},
        {"name": "front, signed in", "path": "/", "signed_in": True},
        {"name": "vote POST", "path": "vote", "signed_in": True, "vote": True},
        {"name": "mixed visitor reads", "path": "mix", "mix": True},
    ]  # fmt: skip


def visitor_mix(t: dict) -> list[str]:
    """What visitors read, in proportion (each path once per share): the
    front page and /all/, big and small communities, post pages (recent
    posts and the two big threads), and search. Pages are as visitors get
    them: from the page cache where it applies (search included, since
    2026-12-07), rendered again when it expires (30 s) or a write bumps
    its version."""
    from urllib.parse import quote

    searches = [f"/search/?q={quote(q)}" for q in (t["frequent"], t["rare"], t["two_words"])]
    return (
        ["/"] * 30
        + ["/all/"] * 10
        + [f"/c/{t['big_community']}/"] * 10
        + [f"/c/{t['small_community']}/"] * 5
        + t["recent_posts"]
        + [t["post_500"], t["post_2000"]] * 2
        + searches * 3
    )


INPROCESS_REQUESTS = 20


def calibrate() -> float:
    """CPU ms of a fixed pure-Python workload (the best of 5): the speed of this
    machine's vCPU at the time of the run. Cloud vCPUs differ by 2x between
    machines and drift within an hour; figures from two runs compare only
    after dividing by this."""
    best = float("inf")
    for _ in range(5):
        began = time.process_time()
        total = 0
        for number in range(2_000_000):
            total += number
        best = min(best, time.process_time() - began)
    return round(best * 1000, 1)


def _inprocess_cpu_ms(request, count: int = INPROCESS_REQUESTS, budget: float = 1.0) -> float:
    """CPU ms per request of `request()` run in this process (the best of 3 rounds of up
    to `count` requests, each round stopping after `budget` seconds of CPU): the page's
    cost without the server, same settings and data."""
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        done = 0
        while done < count and (done == 0 or time.process_time() - began < budget):
            request()
            done += 1
        best = min(best, (time.process_time() - began) / done)
    return round(best * 1000, 2)


def query_counts(page_list: list[dict], t: dict, explain_to: Path | None) -> tuple[dict, dict]:
    """Queries per page, counted in-process with Django's test client, and the
    page's CPU per request in-process (the same test client, bench settings and
    data: the server's own share is the difference with the web CPU column); the
    feed and search queries also get EXPLAIN (ANALYZE, BUFFERS)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from apps.accounts.models import User

    counts: dict[str, int] = {}
    inprocess: dict[str, float] = {}
    explains: list[str] = []
    anonymous = Client(HTTP_HOST=HOST)
    member = Client(HTTP_HOST=HOST)
    if t["member_id"]:
        member.force_login(User.objects.get(pk=t["member_id"]))
    for page in page_list:
        if page.get("mix"):
            continue  # many pages: each is counted on its own row
        # The log is a bounded deque: a full one makes captures read empty.
        connection.queries_log.clear()
        if page.get("vote"):
            slug, post_id = t["votable"][0]
            client, path = member, f"/c/{slug}/p/{post_id}/vote/"
            with CaptureQueriesContext(connection) as queries:
                client.post(path, {"value": "1"}, HTTP_HX_REQUEST="true")
            # Read before the next request: request_started resets the log.
            captured = list(queries.captured_queries)
            client.post(path, {"value": "0"}, HTTP_HX_REQUEST="true")
            values = iter(["1", "-1", "0"] * INPROCESS_REQUESTS * 3)
            inprocess[page["name"]] = _inprocess_cpu_ms(
                lambda client=client, path=path, values=values: client.post(
                    path, {"value": next(values)}, HTTP_HX_REQUEST="true"
                )
            )
        else:
            client = member if page.get("signed_in") else anonymous
            if page.get("warm"):
                # Twice: a community's first visit only learns its id.
                client.get(page["path"])
                client.get(page["path"])
            with CaptureQueriesContext(connection) as queries:
                response = client.get(page["path"])
            captured = list(queries.captured_queries)
            assert response.status_code == 200, (page, response.status_code)
            inprocess[page["name"]] = _inprocess_cpu_ms(
                lambda client=client, path=page["path"]: client.get(path)
            )
        counts[page["name"]] = len(captured)
        if explain_to is None:
            continue
        for query in captured:
            sql = query["sql"]
            if not sql.startswith("SELECT") or not re.search(
                r'FROM "(posts_post|comments_comment|communities_community|accounts_user)"', sql
            ):
                continue
            if page.get("vote") or "post, " in page["name"]:
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            explains.append(f"== {page['name']}: {page['path'][:120]}\n{sql}\n\n{plan}\n")
    if explain_to is not None:
        explain_to.write_text("\n".join(explains))
    return counts, inprocess


# --- servers and wrk ---------------------------------------------------------------------


def wait_ready(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer {url}")


class Server:
    def __init__(self, name: str, env: dict):
        command, extra = SERVERS[name]
        self.name = name
        self.env = {
            **env,
            **extra,
            "GUNICORN_BIND": f"{HOST}:{PORT}",
            "WEB_CONCURRENCY": "2",
            "GUNICORN_LOG_LEVEL": "warning",
            # No recycling during a run: a worker restart mid-run costs a
            # Django import and muddles the CPU accounting.
            "GUNICORN_MAX_REQUESTS": "0",
        }
        self.command = command

    def __enter__(self):
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(  # noqa: S603 - our own venv's servers
            self.command, cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log,
            start_new_session=True,
        )  # fmt: skip
        wait_ready(f"http://{HOST}:{PORT}/bench/minimal/")
        return self

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


class Nginx:
    """nginx serving one static file: the ceiling of the machine."""

    def __enter__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
        self.dir.chmod(0o755)  # nginx's workers run as nobody
        (self.dir / "logs").mkdir()
        shutil.copy(ROOT / "static" / "css" / "quorum.css", self.dir / "quorum.css")
        (self.dir / "quorum.css").chmod(0o644)
        (self.dir / "nginx.conf").write_text(
            f"""worker_processes 2;
pid {self.dir}/nginx.pid;
error_log {self.dir}/logs/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  default_type text/css;
  server {{ listen {HOST}:{NGINX_PORT}; root {self.dir}; }}
}}
"""
        )
        subprocess.run(  # noqa: S603
            [shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(self.dir / "nginx.conf"),
             "-p", str(self.dir)],
            check=True,
        )  # fmt: skip
        try:
            wait_ready(f"http://{HOST}:{NGINX_PORT}/quorum.css", timeout=15)
        except RuntimeError:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        pid = int((self.dir / "nginx.pid").read_text())
        os.kill(pid, signal.SIGQUIT)
        time.sleep(0.5)
        shutil.rmtree(self.dir, ignore_errors=True)


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_of(match) -> float:
    """CPU seconds (user + system) used so far by the processes `match` picks
    from /proc (a function of pid, stat fields and command line)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if match(int(entry.name), fields, cmdline):
            # utime, stime, and cutime, cstime: the workers a server reaped.
            total += sum(int(value) for value in fields[11:15]) / _TICK
    return total


def _children_cpu(pid: int | None) -> float:
    """CPU seconds of the children `pid` has reaped (cutime + cstime)."""
    if pid is None:
        return 0.0
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2 :].split()
    return sum(int(value) for value in fields[13:15]) / _TICK


class CpuMeter:
    """CPU time of the web server's processes (its process group) and of the
    PostgreSQL backends serving the bench database. Divided by the requests,
    it says what a page costs whatever else the machine is doing.

    Backends come and go (CONN_MAX_AGE recycles the web workers'
    connections), and a backend that exits takes its CPU out of /proc: the
    database figure is the live bench backends PLUS what the postmaster has
    reaped from its children (cutime + cstime, where an exited backend's
    whole CPU lands). A backend alive at the first sample and gone at the
    second thus counts exactly what it used in between, and the figure can
    no longer go negative. The reaped sum also holds other databases' exited
    backends and autovacuum workers: noise on a quiet machine, which is the
    only place these figures are quoted from."""

    def __init__(self, server_pgid: int | None, database: str, postmaster: int | None):
        self.pgid, self.database, self.postmaster = server_pgid, database, postmaster

    def sample(self) -> tuple[float, float]:
        server = _cpu_of(lambda pid, f, cmd: int(f[2]) == self.pgid) if self.pgid else 0.0
        db = _cpu_of(
            lambda pid, f, cmd: cmd.startswith("postgres:") and f" {self.database} " in cmd
        )
        return server, db + _children_cpu(self.postmaster)


def postmaster_pid(connection) -> int | None:
    """The PostgreSQL server's main process: the first line of postmaster.pid
    in its data directory (readable by root or the postgres user)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW data_directory")
            directory = cursor.fetchone()[0]
        return int(Path(directory, "postmaster.pid").read_text().split()[0])
    except Exception:  # no rights, another host: the figure goes without it
        return None


METER: CpuMeter | None = None
# nginx talks to the app server without keep-alive (deploy/nginx.conf, deploy/gunicorn.conf.py):
# one connection per request. wrk does the same unless --keep-alive: with kept connections,
# both of wrk's connections could stay with ONE gunicorn worker for a whole page's run (one
# core for two requests: p50 twice the service time, on some pages and not others, by luck).
CLOSE_CONNECTIONS = True


def wrk(url: str, *, seconds: int, connections: int, lua: str = "", close: bool = True) -> dict:
    if close and CLOSE_CONNECTIONS:
        lua = 'wrk.headers["Connection"] = "close"\n' + lua
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua + LUA_REPORT)
    before = METER.sample() if METER else (0.0, 0.0)
    load_before = os.getloadavg()
    try:
        output = subprocess.run(  # noqa: S603
            [shutil.which("wrk") or "wrk", "-t", "2", "-c", str(connections),
             "-d", f"{seconds}s", "--timeout", "10s", "-s", script.name, url],
            capture_output=True, text=True, check=True, timeout=seconds + 60,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    data = json.loads(output.split("JSON ", 1)[1].splitlines()[0])
    seconds_run = data["duration_us"] / 1e6
    after = METER.sample() if METER else (0.0, 0.0)
    done = max(data["requests"], 1)
    return {
        "server_cpu_ms": (after[0] - before[0]) * 1000 / done,
        "db_cpu_ms": (after[1] - before[1]) * 1000 / done,
        "rps": data["requests"] / seconds_run,
        "p50_ms": data["p50"] / 1000,
        "p90_ms": data["p90"] / 1000,
        "p95_ms": data["p95"] / 1000,
        "p99_ms": data["p99"] / 1000,
        "errors": data["socket_errors"] + data["bad_status"],
        "requests": data["requests"],
        # The 1-minute load average around the run: figures are only
        # compared within a run, and only quoted from a quiet one.
        "load_before": round(load_before[0], 2),
        "load_after": round(os.getloadavg()[0], 2),
    }


def lua_for(page: dict, t: dict, session: tuple[str, str] | None) -> str:
    lines = []
    if page.get("signed_in") and session:
        key, secret = session
        lines.append(f'wrk.headers["Cookie"] = "sessionid={key}; csrftoken={secret}"')
        lines.append(f'wrk.headers["X-CSRFToken"] = "{secret}"')
    if page.get("mix"):
        paths = ",".join(f'"{path}"' for path in visitor_mix(t) if path)
        lines += [
            f"local paths = {{{paths}}}",
            "request = function()",
            "  return wrk.format(nil, paths[math.random(#paths)])",
            "end",
        ]
    if page.get("vote"):
        targets = ",".join(f'"/c/{slug}/p/{pk}/vote/"' for slug, pk in t["votable"])
        lines += [
            'wrk.method = "POST"',
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"',
            'wrk.headers["HX-Request"] = "true"',
            f"local paths = {{{targets}}}",
            'local values = {"1", "-1", "0"}',
            "request = function()",
            "  return wrk.format(nil, paths[math.random(#paths)],"
            ' nil, "value=" .. values[math.random(3)])',
            "end",
        ]
    return "\n".join(lines) + "\n"


def measure(page: dict, t: dict, session, *, seconds: int, connections: int) -> dict:
    path = "/" if page.get("vote") or page.get("mix") else page["path"]
    url = f"http://{HOST}:{PORT}{path}"
    lua = lua_for(page, t, session)
    wrk(url, seconds=max(1, seconds // 5), connections=connections, lua=lua)  # warm-up
    return wrk(url, seconds=seconds, connections=connections, lua=lua)


# --- main --------------------------------------------------------------------------------------


def machine() -> dict:
    info = {"cpus": os.cpu_count(), "python": platform.python_version()}
    try:
        model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        info["cpu"] = model.group(1).strip() if model else platform.processor()
        mem = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())
        info["memory_gib"] = round(int(mem.group(1)) / 1024 / 1024, 1)
        info["load_before"] = os.getloadavg()
    except OSError:
        pass
    return info


def main() -> None:
    global METER
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server", default="gunicorn-gthread", choices=[*SERVERS, "compare"])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument(
        "--pages", default="all", help="all, quick (the comparison set), or names, comma-separated"
    )
    parser.add_argument("--no-explain", action="store_true")
    parser.add_argument(
        "--keep-alive",
        action="store_true",
        help="keep wrk's connections open (nginx in production opens one per request)",
    )
    args = parser.parse_args()
    global CLOSE_CONNECTIONS
    CLOSE_CONNECTIONS = not args.keep_alive

    django_setup()
    from django.db import connection

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    t = targets()
    page_list = pages(t)
    if args.pages == "quick":
        wanted = set(QUICK)
        page_list = [p for p in page_list if p["name"] in wanted]
    elif args.pages != "all":
        wanted = {name.strip() for name in args.pages.split(",")}
        page_list = [p for p in page_list if p["name"] in wanted]
    explain_file = None if args.no_explain else RESULTS / f"{stamp}-explain.txt"
    speed = calibrate()
    log(f"calibration: {speed} ms CPU for the fixed Python loop (lower is a faster vCPU)")
    counts, inprocess = query_counts(page_list, t, explain_file)
    session = member_session(t["member_id"]) if t["member_id"] else None
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM posts_post")
        post_total = cursor.fetchone()[0]
    database = connection.settings_dict["NAME"]
    postmaster = postmaster_pid(connection)
    connection.close()

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONUNBUFFERED": "1"}
    servers = list(SERVERS) if args.server == "compare" else [args.server]
    report = {
        "taken": stamp,
        "machine": {**machine(), "calibration_ms": speed},
        "posts": post_total,
        "targets": {k: v for k, v in t.items() if k not in ("votable", "recent_posts")},
        "seconds": args.seconds,
        "connections": args.connections,
        "connection_per_request": CLOSE_CONNECTIONS,
        "servers": {},
    }
    with Nginx():
        nginx = wrk(
            f"http://{HOST}:{NGINX_PORT}/quorum.css",
            seconds=args.seconds,
            connections=16,
            close=False,
        )
    report["nginx_static"] = nginx
    for name in servers:
        log(f"\n== {name} ({args.connections} connections, {args.seconds} s per page)")
        rows = {}
        with Server(name, env) as server:
            METER = CpuMeter(server.process.pid, database, postmaster)
            ceiling = wrk(
                f"http://{HOST}:{PORT}/bench/minimal/",
                seconds=args.seconds,
                connections=args.connections,
            )
            template = wrk(
                f"http://{HOST}:{PORT}/bench/template/",
                seconds=args.seconds,
                connections=args.connections,
            )
            rows["minimal view (ceiling)"] = {**ceiling, "queries": 0}
            rows["template only, no queries"] = {**template, "queries": 0}
            for page in page_list:
                result = measure(
                    page, t, session, seconds=args.seconds, connections=args.connections
                )
                rows[page["name"]] = {
                    **result,
                    "queries": counts.get(page["name"]),
                    "inprocess_cpu_ms": inprocess.get(page["name"]),
                }
        METER = None
        for row in rows.values():
            row["ratio_to_minimal"] = row["rps"] / ceiling["rps"] if ceiling["rps"] else 0
        report["servers"][name] = rows
        print_table(rows, nginx)
    report["machine"]["load_after"] = os.getloadavg()
    report["machine"]["calibration_after_ms"] = calibrate()
    log(
        f"calibration after the run: {report['machine']['calibration_after_ms']} ms; "
        f"load average before {report['machine'].get('load_before')}, after "
        f"{report['machine']['load_after']}"
    )
    out = RESULTS / f"{stamp}-{args.server}.json"
    out.write_text(json.dumps(report, indent=2, default=str))
    log(f"\nresults: {out.relative_to(ROOT)}")
    if explain_file is not None:
        log(f"EXPLAIN (ANALYZE, BUFFERS): {explain_file.relative_to(ROOT)}")
        if os.environ.get("BENCH_PRINT_EXPLAIN", "1") == "1":
            log(explain_file.read_text())


def print_table(rows: dict, nginx: dict) -> None:
    log(f"{'page':<32} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'x min':>6} {'queries':>7} {'errors':>6} {'web cpu':>8} {'db cpu':>7} "
        f"{'in-proc':>8}")  # fmt: skip
    for name, row in rows.items():
        queries = "" if row["queries"] is None else str(row["queries"])
        inproc = row.get("inprocess_cpu_ms")
        inproc = "" if inproc is None else f"{inproc:.2f}"
        log(
            f"{name:<32} {row['rps']:>8.0f} {row['p50_ms']:>8.2f} {row['p95_ms']:>8.2f} "
            f"{row['p99_ms']:>8.2f} {row['ratio_to_minimal']:>6.2f} {queries:>7} "
            f"{row['errors']:>6} {row.get('server_cpu_ms', 0):>8.2f} "
            f"{row.get('db_cpu_ms', 0):>7.2f} {inproc:>8}"
        )
    log(f"{'nginx static file (16 conns)':<32} {nginx['rps']:>8.0f} {nginx['p50_ms']:>8.2f} "
        f"{nginx['p95_ms']:>8.2f} {nginx['p99_ms']:>8.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
