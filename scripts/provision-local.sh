#!/usr/bin/env bash
# Provisions what the servers and tests need on this machine, idempotently: PostgreSQL (the distribution's
# cluster), the database and its two roles (schema owner, application), and PgBouncer in transaction mode
# on 127.0.0.1:6432. Run as root (or with sudo). Options: --reset drops and recreates the database.
# A second, isolated setup (e.g. for fault-injection tests that restart PostgreSQL and PgBouncer) takes its own
# cluster (created when missing), ports and state directory:
#   PG_CLUSTER=faults PG_PORT=5442 PGBOUNCER_PORT=7442 MCP_STATE_DIR=/var/lib/mcp-writing-faults \
#     DB_NAME=mcp_writing_faults scripts/provision-local.sh
set -euo pipefail

DB_NAME=${DB_NAME:-mcp_writing}
DB_OWNER_USER=${DB_OWNER_USER:-mcp_owner}
DB_OWNER_PASSWORD=${DB_OWNER_PASSWORD:-mcp_owner_dev_password}
DB_APP_USER=${DB_APP_USER:-mcp_app}
DB_PASSWORD=${DB_PASSWORD:-mcp_dev_password}
PG_CLUSTER=${PG_CLUSTER:-main}
PG_PORT=${PG_PORT:-5432}
PGBOUNCER_PORT=${PGBOUNCER_PORT:-6432}
PGBOUNCER_POOL_SIZE=${PGBOUNCER_POOL_SIZE:-40}
PGBOUNCER_MAX_CLIENT_CONN=${PGBOUNCER_MAX_CLIENT_CONN:-400}
STATE_DIR=${MCP_STATE_DIR:-/var/lib/mcp-writing}
RESET=false
[[ "${1:-}" == "--reset" ]] && RESET=true

log() { printf '[provision] %s\n' "$*"; }

# PgBouncer's behaviour (pooling mode, timeouts) has one source, the Ansible role's documented defaults; this
# machine's PgBouncer takes the same values as a deployment's.
PGBOUNCER_DEFAULTS=$(dirname "$0")/../ansible/roles/pgbouncer/defaults/main.yml
pgbouncer_default() {
  local value
  value=$(awk -v key="pgbouncer_$1:" '$1 == key {print $2; exit}' "$PGBOUNCER_DEFAULTS")
  [[ -n $value ]] || { echo "pgbouncer_$1 missing from $PGBOUNCER_DEFAULTS" >&2; exit 1; }
  echo "$value"
}

