#!/usr/bin/env bash
# Checks the one-JVM layout for real: starts the Liberty server mcp-writing-all (ear/: the ten WARs in one EAR,
# laid out by `mvn package` in target/liberty) on ports of its own, checks it with curl and jq, stops it.
#   - it listens on exactly base..base+10 (server n of liberty-config/servers.list on base + n);
#   - on its own port each server answers /info with its own name and tools, /sse, and MCP: initialize, then
#     tools/list lists exactly its tools (docs/contract/tools.json), none of another server's; another
#     server's tool is unknown there; successful calls and failed ones (validation, not found, conflict,
#     result too large) on every port;
#   - the base port has no MCP endpoint, and the server ports have no /health or /metrics: on the base port,
#     /health is UP with the started, live and ready checks of all ten applications and /metrics has the
#     metrics of all ten (sessions, and the calls just made);
#   - no error in the server's log; after the stop every port is free again.
# It cleans up whatever happens (the server is stopped on any exit) and fails loudly: the first failed check
# ends it with a message, the last lines of the server's log and a non-zero status.
#
# Settings (environment, defaults in brackets):
#   EAR_PORT_BASE [4000]   never 3000, which the ten single servers' default ports 3001-3010 would clash with
#   DB_HOST [127.0.0.1] DB_PORT [7632] DB_NAME [mcp_writing_ci] DB_USER [mcp_app] DB_PASSWORD [mcp_dev_password]
#       a PgBouncer in front of a migrated database: by default the one that `CI_KEEP=1 ansible/ci-check.sh`
#       leaves running (CI runs this script right after it); scripts/provision-local.sh makes another.
#   WLP_HOME [target/liberty/wlp]   START_TIMEOUT [180]
#   EAR_MEMORY [0]   1: also measure memory (below)
#
# EAR_MEMORY=1 then compares memory with the ten single servers of the same build (usr/servers/<name>, started
# on base+100+n against the same database): for each layout, at idle (60 s after all are ready) and after
# traffic (mcp-traffic.sh: fixtures, 25 rounds of successful calls on every server, the failing calls), the
# resident set size (VmRSS) of each JVM and its heap and metaspace in use right after a full GC (jcmd GC.run,
# then GC.heap_info), summed over the ten single servers.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WLP_HOME=${WLP_HOME:-$ROOT/target/liberty/wlp}
BASE=${EAR_PORT_BASE:-4000}
START_TIMEOUT=${START_TIMEOUT:-180}
SERVER=mcp-writing-all
SERVER_DIR=$WLP_HOME/usr/servers/$SERVER
LOG=$SERVER_DIR/logs/messages.log
CONTRACT=$ROOT/docs/contract/tools.json
export DB_HOST=${DB_HOST:-127.0.0.1} DB_PORT=${DB_PORT:-7632} DB_NAME=${DB_NAME:-mcp_writing_ci}
export DB_USER=${DB_USER:-mcp_app} DB_PASSWORD=${DB_PASSWORD:-mcp_dev_password}
# Nothing from the caller's environment may move a port: only mcp.port.base, given below, decides them.
unset HTTP_PORT MCP_PORT_BASE
for v in $(compgen -e | grep '^MCP_PORT_' || true); do unset "$v"; done

# shellcheck source=scripts/mcp-traffic.sh
source "$ROOT/scripts/mcp-traffic.sh"

checks=0
started_ear=false
log_ours=false   # the server's log is this run's (not an earlier one's)
single_started=()
work=$(mktemp -d)

say() { printf '[ear-check] %s\n' "$*"; }
ok() { checks=$((checks + 1)); say "ok: $*"; }
fail() {
  say "FAILED: $*" >&2
  if $log_ours && [[ -f $LOG ]]; then
    say "last errors and warnings in $LOG:" >&2
    grep -E ' [EW] ' "$LOG" | tail -n 15 | cut -c1-400 >&2 || true
  fi
  exit 1
}

