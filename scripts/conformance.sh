#!/usr/bin/env bash
# Runs the official MCP conformance suite (version pinned in server-modules/system-tests/src/test/js/package.json):
# every server scenario against the conformance fixtures server (server-modules/conformance, built on mcp-core;
# started and stopped here on port 3011), and the scenarios that apply to them against the ten servers, which
# must be running (scripts/servers.sh start). Prints `conformance: N passed, M failed`; fails on any failure.
# Environment: MCP_AUTH_TOKEN (the servers' token), DB_NAME/DB_PORT as for scripts/servers.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JS=$ROOT/server-modules/system-tests/src/test/js
FIXTURES_LIST=$ROOT/liberty-config/conformance.list

# stopped on any exit, a failed start included (a server left running would hold port 3011 and its app)
trap 'SERVERS_LIST=$FIXTURES_LIST "$ROOT/scripts/servers.sh" stop conformance >/dev/null' EXIT
SERVERS_LIST=$FIXTURES_LIST "$ROOT/scripts/servers.sh" start conformance

cd "$JS"
[[ -d node_modules ]] || npm ci --no-audit --no-fund
CONFORMANCE_FIXTURES_LIST=$FIXTURES_LIST npm run --silent conformance
