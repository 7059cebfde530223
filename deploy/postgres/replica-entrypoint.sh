#!/usr/bin/env bash
# compose.yaml's postgres-replica: on an empty volume, a base backup of the
# primary (pg_basebackup -R writes primary_conninfo and standby.signal), then
# the image's own entrypoint starts PostgreSQL on it as a hot standby that
# streams the primary's WAL and answers read-only queries.
#
# A backup cut off half-way is started again from scratch; a finished one is
# marked, so a replica later promoted to primary is never overwritten.
set -euo pipefail

PGDATA=${PGDATA:-/var/lib/postgresql/data}
PRIMARY_HOST=${PRIMARY_HOST:-postgres}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
marker="$PGDATA/.quorum-basebackup-done"

if [ ! -e "$marker" ]; then
  mkdir -p "$PGDATA"
  find "$PGDATA" -mindepth 1 -delete
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  until pg_isready -q -h "$PRIMARY_HOST" -p "$PRIMARY_PORT"; do
    echo "replica: waiting for $PRIMARY_HOST:$PRIMARY_PORT"
    sleep 2
  done
  echo "replica: base backup of $PRIMARY_HOST:$PRIMARY_PORT"
  PGPASSWORD="$REPLICATION_PASSWORD" gosu postgres pg_basebackup \
    -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "${REPLICATION_USER:-replicator}" \
    -D "$PGDATA" -R -X stream -c fast
  gosu postgres touch "$marker"
fi

exec docker-entrypoint.sh "$@"