cleanup() {
  local status=$?
  if $started_ear; then "$WLP_HOME/bin/server" stop "$SERVER" >/dev/null 2>&1 || true; fi
  if ((${#single_started[@]})); then
    for n in "${single_started[@]}"; do "$WLP_HOME/bin/server" stop "$n" >/dev/null 2>&1 & done
    wait || true
  fi
  rm -rf "$work"
  if ((status == 0)); then say "$checks checks passed"; else say "failed after $checks checks passed" >&2; fi
  exit $status
}
trap cleanup EXIT

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
listening_ports() { ss -Hltnp | awk -v pid="pid=$1," '$0 ~ pid {n = split($4, a, ":"); print a[n]}' | sort -n | uniq; }
get() { curl -s --max-time 10 -o "$work/body" -w '%{http_code}' "http://127.0.0.1:$1$2" || true; }

# --- preconditions -------------------------------------------------------------------------------------------
for tool in curl jq ss pg_isready; do command -v $tool >/dev/null || fail "missing tool: $tool"; done
((BASE != 3000)) || fail "EAR_PORT_BASE 3000 would take the ports of the ten single servers; choose another"
[[ -x $WLP_HOME/bin/server && -f $SERVER_DIR/apps/$SERVER.ear ]] ||
  fail "$SERVER is not laid out in $WLP_HOME (run: mvn -B package -DskipTests)"
if compgen -G "$SERVER_DIR/dropins/*" >/dev/null; then
  fail "$SERVER_DIR/dropins is not empty: a second copy of the application would be started"
fi
"$WLP_HOME/bin/server" status "$SERVER" >/dev/null 2>&1 && fail "$SERVER is already running; stop it first"
for ((p = BASE; p <= BASE + 10; p++)); do port_open $p && fail "port $p is in use; set EAR_PORT_BASE"; done
pg_isready -q -h "$DB_HOST" -p "$DB_PORT" || fail "no PgBouncer/PostgreSQL at $DB_HOST:$DB_PORT (see DB_* above)"
PGPASSWORD=$DB_PASSWORD psql -qAtX -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" \
  -c 'SELECT count(*) FROM authors' >/dev/null 2>"$work/psql" || fail "database $DB_NAME: $(cat "$work/psql")"
ok "preconditions: laid out, ports $BASE-$((BASE + 10)) free, database $DB_NAME at $DB_HOST:$DB_PORT"

# --- start ---------------------------------------------------------------------------------------------------
rm -rf "$SERVER_DIR/logs"; log_ours=true
say "starting $SERVER on ports $BASE-$((BASE + 10))"; start_at=$SECONDS
started_ear=true
JVM_ARGS="${JVM_ARGS:-} -Dmcp.port.base=$BASE" "$WLP_HOME/bin/server" start "$SERVER" >/dev/null ||
  fail "server start $SERVER"
deadline=$((SECONDS + START_TIMEOUT))
until [[ $(get $BASE /health/ready) == 200 ]]; do
  grep -qs -E ' E [A-Z]{4,5}[0-9]{4}E' "$LOG" && fail "start-up error"
  ((SECONDS < deadline)) || fail "not ready after ${START_TIMEOUT}s"
  sleep 1
done
ok "ready $((SECONDS - start_at))s after the start command"
pid=$(cat "$WLP_HOME/usr/servers/.pid/$SERVER.pid")

# --- ports ---------------------------------------------------------------------------------------------------
want_ports=$(seq $BASE $((BASE + 10)))
sleep 2   # the virtual hosts' endpoints open right after the application has started
# (less Liberty's command port and the JMX connector's, taken from the kernel's ephemeral range)
read -r eph_lo eph_hi </proc/sys/net/ipv4/ip_local_port_range
got_ports=$(listening_ports "$pid" | awk -v lo="$eph_lo" -v hi="$eph_hi" '$1 < lo || $1 > hi')
[[ $got_ports == "$want_ports" ]] || fail "listening on ${got_ports//$'\n'/ }, wanted ${want_ports//$'\n'/ }"
ok "the JVM (pid $pid) listens on exactly $BASE-$((BASE + 10)) (and ephemeral ports $(listening_ports "$pid" | awk -v lo="$eph_lo" '$1 >= lo' | tr '\n' ' '))"

# --- each server on its own port -----------------------------------------------------------------------------
servers=$(mcp_servers)
[[ $(wc -w <<<"$servers") == 10 ]] || fail "liberty-config/servers.list does not name ten servers"
MCP_PORT_BASE=$BASE
i=0
for name in $servers; do
  i=$((i + 1)); port=$((BASE + i))
  want=$(jq -c --arg s "$name" '[.[$s].tools[].name] | sort' "$CONTRACT")
  [[ $want != '[]' ]] || fail "no tools for $name in $CONTRACT"
  [[ $(get $port /info) == 200 ]] || fail "$name: /info on port $port"
  info=$(jq -c '{name, tools: ([.tools[] | if type == "object" then .name else . end] | sort)}' "$work/body")
  [[ $info == "$(jq -cn --arg s "$name" --argjson t "$want" '{name: $s, tools: $t}')" ]] ||
    fail "$name: /info on port $port says $info; wanted name $name and tools $want"
  session=$(mcp_session $port) || fail "$name: initialize on port $port"
  listed=$(mcp_rpc $port "$session" tools/list '{}' | jq -c '[.result.tools[].name] | sort') ||
    fail "$name: tools/list on port $port"
  [[ $listed == "$want" ]] || fail "$name: tools/list on port $port gives $listed; wanted $want"
  # a tool that only another server has is unknown here
  other=$(jq -r --arg s "$name" '([.[$s].tools[].name]) as $mine
    | [to_entries[] | select(.key != $s) | .value.tools[].name | select(. as $t | $mine | index($t) | not)][0]' \
    "$CONTRACT")
  reply=$(_mcp_post $port "$session" "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"tools/call\",\"params\":{\"name\":\"$other\",\"arguments\":{}}}")
  body=$(_mcp_message "${reply#* }"); rm -f "${reply#* }" "${reply#* }.headers"
  jq -e '.error != null or .result.isError == true' >/dev/null <<<"$body" ||
    fail "$name: port $port ran $other, a tool of another server: $body"
  # the legacy HTTP+SSE transport: its first event names the message endpoint
  sse_headers=(-H 'Accept: text/event-stream')
  [[ -n ${MCP_AUTH_TOKEN:-} ]] && sse_headers+=(-H "Authorization: Bearer $MCP_AUTH_TOKEN")
  sse=$(curl -s -N --max-time 2 "${sse_headers[@]}" "http://127.0.0.1:$port/sse" || true)
  grep -q '^event: *endpoint' <<<"$sse" || fail "$name: /sse on port $port sent no endpoint event: ${sse:0:200}"
  for path in /health /health/ready /metrics; do
    code=$(get $port $path)
    [[ $code == 404 ]] || fail "$name: port $port answers $path with $code; only the base port has it"
  done
  ok "$name on port $port: /info, initialize, tools/list ($(jq length <<<"$want") tools, its own), $other unknown, /sse, no /health or /metrics"
done
for path in /mcp /info /sse; do
  code=$(get $BASE $path)
  [[ $code == 404 ]] || fail "the base port $BASE answers $path with $code; it must serve no MCP server"
done
ok "the base port $BASE serves no MCP server"

# --- health and metrics of all ten on the base port ----------------------------------------------------------
[[ $(get $BASE /health) == 200 ]] || fail "/health on $BASE: $(head -c 300 "$work/body")"
for name in $servers; do
  for kind in started live ready; do
    jq -e --arg c "$name-$kind" '.status == "UP" and ([.checks[] | select(.name == $c and .status == "UP")] | length == 1)' \
      "$work/body" >/dev/null || fail "/health on $BASE has no UP check $name-$kind: $(jq -c . "$work/body" | head -c 600)"
  done
done
ok "/health on $BASE: UP, $(jq '.checks | length' "$work/body") checks, started/live/ready for all ten"

say "traffic on every port: fixtures, successful calls, failing calls"
mcp_fixtures || fail "traffic: fixtures"
mcp_successes || fail "traffic: successful calls"
mcp_errors || fail "traffic: failing calls"
ok "traffic: successful calls on all ten, failed calls of types validation, not_found, conflict, result_too_large"

[[ $(get $BASE /metrics) == 200 ]] || fail "/metrics on $BASE"
cp "$work/body" "$work/metrics"
for name in $servers; do
  grep -q "^mcp_active_sessions{.*server=\"$name\"" "$work/metrics" || fail "/metrics: no mcp_active_sessions of $name"
  calls=$(awk -v s="server=\"$name\"" '/^mcp_requests_total\{/ && index($0, s) {n += $NF} END {print n + 0}' "$work/metrics")
  errors=$(awk -v s="server=\"$name\"" '/^mcp_errors_total\{/ && index($0, s) {n += $NF} END {print n + 0}' "$work/metrics")
  awk -v c="$calls" -v e="$errors" 'BEGIN {exit !(c >= 3 && e >= 1 && c > e)}' ||
    fail "/metrics: $name counted $calls calls and $errors errors; wanted successes and an error"
done
types=$(grep '^mcp_errors_total{' "$work/metrics" | grep -o 'error_type="[a-z_]*"' | sort -u | cut -d'"' -f2 | tr '\n' ' ')
for t in validation not_found conflict result_too_large; do [[ " $types" == *" $t "* ]] || fail "/metrics: no $t errors"; done
grep -q '^connectionpool_managedConnections{.*jdbc_writing' "$work/metrics" || fail "/metrics: no jdbc/writing pool"
ok "/metrics on $BASE: calls, errors and sessions of all ten servers; error types: $types"

if grep -E ' E [A-Z]{4,5}[0-9]{4}E' "$LOG" >"$work/errors"; then fail "errors in the log: $(head -c 600 "$work/errors")"; fi
ok "no error in $LOG"

# --- memory (optional) ---------------------------------------------------------------------------------------
# VmRSS, and heap and metaspace in use right after a full GC, in MiB: "rss heap metaspace"
measure() {
  local pid=$1 rss heap meta
  jcmd "$pid" GC.run >/dev/null
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  jcmd "$pid" GC.heap_info >"$work/heap"
  heap=$(awk '/(def new|tenured) generation/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?$/, "", v); n += v}} END {print n}' "$work/heap")
  meta=$(awk '/Metaspace/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?$/, "", v); print v; exit}}' "$work/heap")
  echo "$((rss / 1024)) $((heap / 1024)) $((meta / 1024))"
}
traffic_rounds() {
  MCP_SESSIONS=(); MCP_LONG_SCENES=
  mcp_fixtures && for _ in $(seq 1 25); do mcp_successes || return 1; done && mcp_errors
}

if [[ ${EAR_MEMORY:-0} == 1 ]]; then
  command -v jcmd >/dev/null || fail "EAR_MEMORY=1 needs jcmd (a JDK)"
  say "memory: the EAR at idle (60 s)"
  sleep 60
  ear_idle=$(measure "$pid")
  traffic_rounds || fail "memory: traffic on the EAR"
  ear_busy=$(measure "$pid")
  "$WLP_HOME/bin/server" stop "$SERVER" >/dev/null; started_ear=false

  single_base=$((BASE + 100))
  for ((p = single_base + 1; p <= single_base + 10; p++)); do port_open $p && fail "port $p is in use"; done
  say "memory: the ten single servers on ports $((single_base + 1))-$((single_base + 10))"
  i=0
  for name in $servers; do
    i=$((i + 1))
    [[ -d $WLP_HOME/usr/servers/$name ]] || fail "$name is not laid out in $WLP_HOME"
    single_started+=("$name")
    HTTP_PORT=$((single_base + i)) "$WLP_HOME/bin/server" start "$name" >/dev/null || fail "server start $name"
  done
  i=0
  deadline=$((SECONDS + START_TIMEOUT * 2))
  for name in $servers; do
    i=$((i + 1))
    until [[ $(get $((single_base + i)) /health/ready) == 200 ]]; do
      ((SECONDS < deadline)) || fail "$name not ready on port $((single_base + i))"
      sleep 1
    done
  done
  sleep 60
  pids=()
  for name in $servers; do pids+=("$(cat "$WLP_HOME/usr/servers/.pid/$name.pid")"); done
  sum() { local a=0 b=0 c=0 r; for p in "${pids[@]}"; do read -r r h m < <(measure "$p"); a=$((a + r)); b=$((b + h)); c=$((c + m)); done; echo "$a $b $c"; }
  single_idle=$(sum)
  MCP_PORT_BASE=$single_base
  traffic_rounds || fail "memory: traffic on the single servers"
  single_busy=$(sum)
  for name in "${single_started[@]}"; do "$WLP_HOME/bin/server" stop "$name" >/dev/null 2>&1 & done
  wait || true
  single_started=()
  printf '\n%-34s %10s %10s %14s\n' "MiB" "RSS" "heap (GC)" "metaspace" 
  read -r a b c <<<"$ear_idle";    printf '%-34s %10s %10s %14s\n' "EAR, one JVM, idle" "$a" "$b" "$c"
  read -r a b c <<<"$ear_busy";    printf '%-34s %10s %10s %14s\n' "EAR, one JVM, after traffic" "$a" "$b" "$c"
  read -r a b c <<<"$single_idle"; printf '%-34s %10s %10s %14s\n' "ten single JVMs (sum), idle" "$a" "$b" "$c"
  read -r a b c <<<"$single_busy"; printf '%-34s %10s %10s %14s\n' "ten single JVMs (sum), after traffic" "$a" "$b" "$c"
  ok "memory measured"
fi

# --- stop ----------------------------------------------------------------------------------------------------
if $started_ear; then
  "$WLP_HOME/bin/server" stop "$SERVER" >/dev/null || fail "server stop $SERVER"
  started_ear=false
  for ((p = BASE; p <= BASE + 10; p++)); do port_open $p && fail "port $p still open after the stop"; done
  ok "stopped; ports $BASE-$((BASE + 10)) free"
fi
