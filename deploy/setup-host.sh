#!/usr/bin/env bash
# What `make image` and `make rehearsal` need on the host, installed from apt
# when missing (Debian 12, as root): podman with Debian's runc and uidmap,
# debootstrap (the local base image), nginx-light (in front of the web nodes),
# and PostgreSQL and Redis (the rehearsal runs clusters of its own on ports of
# its own; it never touches a running 5432/6379).
set -euo pipefail

if [ "$(id -u)" != 0 ]; then
  echo "setup-host.sh: run as root (apt-get)." >&2
  exit 1
fi

missing=()
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v runc >/dev/null 2>&1 || missing+=(runc)
command -v newuidmap >/dev/null 2>&1 || missing+=(uidmap)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
command -v useradd >/dev/null 2>&1 || missing+=(passwd)

if [ ${#missing[@]} -gt 0 ]; then
  printf '==> installing %s\n' "${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    "${missing[@]}" >/dev/null
fi
