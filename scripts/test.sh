#!/usr/bin/env bash
# The test command: provisions what the tests need on this machine (PostgreSQL, PgBouncer, the database),
# then builds everything and runs every test: unit tests, then the ten Liberty servers started for real and
# tested through the Java MCP client, the TypeScript SDK client, the Inspector CLI and the conformance suite.
# Extra arguments go to Maven (e.g. -Dit.test=AuthorToolsIT -Dit.servers=author).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

# Whether the `main` PostgreSQL cluster runs, asked before bootstrap.sh: installing PostgreSQL there creates and starts
# that cluster, which this run then started and stops at the end.
cluster_was_online=$(command -v pg_lsclusters >/dev/null && pg_lsclusters -h 2>/dev/null | awk '$2 == "main" && $4 == "online"' || true)
bash scripts/bootstrap.sh   # the JDK, Maven, Node.js, PostgreSQL, PgBouncer and the tests' tools, when missing

# What this run starts, it stops, however it ends (a failure in the middle of the integration tests skips
# Maven's post-integration-test phase): the servers, the tests' PgBouncer, and the PostgreSQL cluster when it
# was not running before this script (cluster_was_online, above). So scripts/up.sh can follow on the same machine
# (its PgBouncer takes port 6432). And a local deployment made before (scripts/up.sh) that holds those ports is
# paused for the run and resumed after it.
stop_what_we_started() {
  [[ -x target/liberty/wlp/bin/server ]] && scripts/servers.sh stop >/dev/null 2>&1 || true
  [[ -f /var/lib/mcp-writing/pgbouncer/pgbouncer.ini ]] && bash scripts/pgbouncer-local.sh stop || true
  if [[ -z $cluster_was_online ]] && command -v pg_lsclusters >/dev/null; then
    pg_lsclusters -h | awk '$2 == "main" && $4 == "online" {print $1}' | while read -r version; do
      pg_ctlcluster "$version" main stop || true
    done
  fi
  bash scripts/local-deployment.sh resume || true
}
trap stop_what_we_started EXIT
bash scripts/local-deployment.sh pause

# Every run starts from an empty database, migrated by the build, as on a fresh machine.
bash scripts/provision-local.sh --reset
# The transfer tests of writing-domain (COPY exports and imports, TransferToolsTest) use a scratch database,
# the backup tests (IncrementalBackupTest: full restores drop and re-create every object) one of their own, and
# the domain tests (every tool called directly, io.mcpwriting.domain.testing.DomainDb) a third, which they migrate.
DB_NAME=mcp_transfer_test bash scripts/provision-local.sh --reset >/dev/null
DB_NAME=mcp_backup_test bash scripts/provision-local.sh --reset >/dev/null
DB_NAME=mcp_domain_test bash scripts/provision-local.sh --reset >/dev/null
# Servers left running by an interrupted run would hold the ports.
[[ -x target/liberty/wlp/bin/server ]] && scripts/servers.sh stop >/dev/null 2>&1 || true

mvn -B verify "$@"
