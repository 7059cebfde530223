#!/usr/bin/env bash
# compose.yaml's postgres service runs this once, when it initialises an empty
# volume (/docker-entrypoint-initdb.d): the role postgres-replica streams the
# WAL with, allowed to connect for replication from the compose network, and
# enough WAL kept for a replica that was stopped a while to catch up.
#
# An existing database (a volume made before the replica existed) does not run
# it: do the same by hand once, as deploy/README.md shows (Read replica).
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=role="${REPLICATION_USER:-replicator}" --set=password="$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE :"role" WITH REPLICATION LOGIN PASSWORD :'password';
ALTER SYSTEM SET wal_keep_size = '1GB';
SQL

# The image's pg_hba.conf lets `all` connect from anywhere, but `all` does not
# cover the replication pseudo-database: one line for the replication role.
echo "host replication ${REPLICATION_USER:-replicator} all scram-sha-256" >>"$PGDATA/pg_hba.conf"
