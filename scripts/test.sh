#!/usr/bin/env bash
# The test command: provisions what the tests need on this machine (PostgreSQL, PgBouncer, the database),
# then builds everything and runs every test: unit tests, then the ten Liberty servers started for real and
# tested through the Java MCP client, the TypeScript SDK client, the Inspector CLI and the conformance suite.
# Extra arguments go to Maven (e.g. -Dit.test=AuthorToolsIT -Dit.servers=author).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

missing=()
command -v mvn >/dev/null || missing+=(maven)
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v npm >/dev/null || missing+=(nodejs npm)
command -v curl >/dev/null || missing+=(curl)
if ((${#missing[@]})); then
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi

# Every run starts from an empty database, migrated by the build, as on a fresh machine.
bash scripts/provision-local.sh --reset
# Servers left running by an interrupted run would hold the ports.
[[ -x target/liberty/wlp/bin/server ]] && scripts/servers.sh stop >/dev/null 2>&1 || true

status=0
mvn -B verify "$@" || status=$?
# A failure in the middle of the integration tests skips Maven's post-integration-test phase.
[[ -x target/liberty/wlp/bin/server ]] && scripts/servers.sh stop >/dev/null 2>&1 || true
exit $status
