#!/usr/bin/env bash
# The benchmark as users meet the servers: provisions the database if needed, builds, starts the ten servers as the
# tests do (bearer token, per-session rate limit lifted), then drives them with the official TypeScript SDK client
# over Streamable HTTP and legacy SSE and with a lean wire client, and prints throughput, p50/p95/p99, errors,
# server CPU per call by process (Liberty, PgBouncer, PostgreSQL) beside the client's, memory per server, and
# latency per tool. The servers are stopped again at the end.
#   scripts/benchmark.sh [seconds] [concurrency] [benchmark options...]
# Options (docs/PERFORMANCE.md): --warmup=S --servers=a,b --clients=sdk:streamable,sdk:sse,wire:streamable
#   --mix=read|mixed --fixture=standard|large --sweep=S (each growth-sensitive tool alone) --interval=S (soak lines)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
seconds=${1:-30}
concurrency=${2:-8}
shift $(( $# > 2 ? 2 : $# ))
bash scripts/bootstrap.sh
bash scripts/provision-local.sh >/dev/null
mvn -B -q -Pbenchmark verify -pl server-modules/system-tests -am -DskipTests -Dit.max.calls.per.second=100000 \
  "-Dbenchmark.args=--duration=$seconds --concurrency=$concurrency $*"