need_packages=()
command -v pg_ctlcluster >/dev/null || need_packages+=(postgresql)
command -v pgbouncer >/dev/null || [[ -x /usr/sbin/pgbouncer ]] || need_packages+=(pgbouncer)
if ((${#need_packages[@]})); then
  log "installing ${need_packages[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_packages[@]}" >/dev/null
fi

PG_VERSION=$(ls /etc/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v {print $2}' | grep -qx "$PG_CLUSTER"; then
  log "creating PostgreSQL cluster $PG_VERSION/$PG_CLUSTER on port $PG_PORT"
  pg_createcluster "$PG_VERSION" "$PG_CLUSTER" --port "$PG_PORT" >/dev/null
fi
if ! pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1; then
  log "starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
fi
for _ in $(seq 1 30); do pg_isready -q -h localhost -p "$PG_PORT" && break; sleep 1; done

psql_admin() { su postgres -c "psql -p $PG_PORT -v ON_ERROR_STOP=1 -qAtX $*"; }

if $RESET; then
  log "dropping database $DB_NAME"
  psql_admin "-c 'DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)'"
fi

log "roles and database"
su postgres -c "psql -p $PG_PORT -v ON_ERROR_STOP=1 -qX" <<SQL
SET password_encryption = 'scram-sha-256';
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$DB_OWNER_USER') THEN
    CREATE ROLE $DB_OWNER_USER LOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$DB_APP_USER') THEN
    CREATE ROLE $DB_APP_USER LOGIN;
  END IF;
END
\$\$;
ALTER ROLE $DB_OWNER_USER PASSWORD '$DB_OWNER_PASSWORD';
ALTER ROLE $DB_APP_USER PASSWORD '$DB_PASSWORD';
SQL
if [[ -z "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'\"")" ]]; then
  psql_admin "-c 'CREATE DATABASE $DB_NAME OWNER $DB_OWNER_USER'"
fi
psql_admin "-d $DB_NAME -c 'REVOKE CREATE ON SCHEMA public FROM PUBLIC; GRANT ALL ON SCHEMA public TO $DB_OWNER_USER'"

log "PgBouncer on 127.0.0.1:$PGBOUNCER_PORT (transaction pooling)"
install -d -o postgres -g postgres -m 0750 "$STATE_DIR/pgbouncer"
userlist="$STATE_DIR/pgbouncer/userlist.txt"
su postgres -c "psql -p $PG_PORT -qAtX" > "$userlist.new" <<SQL
SELECT format('"%s" "%s"', rolname, rolpassword) FROM pg_authid WHERE rolname IN ('$DB_APP_USER', '$DB_OWNER_USER');
SQL
chown postgres:postgres "$userlist.new"; chmod 0600 "$userlist.new"; mv "$userlist.new" "$userlist"
declare -A bouncer=()
for setting in pool_mode reserve_pool_timeout server_connect_timeout server_login_retry query_wait_timeout \
  idle_transaction_timeout; do
  bouncer[$setting]=$(pgbouncer_default "$setting")
done
cat > "$STATE_DIR/pgbouncer/pgbouncer.ini.new" <<INI
[databases]
; any database of the local cluster (tests and worktrees may use their own)
* = host=127.0.0.1 port=$PG_PORT

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGBOUNCER_PORT
unix_socket_dir = $STATE_DIR/pgbouncer
auth_type = scram-sha-256
auth_file = $userlist
pool_mode = ${bouncer[pool_mode]}
default_pool_size = $PGBOUNCER_POOL_SIZE
reserve_pool_size = 5
reserve_pool_timeout = ${bouncer[reserve_pool_timeout]}
max_client_conn = $PGBOUNCER_MAX_CLIENT_CONN
max_db_connections = $((PGBOUNCER_POOL_SIZE + 5))
ignore_startup_parameters = extra_float_digits
server_connect_timeout = ${bouncer[server_connect_timeout]}
server_login_retry = ${bouncer[server_login_retry]}
; with PostgreSQL gone PgBouncer holds queries: the servers answer "database unavailable" after this instead
query_wait_timeout = ${bouncer[query_wait_timeout]}
idle_transaction_timeout = ${bouncer[idle_transaction_timeout]}
admin_users = postgres
stats_users = $DB_APP_USER
logfile = $STATE_DIR/pgbouncer/pgbouncer.log
pidfile = $STATE_DIR/pgbouncer/pgbouncer.pid
INI
chown postgres:postgres "$STATE_DIR/pgbouncer/pgbouncer.ini.new"
mv "$STATE_DIR/pgbouncer/pgbouncer.ini.new" "$STATE_DIR/pgbouncer/pgbouncer.ini"
MCP_STATE_DIR="$STATE_DIR" "$(dirname "$0")/pgbouncer-local.sh" start   # starts it, or reloads config and auth file
# PgBouncer refuses logins for server_login_retry after a failed one (the database was just dropped, say).
for attempt in $(seq 1 10); do
  if PGPASSWORD=$DB_PASSWORD psql -qAtX -h 127.0.0.1 -p "$PGBOUNCER_PORT" -U "$DB_APP_USER" -d "$DB_NAME" \
      -c 'SELECT 1' >/dev/null 2>&1; then
    break
  fi
  ((attempt < 10)) || { echo "PgBouncer on :$PGBOUNCER_PORT does not reach $DB_NAME" >&2; exit 1; }
  sleep 1
done
log "ready: PostgreSQL $PG_VERSION/$PG_CLUSTER :$PG_PORT, PgBouncer :$PGBOUNCER_PORT, database $DB_NAME"
