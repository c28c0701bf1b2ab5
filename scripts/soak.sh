#!/usr/bin/env bash
# The soak run: the benchmark over all ten servers for a long time (default 10 minutes, 8 clients, the official
# TypeScript SDK client over Streamable HTTP) with a line of figures per minute (calls/s, latency percentiles,
# errors, the servers' RSS), so that drift in latency or memory shows; memory per server at the end.
#   scripts/soak.sh [minutes] [concurrency] [benchmark options...]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
minutes=${1:-10}
concurrency=${2:-8}
shift $(( $# > 2 ? 2 : $# ))
exec bash "$ROOT/scripts/benchmark.sh" $((minutes * 60)) "$concurrency" --interval=60 --warmup=10 \
  --clients=sdk:streamable --mix=mixed "$@"
