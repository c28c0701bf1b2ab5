#!/usr/bin/env bash
# The soak run: the benchmark over all ten servers for a long time (default 10 minutes, 8 clients), with a line
# of figures per minute (latency percentiles, error rate, database connections, heap, RSS) and the first and
# last minute side by side, so that drift in latency, memory or connections shows. Measured from the first
# minutes on (10 s warm-up), so the JIT's warm-up shows as well.
#   scripts/soak.sh [minutes] [concurrency]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
minutes=${1:-10}
concurrency=${2:-8}
exec bash "$ROOT/scripts/benchmark.sh" $((minutes * 60)) "$concurrency" -Dbenchmark.interval=60 -Dbenchmark.warmup=10
