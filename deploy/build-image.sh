#!/usr/bin/env bash
# Build the production image from ./Dockerfile with podman, on a machine that
# has no Docker engine and cannot reach a container registry (`make image`).
#
#   1. podman, runc, uidmap and debootstrap (and what the rehearsal needs)
#      from apt, if missing (deploy/setup-host.sh);
#   2. a base image made locally: debootstrap of Debian trixie (Python 3.13,
#      venv, apt), imported with `podman import` (once; reused afterwards);
#   3. `podman build` of the real Dockerfile on that base (BASE_IMAGE build
#      argument), with host networking, and the CA of the package proxy
#      ($PIP_CERT) passed as a build secret: mounted for pip's RUN only, it is
#      never copied into a layer.
#
# On a normal host, `docker build -t quorum .` or `podman build -t quorum .`
# uses the official python image instead and needs none of this.
#
# Environment: QUORUM_IMAGE (default quorum:latest), QUORUM_BASE_IMAGE
# (localhost/quorum-base:trixie), QUORUM_BASE_DIR (/var/tmp/quorum-base),
# DEBIAN_MIRROR (http://deb.debian.org/debian), PIP_CERT (optional).
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${QUORUM_IMAGE:-quorum:latest}
BASE=${QUORUM_BASE_IMAGE:-localhost/quorum-base:trixie}
BASE_DIR=${QUORUM_BASE_DIR:-/var/tmp/quorum-base}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/deploy/podman/containers.conf}

say() { printf '==> %s\n' "$*"; }

if [ "$(id -u)" != 0 ]; then
  echo "build-image.sh: run as root (debootstrap and rootful podman)." >&2
  exit 1
fi

deploy/setup-host.sh

if ! podman image exists "$BASE"; then
  rootfs="$BASE_DIR/rootfs"
  if [ ! -x "$rootfs/usr/bin/python3" ]; then
    say "debootstrap Debian trixie into $rootfs (a few minutes)"
    rm -rf "$rootfs"
    mkdir -p "$BASE_DIR"
    debootstrap --variant=minbase \
      --include=python3,python3-venv,python-is-python3,ca-certificates,passwd \
      trixie "$rootfs" "$MIRROR" >"$BASE_DIR/debootstrap.log"
  fi
  say "importing $rootfs as $BASE"
  tar --numeric-owner -C "$rootfs" -c . \
    | podman import --change 'CMD ["/bin/bash"]' --change 'ENV LANG=C.UTF-8' - "$BASE" >/dev/null
fi

secret=()
if [ -n "${PIP_CERT:-}" ] && [ -s "$PIP_CERT" ]; then
  secret=(--secret "id=pip_cert,src=$PIP_CERT")
fi

# Podman before 5 (Debian 12's 4.3) rejects HEALTHCHECK --start-interval
# (Docker 25+): build from a copy without that one flag; the check itself,
# interval and start period stay as written.
dockerfile=Dockerfile
if [ "$(podman version --format '{{.Client.Version}}' | cut -d. -f1)" -lt 5 ]; then
  dockerfile=$(mktemp "${TMPDIR:-/tmp}/quorum-Dockerfile.XXXXXX")
  trap 'rm -f "$dockerfile"' EXIT
  sed -E 's/ --start-interval=[^ ]+//' Dockerfile >"$dockerfile"
fi

say "building $IMAGE on $BASE"
# --format docker keeps the Dockerfile's HEALTHCHECK (OCI images drop it).
podman build --network host --format docker \
  --build-arg "BASE_IMAGE=$BASE" "${secret[@]}" \
  --tag "$IMAGE" --file "$dockerfile" .

# The secret must not have reached any layer (checked in a container, where
# this machine can run one; the rehearsal then says why it could not).
seen=$(podman run --rm --network host --no-healthcheck "$IMAGE" \
  sh -c 'if [ -e /run/secrets/pip_cert ]; then echo present; else echo absent; fi' 2>/dev/null) || true
case "$seen" in
  absent) ;;
  present) echo "build-image.sh: the build secret is visible in the image" >&2; exit 1 ;;
  *) echo "build-image.sh: could not run a container to check the image for the build secret" >&2 ;;
esac
say "built $IMAGE: $(podman image inspect --format '{{.Size}}' "$IMAGE" | numfmt --to=iec) "
