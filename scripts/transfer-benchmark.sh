#!/usr/bin/env bash
# Measures the table transfer tools on a table of a million rows: fills transfer_bench, exports it with
# db_export_csv and db_export_json, imports each file back into an empty copy with db_import_csv/db_import_json,
# checks that the copy holds the same rows (count and checksum), and prints rows, file size, seconds and rows/s per
# step with the JVM's peak heap (docs/PERFORMANCE.md, "Table transfers").
#   scripts/transfer-benchmark.sh [--rows=N] [--heap=64m]
#       the tools' own code in this JVM, against the scratch database (default mcp_transfer_test on localhost:5432,
#       an empty database owned by mcp_owner: su postgres -c "psql -c 'CREATE DATABASE mcp_transfer_test OWNER mcp_owner'")
#   scripts/transfer-benchmark.sh --server=http://localhost:3010/mcp [--rows=N]
#       a running database-admin over MCP (MCP_AUTH_TOKEN when it wants one); TRANSFER_DB_NAME must then name the
#       database that server uses: the two benchmark tables are made there, and dropped when the check passes
# Database settings: TRANSFER_DB_HOST, TRANSFER_DB_PORT, TRANSFER_DB_NAME, TRANSFER_DB_OWNER(_PASSWORD),
# TRANSFER_DB_APP(_PASSWORD), defaults as scripts/provision-local.sh creates the roles.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
heap=64m
args=()
for arg in "$@"; do
  case $arg in
    --heap=*) heap=${arg#--heap=} ;;
    *) args+=("$arg") ;;
  esac
done
classpath=$(mktemp)
trap 'rm -f "$classpath"' EXIT
# test-compile in the reactor: mcp-core's classes come from its target/classes, not from ~/.m2
mvn -B -q -pl server-modules/writing-domain -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath"
module=server-modules/writing-domain
java "-Xmx$heap" \
  "-Dtransfer.db.host=${TRANSFER_DB_HOST:-localhost}" "-Dtransfer.db.port=${TRANSFER_DB_PORT:-5432}" \
  "-Dtransfer.db.name=${TRANSFER_DB_NAME:-mcp_transfer_test}" \
  "-Dtransfer.db.owner=${TRANSFER_DB_OWNER:-mcp_owner}" \
  "-Dtransfer.db.owner.password=${TRANSFER_DB_OWNER_PASSWORD:-mcp_owner_dev_password}" \
  "-Dtransfer.db.app=${TRANSFER_DB_APP:-mcp_app}" "-Dtransfer.db.app.password=${TRANSFER_DB_APP_PASSWORD:-mcp_dev_password}" \
  -cp "$module/target/test-classes:$module/target/classes:server-modules/mcp-core/target/classes:$(cat "$classpath")" \
  io.mcpwriting.domain.admin.transfer.TransferBenchmark ${args[@]+"${args[@]}"}
