#!/usr/bin/env bash
# Starts, stops or reports the local PgBouncer that scripts/provision-local.sh configured (run as root).
#   scripts/pgbouncer-local.sh start|stop|status
set -euo pipefail
STATE_DIR=${MCP_STATE_DIR:-/var/lib/mcp-writing}
INI="$STATE_DIR/pgbouncer/pgbouncer.ini"
PIDFILE="$STATE_DIR/pgbouncer/pgbouncer.pid"
PORT=$(awk -F' *= *' '$1=="listen_port"{print $2}' "$INI")

running() { [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

case "${1:-status}" in
  start)
    if running; then
      kill -HUP "$(cat "$PIDFILE")"
    else
      su postgres -s /bin/sh -c "/usr/sbin/pgbouncer -d -q $INI"
    fi
    for _ in $(seq 1 40); do pg_isready -q -h 127.0.0.1 -p "$PORT" && exit 0; sleep 0.25; done
    echo "PgBouncer did not come up on port $PORT" >&2
    exit 1
    ;;
  stop)
    if running; then
      pid=$(cat "$PIDFILE")
      kill -INT "$pid"   # immediate shutdown, like a crash of the pooler as clients see it
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.25; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    ;;
  status)
    if running; then echo "running on port $PORT (pid $(cat "$PIDFILE"))"; else echo "stopped"; exit 3; fi
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
