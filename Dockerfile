# syntax=docker/dockerfile:1
# Quorum production image: `docker build -t quorum .` (compose.yaml does it for you).
# One image runs every Python process: gunicorn (web), `manage.py worker`
# (worker) and `manage.py migrate` (the one-shot migrate service).

# The base of both stages. Real deployments keep the official image; a machine
# that cannot reach a registry builds on a local one that provides `python`
# (3.13), venv and apt (deploy/build-image.sh: a debootstrap of Debian trixie).
# Both stages must use the same base: the venv links to its interpreter.
ARG BASE_IMAGE=python:3.13-slim-bookworm

# --- builder: compilers live here and never reach the runtime image ---------------
FROM ${BASE_IMAGE} AS builder

RUN apt-get update \
    && apt-get install --yes --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

RUN python -m venv /opt/venv
# Only the requirements: code changes do not reinstall dependencies.
COPY requirements/ /tmp/requirements/
# Behind a TLS-intercepting proxy, pass its CA bundle as a build secret
# (`--secret id=pip_cert,src=$PIP_CERT`): mounted for this RUN only, it never
# lands in a layer. Without the secret pip uses the base image's CAs.
RUN --mount=type=secret,id=pip_cert \
    if [ -s /run/secrets/pip_cert ]; then export PIP_CERT=/run/secrets/pip_cert; fi \
    && pip install --requirement /tmp/requirements/prod.txt \
    && pip install --no-deps --requirement /tmp/requirements/no-deps.txt

# --- runtime ------------------------------------------------------------------------
FROM ${BASE_IMAGE} AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    VAR_DIR=/app/var \
    MEDIA_ROOT=/app/var/media \
    STATIC_ROOT=/app/staticfiles \
    WEB_CONCURRENCY=2 \
    GUNICORN_THREADS=4

# A fixed numeric id, so volumes keep their owner across rebuilds and
# orchestrators can verify "runs as non-root" without reading /etc/passwd.
RUN groupadd --system --gid 10001 quorum \
    && useradd --system --uid 10001 --gid quorum --create-home --home-dir /home/quorum \
        --shell /usr/sbin/nologin quorum

# Same base image and same path as the builder, so the venv's interpreter links hold.
COPY --from=builder /opt/venv /opt/venv

WORKDIR /app
COPY . .

# Build-time only: production settings refuse to load without a long SECRET_KEY,
# and neither command below uses it. A throwaway random key lives in this RUN's
# shell alone and is not stored in any layer or in the image's environment.
# The system checks these commands run may open the database (SQLite's JSON
# support check): an in-memory one, as no real database exists at build time.
# Code, static files and translations stay owned by root: read-only to the app.
RUN export SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
        DATABASE_URL="sqlite:///:memory:" \
        && python manage.py collectstatic --noinput --verbosity 0 \
        && python manage.py compiletranslations \
    && python -m compileall -q apps config \
    && mkdir -p /app/var/media /app/var/mail \
    && chown -R quorum:quorum /app/var

# Writable state is /app/var only: /app/var/media is the media volume (compose
# mounts it; no VOLUME here, so one-off containers don't each get an anonymous one).
USER 10001:10001

EXPOSE 8000

# /health/ is exempt from the HTTPS redirect. Django checks the Host header against
# ALLOWED_HOSTS, so send the first allowed host rather than 127.0.0.1. Probes
# every 2 s while starting (Docker 25+), so nginx is not kept waiting 30 s.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --start-interval=2s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; h = os.environ.get('ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.'); h = 'localhost' if h in ('', '*') else h; r.urlopen(r.Request('http://127.0.0.1:8000/health/', headers={'Host': h}), timeout=4)"]

CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "config.wsgi:application"]
