"""Gunicorn settings for the container image (`gunicorn -c deploy/gunicorn.conf.py`).

Every knob an operator turns comes from the environment, so one image serves
any machine size: scale out with more `web` replicas, scale up with
WEB_CONCURRENCY (processes) and GUNICORN_THREADS (threads per process).
"""

import os
import tempfile

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")

# Processes per container. Django is CPU-bound once queries are fixed, so about
# one or two per core the container may use; threads cover waits on PostgreSQL
# and Redis. Each thread may hold a database connection (CONN_MAX_AGE), so
# replicas x workers x threads must stay below PostgreSQL's max_connections.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))  # > 1 selects the gthread worker
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5  # nginx talks to us without keep-alive; this only bounds idle sockets

# Recycle workers now and then so a slow leak never becomes an outage; the
# jitter keeps the workers of one container from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10

# The heartbeat file lives in memory: on an overlay filesystem fchmod can stall
# a worker long enough for the arbiter to kill it.
worker_tmp_dir = "/dev/shm"  # noqa: S108

# Logs go to stdout/stderr, where `docker compose logs` collects them. Django
# writes one JSON line per request (request id, member, path, status, duration:
# config/observability.py), so gunicorn's plain-text access log is off unless
# GUNICORN_ACCESS_LOG=- asks for it.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# The runtime control socket (gunicornc) is not used: capacity is changed by
# redeploying with new environment values, the same on every replica.
control_socket_disable = True


# Prometheus metrics (django-prometheus) live in each worker process; with
# several workers a scrape reaches one of them, so every process writes its
# figures to files in a directory they share and /metrics adds them up
# (prometheus_client's multiprocess mode). The directory is made fresh by the
# master before it forks, so figures of an earlier run never leak in.
def on_starting(server):
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        shared = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(
            prefix="quorum-metrics-", dir=shared
        )


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
