#!/usr/bin/env bash
# Starts, stops or reports the MCP Liberty servers laid out by `mvn package` (or by Ansible).
#   scripts/servers.sh start [name...]    start (all in liberty-config/servers.list by default), wait until ready
#   scripts/servers.sh stop [name...]     stop with Liberty's quiesce
#   scripts/servers.sh status [name...]   one line per server: state, port, readiness
#   scripts/servers.sh drain [name...]    readiness DOWN, no new sessions, calls in progress finish, sessions closed
#   scripts/servers.sh resume [name...]   take sessions again after a drain
# With no names, MCP_SERVERS (comma-separated) or else every server in the list is meant.
# WLP_HOME points at the Liberty installation (default: the build's target/liberty/wlp).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WLP_HOME=${WLP_HOME:-$ROOT/target/liberty/wlp}
SERVERS_LIST=${SERVERS_LIST:-$ROOT/liberty-config/servers.list}
START_TIMEOUT=${START_TIMEOUT:-180}

# DATABASE_URL=postgresql://user:password@host:port/name sets the DB_* variables Liberty reads.
if [[ -n "${DATABASE_URL:-}" ]]; then
  if [[ "$DATABASE_URL" =~ ^postgres(ql)?://([^:@/]+)(:([^@/]*))?@([^:/]+)(:([0-9]+))?/([^?]+) ]]; then
    export DB_USER="${BASH_REMATCH[2]}" DB_PASSWORD="${BASH_REMATCH[4]}" DB_HOST="${BASH_REMATCH[5]}"
    export DB_PORT="${BASH_REMATCH[7]:-5432}" DB_NAME="${BASH_REMATCH[8]}"
  else
    echo "DATABASE_URL is not postgresql://user:password@host:port/name" >&2
    exit 2
  fi
fi

declare -A PORT
ORDER=()
while read -r name port _; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  PORT[$name]=$port
  ORDER+=("$name")
done < "$SERVERS_LIST"

cmd=${1:-status}
shift || true
names=("$@")
if ((${#names[@]} == 0)) && [[ -n "${MCP_SERVERS:-}" ]]; then
  IFS=',' read -r -a names <<< "$MCP_SERVERS"
fi
((${#names[@]})) || names=("${ORDER[@]}")

for n in "${names[@]}"; do
  [[ -n "${PORT[$n]:-}" ]] || { echo "unknown server '$n' (see $SERVERS_LIST)" >&2; exit 2; }
  [[ -d "$WLP_HOME/usr/servers/$n" ]] || { echo "server '$n' is not laid out in $WLP_HOME (run mvn package)" >&2; exit 2; }
done

ready() { curl -fsS -o /dev/null --max-time 5 "http://localhost:$1/health/ready"; }
started() { curl -fsS -o /dev/null --max-time 5 "http://localhost:$1/health/started"; }

# Waits until server $1 has started; fails with its log's errors, or after START_TIMEOUT seconds.
await_started() {
  local n=$1 deadline=$((SECONDS + START_TIMEOUT)) log="$WLP_HOME/usr/servers/$1/logs/messages.log"
  until started "${PORT[$n]}"; do
    if grep -qs -E 'CWWKO0221E| E (CWWKZ|SRVE|CWWKE)[0-9]+E' "$log"; then
      echo "$n: failed to start:" >&2
      grep -E 'CWWKO0221E| E ' "$log" | tail -n 5 >&2
      exit 1
    fi
    if ((SECONDS > deadline)); then
      echo "$n: not started after ${START_TIMEOUT}s (see $log)" >&2
      exit 1
    fi
    sleep 1
  done
}

# One class-data archive (AppCDS) for every server of this installation (scripts/class-archive.sh), made again when
# it is missing or older than the applications; its pages are shared by the servers (mapped at the archive's own
# address, so nothing is relocated or copied). CLASS_ARCHIVE=none starts the servers without one.
CLASS_ARCHIVE=${CLASS_ARCHIVE:-$WLP_HOME/usr/shared/mcp-classes.jsa}

class_archive_stale() {
  [[ $CLASS_ARCHIVE != none ]] || return 1
  [[ -s $CLASS_ARCHIVE ]] || return 0
  [[ -n $(find "$WLP_HOME/usr/servers" -path '*/apps/*.war' -newer "$CLASS_ARCHIVE" -print -quit) ]]
}

case "$cmd" in
  start)
    if class_archive_stale; then
      for n in "${names[@]}"; do
        if ! "$WLP_HOME/bin/server" status "$n" >/dev/null 2>&1; then
          WLP_HOME=$WLP_HOME bash "$ROOT/scripts/class-archive.sh" "$CLASS_ARCHIVE" "$n" "${PORT[$n]}" || true
          break
        fi
      done
    fi
    if [[ $CLASS_ARCHIVE != none && -s $CLASS_ARCHIVE ]]; then
      JVM_ARGS="${JVM_ARGS:-} $(bash "$ROOT/scripts/class-archive.sh" --use "$CLASS_ARCHIVE" | tr '\n' ' ')"
      export JVM_ARGS
    fi
    for n in "${names[@]}"; do
      if "$WLP_HOME/bin/server" status "$n" >/dev/null 2>&1; then
        echo "$n: already running"
        continue
      fi
      # Liberty still reports "ready" when its port is taken, so check the port first.
      if (exec 3<>"/dev/tcp/127.0.0.1/${PORT[$n]}") 2>/dev/null; then
        echo "$n: port ${PORT[$n]} is already in use by another process" >&2
        exit 1
      fi
      # the list is the one source of ports: HTTP_PORT overrides the server.xml default
      HTTP_PORT=${PORT[$n]} "$WLP_HOME/bin/server" start "$n" >/dev/null
    done
    for n in "${names[@]}"; do
      await_started "$n"
      if ready "${PORT[$n]}"; then
        echo "$n: ready on port ${PORT[$n]}"
      else
        echo "$n: started on port ${PORT[$n]}, but not ready (database?)"
      fi
    done
    ;;
  stop)
    pids=()
    for n in "${names[@]}"; do
      "$WLP_HOME/bin/server" stop "$n" >/dev/null 2>&1 &
      pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || true; done
    echo "stopped: ${names[*]}"
    ;;
  drain|resume)
    for n in "${names[@]}"; do
      java "$ROOT/scripts/McpControl.java" "$WLP_HOME/usr/servers/$n" "$cmd"
    done
    ;;
  status)
    for n in "${names[@]}"; do
      if "$WLP_HOME/bin/server" status "$n" >/dev/null 2>&1; then
        state=running
        if ready "${PORT[$n]}"; then readiness=ready; else readiness=not-ready; fi
      else
        state=stopped
        readiness=-
      fi
      printf '%-20s %-8s %-6s %s\n' "$n" "$state" "${PORT[$n]}" "$readiness"
    done
    ;;
  *)
    echo "usage: $0 start|stop|status|drain|resume [server...]" >&2
    exit 2
    ;;
esac
