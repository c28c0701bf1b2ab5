#!/usr/bin/env bash
# Runs the benchmark: provisions the database if needed, builds, starts the servers that have a workload,
# drives them with real MCP clients, prints p50/p95/p99 latency, throughput, error rate, peak database
# connections and server memory, and stops the servers again.
#   scripts/benchmark.sh [seconds] [concurrency]      (defaults: 30 s, 8 clients)
# Extra Maven properties can follow, e.g. -Dbenchmark.servers=author,book-planning.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
seconds=${1:-30}
concurrency=${2:-8}
shift $(( $# > 2 ? 2 : $# ))
bash scripts/provision-local.sh >/dev/null
mvn -B -Pbenchmark verify -pl server-modules/system-tests -am -DskipTests -Dskip.js=true \
  -Dbenchmark.duration="$seconds" -Dbenchmark.concurrency="$concurrency" -Dit.max.calls.per.second=100000 "$@"
