#!/usr/bin/env bash
# The deployment checks CI runs, on the local inventory (everything on this machine):
#   1. lint: yamllint and ansible-lint (production profile)
#   2. deploy release A (built from the repository), then check every port (health-check.yml); render-check.sh:
#      haproxy.cfg with HSTS and an allowlist through `haproxy -c`, the systemd units (production's service manager)
#      through `systemd-analyze verify`, rendered with the local and production inventories' variables
#   2b. through the load balancer (TLS, curl --cacert the private CA): MCP initialize + tools/list on
#      /<server>/mcp of every server and the session sticking, the SSE endpoint event naming /<server>/message
#      and a call over it, TLS 1.1 refused, HTTP/2 negotiated, the HSTS header and the IP allowlist (both on here),
#      503 JSON while a server is stopped
#   2c. self-healing: SIGKILL of the first server's JVM -> ready again within 60 s (its service manager restarts it);
#      SIGSTOP of the second -> killed by the liveness watchdog and ready again within 120 s; the other server
#      answers /health/ready every second meanwhile. The seconds are printed. The watchdog runs faster here
#      (liberty_liveness_interval and _timeout 3 s; 3 failures, as in production).
#   3. deploy release A again: the recap must say changed=0
#   4. backup (full), write a probe table, restore that backup: the probe must be gone, the schema there
#   5. deploy release B (same artifacts, another release id): /info must say B
#   6. rollback.yml: back to A, /info must say A on every port; health-check.yml
#   7. teardown.yml (unless CI_KEEP=1): stop and remove the test installation and its cluster. A run that fails (or
#      is interrupted) after the deploy began tears the installation down too, whatever CI_KEEP says (CI_KEEP only
#      keeps a run that passed; CI_KEEP_ON_FAILURE=1 keeps a failed one for a look).
# Each step is timed; the summary is printed at the end.
#
# It runs beside other installations: everything is namespaced and every port is a variable; a second
# run for the same MCP_INSTANCE waits for the first. Override with environment variables (defaults in
# brackets):
#   MCP_INSTANCE [mcp-writing-ci]   MCP_PORT_BASE [5200]        PGBOUNCER_PORT [7632]
#   POSTGRESQL_CLUSTER [mcpci]      POSTGRESQL_PORT [5438]      MCP_DB_NAME [mcp_writing_ci]
#   PROMETHEUS_PORT [19290]         ALERTMANAGER_PORT [19293]   NODE_EXPORTER_PORT [19300]
#   POSTGRES_EXPORTER_PORT [19387]  PGBOUNCER_EXPORTER_PORT [19327]  GRAFANA_PORT [13200]
#   HAPROXY_PORT [8543] (the balancer's TLS port)  HAPROXY_METRICS_PORT [19404]
#   MCP_SERVERS [every server of liberty-config/servers.list], comma-separated, e.g. author,book-planning
#   RELEASE_A [<pom version>-<git sha>]  RELEASE_B [$RELEASE_A-b]
#   CI_KEEP [0]: 1 keeps the installation running at the end of a run that passed (.ci/run's later steps use it, and
#     .ci/run tears it down on any exit: CI_TEARDOWN_ONLY=1 ansible/ci-check.sh)
#   CI_KEEP_ON_FAILURE [0]: 1 keeps the installation of a failed run too
#   CI_TEARDOWN_ONLY [0]: 1 only tears down (teardown.yml) the installation a run with CI_KEEP=1 left
#   SKIP_LINT [0]: 1 skips step 1
#   SKIP_RELEASE_CYCLE [0]: 1 skips steps 5 and 6 (.ci/run: scripts/topology-check.sh deploys a second release and
#     rolls it back across two app hosts, under load)
# Extra arguments are passed to every ansible-playbook call (e.g. -e liberty_drain_timeout=5 or -v).
#
#   ansible/ci-check.sh
#   MCP_SERVERS=author,book-planning ansible/ci-check.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
cd "$here"
export ANSIBLE_FORCE_COLOR=0 ANSIBLE_NOCOLOR=1 ANSIBLE_DEPRECATION_WARNINGS=0 PY_COLORS=0

MCP_INSTANCE=${MCP_INSTANCE:-mcp-writing-ci}
MCP_PORT_BASE=${MCP_PORT_BASE:-5200}
PGBOUNCER_PORT=${PGBOUNCER_PORT:-7632}
POSTGRESQL_CLUSTER=${POSTGRESQL_CLUSTER:-mcpci}
POSTGRESQL_PORT=${POSTGRESQL_PORT:-5438}
MCP_DB_NAME=${MCP_DB_NAME:-mcp_writing_ci}
PROMETHEUS_PORT=${PROMETHEUS_PORT:-19290}
ALERTMANAGER_PORT=${ALERTMANAGER_PORT:-19293}
NODE_EXPORTER_PORT=${NODE_EXPORTER_PORT:-19300}
POSTGRES_EXPORTER_PORT=${POSTGRES_EXPORTER_PORT:-19387}
PGBOUNCER_EXPORTER_PORT=${PGBOUNCER_EXPORTER_PORT:-19327}
GRAFANA_PORT=${GRAFANA_PORT:-13200}
HAPROXY_PORT=${HAPROXY_PORT:-8543}
HAPROXY_METRICS_PORT=${HAPROXY_METRICS_PORT:-19404}
CI_KEEP=${CI_KEEP:-0}
CI_KEEP_ON_FAILURE=${CI_KEEP_ON_FAILURE:-0}
SKIP_LINT=${SKIP_LINT:-0}
SKIP_RELEASE_CYCLE=${SKIP_RELEASE_CYCLE:-0}
version=$(grep -m1 -o '<version>[^<]*</version>' "$repo/pom.xml" | sed 's/<[^>]*>//g')
RELEASE_A=${RELEASE_A:-$version-$(git -C "$repo" rev-parse --short=10 HEAD)}
RELEASE_B=${RELEASE_B:-$RELEASE_A-b}

servers_json=null
if [[ -n ${MCP_SERVERS:-} ]]; then
  servers_json=$(jq -cn --arg s "$MCP_SERVERS" '$s | split(",")')
fi
overrides=$(jq -cn \
  --arg instance "$MCP_INSTANCE" --argjson base "$MCP_PORT_BASE" --argjson pgb "$PGBOUNCER_PORT" \
  --arg cluster "$POSTGRESQL_CLUSTER" --argjson pgport "$POSTGRESQL_PORT" --arg db "$MCP_DB_NAME" \
  --argjson prom "$PROMETHEUS_PORT" --argjson am "$ALERTMANAGER_PORT" --argjson node "$NODE_EXPORTER_PORT" \
  --argjson pgexp "$POSTGRES_EXPORTER_PORT" --argjson pgbexp "$PGBOUNCER_EXPORTER_PORT" \
  --argjson grafana "$GRAFANA_PORT" --argjson lb "$HAPROXY_PORT" --argjson lbmetrics "$HAPROXY_METRICS_PORT" \
  --argjson servers "$servers_json" '
  {mcp_instance: $instance, mcp_port_base: $base, pgbouncer_port: $pgb, postgresql_cluster: $cluster,
   postgresql_port: $pgport, mcp_db_name: $db, prometheus_port: $prom, alertmanager_port: $am,
   node_exporter_port: $node, postgres_exporter_port: $pgexp, pgbouncer_exporter_port: $pgbexp,
   grafana_port: $grafana, haproxy_port: $lb, haproxy_metrics_port: $lbmetrics,
   haproxy_health_check_interval: "2s", haproxy_health_check_fastinter: "1s", haproxy_health_check_downinter: "1s",
   haproxy_health_check_fall: 2, haproxy_health_check_rise: 1, haproxy_health_check_start_period: "0s",
   haproxy_hsts_max_age: 300, haproxy_allowed_networks: ["127.0.0.1/32"],
   liberty_liveness_interval: 3, liberty_liveness_timeout: 3}
  + (if $servers == null then {} else {mcp_servers_enabled: $servers} end)')
extra=("$@")

# Two runs for the same installation would overwrite each other's files and services: the second one
# waits for the first (up to an hour). Runs with different MCP_INSTANCE and ports run side by side.
exec 8>"/var/lock/$MCP_INSTANCE-ci-check.lock"
if ! flock -n 8; then
  echo "another ci-check.sh for $MCP_INSTANCE is running; waiting for it"
  flock -w 3600 8 || { echo "gave up waiting for the other ci-check.sh" >&2; exit 1; }
fi
logdir=$(mktemp -d "/tmp/$MCP_INSTANCE-ci.XXXXXX")
summary=()
passed=0
failed=0
total_start=$SECONDS

step() {
  local name=$1; shift
  local start=$SECONDS log="$logdir/$(printf '%02d' ${#summary[@]})-$(tr -c 'A-Za-z0-9\n' - <<<"$name").log"
  echo "=== $name"
  if "$@" >"$log" 2>&1; then
    summary+=("$(printf '%-44s %4ss  ok' "$name" $((SECONDS - start)))")
    passed=$((passed + 1))
    tail -n 4 "$log" | sed 's/^/    /'
  else
    summary+=("$(printf '%-44s %4ss  FAILED' "$name" $((SECONDS - start)))")
    failed=$((failed + 1))
    echo "--- $name failed; last lines of $log:"
    tail -n 60 "$log"
    report
    exit 1
  fi
}

report() {
  echo
  echo "=== summary (logs: $logdir)"
  printf '%s\n' "${summary[@]}"
  printf '%-44s %4ss\n' "total" $((SECONDS - total_start))
  echo "checks: $passed passed, $failed failed"
}

play() { ansible-playbook -i inventories/local -e "$overrides" "${extra[@]}" "$@"; }

# The recap of the last play run must show changed=0 (and no failure) for every host.
no_changes() {
  local log=$1
  play deploy.yml -e mcp_release_id="$RELEASE_A" -e mcp_release_build=false | tee "$log"
  awk '/^PLAY RECAP/ {recap = 1; next} recap && /changed=/ {print}' "$log" >"$log.recap"
  cat "$log.recap"
  if grep -v -q 'changed=0 ' "$log.recap"; then
    echo "second deploy changed something; changed tasks:" >&2
    grep -E '^changed:' "$log" >&2 || true
    return 1
  fi
}

versions_are() {
  local want=$1 ok=0 got
  for port in $(server_ports); do
    got=$(curl -fsS --max-time 5 "http://127.0.0.1:$port/info" | jq -r .version)
    echo "port $port: $got"
    [[ $got == "$want" ]] || ok=1
  done
  return $ok
}

server_names() {
  awk '!/^#/ && NF {print $1}' "$repo/liberty-config/servers.list" | while read -r name; do
    if [[ -z ${MCP_SERVERS:-} || ",$MCP_SERVERS," == *",$name,"* ]]; then echo "$name"; fi
  done
}

server_ports() {
  local names n=0
  names=$(awk '!/^#/ && NF {print $1}' "$repo/liberty-config/servers.list")
  for name in $names; do
    n=$((n + 1))
    if [[ -z ${MCP_SERVERS:-} || ",$MCP_SERVERS," == *",$name,"* ]]; then echo $((MCP_PORT_BASE + n)); fi
  done
}

pg() {
  runuser -u postgres -- psql -qAtX -p "$POSTGRESQL_PORT" -d "$MCP_DB_NAME" -c "$1"
}

backup_and_restore() {
  play backup.yml -e backup_kind=full
  label=$(runuser -u postgres -- pgbackrest --config="/etc/$MCP_INSTANCE/pgbackrest.conf" --stanza="$MCP_INSTANCE" \
    --output=json info | jq -r '.[0].backup[-1].label')
  echo "backup: $label"
  grep -h 'mcp_backup_last_status' "/var/lib/$MCP_INSTANCE/node-exporter/mcp_backup.prom"
  pg "CREATE TABLE ci_restore_probe (written_after_backup boolean); INSERT INTO ci_restore_probe VALUES (true)"
  play restore.yml -e restore_confirm=true -e restore_set="$label"
  if [[ -n $(pg "SELECT to_regclass('public.ci_restore_probe')") ]]; then
    echo "restore did not go back to $label: the probe table written after it is still there" >&2
    return 1
  fi
  echo "probe table gone; migrations recorded: $(pg 'SELECT count(*) FROM flyway_schema_history')"
}

# --- Through the load balancer ---------------------------------------------------------------------------------
lb_base=https://localhost:$HAPROXY_PORT
lb_ca=/etc/$MCP_INSTANCE/tls/ca.crt
lb() { curl -sS --max-time 10 --cacert "$lb_ca" "$@"; }
# A JSON-RPC message to Streamable HTTP; prints the answer's JSON (the body, or its SSE data line).
mcp_post() {
  local url=$1 body=$2; shift 2
  lb -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' "$@" -d "$body" "$url" \
    | sed -n '/^data: /{s/^data: //p;d}; /^{/p'
}
initialize='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"ci-check","version":"1"}}}'
stick_table() { python3 - "/var/lib/$MCP_INSTANCE/run/haproxy.sock" "show table $1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(sys.argv[2].encode() + b"\n")
print(b"".join(iter(lambda: s.recv(65536), b"")).decode(), end="")
PY
}

balancer_mcp() {
  local name headers session tools want port
  for name in $(server_names); do
    headers=$(mktemp)
    mcp_post "$lb_base/$name/mcp" "$initialize" -D "$headers" | jq -e '.result.serverInfo.name' >/dev/null \
      || { echo "$name: initialize through the balancer failed: $(cat "$headers")" >&2; return 1; }
    session=$(awk -F': ' 'tolower($1) == "mcp-session-id" {print $2}' "$headers" | tr -d '\r')
    [[ -n $session ]] || { echo "$name: initialize through the balancer gave no Mcp-Session-Id" >&2; return 1; }
    lb -o /dev/null -H 'Content-Type: application/json' -H "Mcp-Session-Id: $session" \
      -d '{"jsonrpc":"2.0","method":"notifications/initialized"}' "$lb_base/$name/mcp" || return 1
    tools=$(mcp_post "$lb_base/$name/mcp" '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' -H "Mcp-Session-Id: $session" \
      | jq '.result.tools | length')
    port=$(server_ports_of "$name")
    want=$(curl -fsS --max-time 5 "http://127.0.0.1:$port/info" | jq .toolCount)
    [[ $tools == "$want" ]] || { echo "$name: tools/list through the balancer gave $tools tools, /info says $want" >&2; return 1; }
    stick_table "$name" | grep -q "key=$session " \
      || { echo "$name: the balancer did not learn the session" >&2; return 1; }
    echo "$name: initialize + tools/list ($tools tools) on $lb_base/$name/mcp, the session sticks"
    rm -f "$headers"
  done
}

server_ports_of() {
  awk -v want="$1" -v base="$MCP_PORT_BASE" '!/^#/ && NF {n++; if ($1 == want) print base + n}' \
    "$repo/liberty-config/servers.list"
}

balancer_sse() {
  local name out endpoint pid session i
  name=$(server_names | head -n 1)
  out=$(mktemp)
  lb -N --max-time 20 "$lb_base/$name/sse" >"$out" &
  pid=$!
  for i in $(seq 50); do grep -q '^data: ' "$out" && break; sleep 0.1; done
  endpoint=$(sed -n 's/^data: //p' "$out" | head -n 1 | tr -d '\r')
  [[ $endpoint == "/$name/message?sessionId="* ]] \
    || { kill "$pid"; echo "$name: the SSE endpoint event through the balancer named '${endpoint%%\?*}'" >&2; return 1; }
  lb -f -o /dev/null -H 'Content-Type: application/json' -d "$initialize" "$lb_base$endpoint" \
    || { kill "$pid"; echo "$name: POST $endpoint through the balancer failed" >&2; return 1; }
  for i in $(seq 50); do grep -q '"serverInfo"' "$out" && break; sleep 0.1; done
  kill "$pid" 2>/dev/null || true
  grep -q '"serverInfo"' "$out" || { echo "$name: no initialize result on the SSE stream: $(head -c 300 "$out")" >&2; return 1; }
  session=${endpoint##*=}
  stick_table "$name" | grep -q "key=$session .*gpt0=1" \
    || { echo "$name: the balancer did not learn the SSE session" >&2; return 1; }
  echo "$name: SSE stream on $lb_base/$name/sse announced ${endpoint%%\?*}; initialize over it answered on the stream"
  rm -f "$out"
}

balancer_tls() {
  local version alert
  version=$(lb -o /dev/null -w '%{http_version}' "$lb_base/")
  [[ $version == 2 ]] || { echo "HTTP/$version negotiated, not HTTP/2" >&2; return 1; }
  lb -o /dev/null --tlsv1.2 --tls-max 1.2 "$lb_base/" || return 1
  lb -o /dev/null --tlsv1.3 "$lb_base/" || return 1
  # The client offers TLS 1.1 for real (security level 0 allows it); the balancer must answer "protocol version".
  alert=$(openssl s_client -connect "127.0.0.1:$HAPROXY_PORT" -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' </dev/null 2>&1 || true)
  grep -q 'alert protocol version' <<<"$alert" \
    || { echo "TLS 1.1 was not refused with a protocol_version alert: $(head -c 400 <<<"$alert")" >&2; return 1; }
  echo "HTTP/2 by ALPN; TLS 1.2 and 1.3 accepted; TLS 1.1 refused (protocol_version alert)"
}

# The access options, on here (HSTS max-age 300, allowlist 127.0.0.1/32): the header on the balancer's own answers and
# on a server's, and a client from another address (127.0.0.2, loopback too) refused at connect time.
balancer_access() {
  local headers name
  name=$(server_names | head -n 1)
  headers=$(lb -o /dev/null -D - "https://127.0.0.1:$HAPROXY_PORT/") || return 1
  grep -qi '^strict-transport-security: max-age=300' <<<"$headers" \
    || { echo "no Strict-Transport-Security on the balancer's own answer: $headers" >&2; return 1; }
  headers=$(lb -o /dev/null -D - -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -d "$initialize" "$lb_base/$name/mcp") || return 1
  grep -qi '^strict-transport-security: max-age=300' <<<"$headers" \
    || { echo "no Strict-Transport-Security on $name's answer: $headers" >&2; return 1; }
  if lb -o /dev/null --interface 127.0.0.2 "https://127.0.0.1:$HAPROXY_PORT/" 2>/dev/null; then
    echo "a client from 127.0.0.2 got an answer: the allowlist (127.0.0.1/32) let it in" >&2
    return 1
  fi
  echo "Strict-Transport-Security: max-age=300 on the balancer's and $name's answers; 127.0.0.2 refused (allowlist)"
}

# One server stopped: the balancer answers 503 with a JSON-RPC error at once; started again, it serves again.
balancer_maintenance() {
  local name headers body i code
  name=$(server_names | head -n 1)
  headers=$(mktemp)
  "/opt/$MCP_INSTANCE/bin/mcpctl" stop "$name" || return 1
  body=$(lb -D "$headers" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -d "$initialize" "$lb_base/$name/mcp")
  if ! { grep -q '^HTTP/2 503' "$headers" && grep -qi '^content-type: application/json' "$headers" \
      && jq -e '.error.message | test("maintenance")' <<<"$body" >/dev/null; }; then
    "/opt/$MCP_INSTANCE/bin/mcpctl" start "$name"
    echo "$name stopped: the balancer answered $(head -n 1 "$headers") $body" >&2
    return 1
  fi
  echo "$name stopped: $(head -n 1 "$headers" | tr -d '\r') $body"
  "/opt/$MCP_INSTANCE/bin/mcpctl" start "$name" || return 1
  for i in $(seq 30); do
    code=$(lb -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
      -H 'Accept: application/json, text/event-stream' -d "$initialize" "$lb_base/$name/mcp" || true)
    [[ $code == 200 ]] && break
    sleep 1
  done
  [[ $code == 200 ]] || { echo "$name started: the balancer still answers $code" >&2; return 1; }
  echo "$name started: served through the balancer again after ${i}s"
  rm -f "$headers"
}

# --- Self-healing ----------------------------------------------------------------------------------------------
# heal_check (scripts/heal-check.sh, shared with scripts/topology-check.sh) on this host: TARGET and OTHER are ports;
# the other server must answer /health/ready about every second meanwhile.
# shellcheck source=scripts/heal-check.sh
source "$repo/scripts/heal-check.sh"
heal_listener() { ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2; }
heal_ready() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$1/health/ready") == 200 ]]; }
heal_probe() { heal_ready "$1"; }

self_healing() {
  local ports
  mapfile -t ports < <(server_ports)
  ((${#ports[@]} >= 2)) || { echo "the self-healing check needs two servers" >&2; return 1; }
  # (step runs this under `if`, where set -e does not apply: each check returns on its own)
  heal_check KILL 60 "${ports[0]}" "${ports[1]}" || return 1
  heal_check STOP 120 "${ports[1]}" "${ports[0]}" || return 1
  grep -h 'mcpctl heal .*SIGKILL' "/var/log/$MCP_INSTANCE/watchdog.log" | tail -n 1
}

teardown() {
  play teardown.yml -e teardown_confirm=true -e teardown_drop_cluster=true
}

# From the first deploy on, a run that does not pass removes what it installed (PostgreSQL cluster, PgBouncer, servers,
# balancer, monitoring), on any exit: a failed step (step exits 1), an error, an interrupt.
installed=0
teardown_after_failure() {
  local rc=$?
  if [[ $rc != 0 && $installed == 1 ]]; then
    installed=0
    if [[ $CI_KEEP_ON_FAILURE == 1 ]]; then
      echo "CI_KEEP_ON_FAILURE=1: the installation $MCP_INSTANCE is kept (CI_TEARDOWN_ONLY=1 $0 removes it)"
    else
      echo "=== teardown after the failure (log: $logdir/teardown-after-failure.log)"
      teardown >"$logdir/teardown-after-failure.log" 2>&1 \
        || { echo "teardown failed; last lines:"; tail -n 30 "$logdir/teardown-after-failure.log"; }
    fi
  fi
  exit "$rc"
}
trap teardown_after_failure EXIT
trap 'exit 130' INT TERM

if [[ ${CI_TEARDOWN_ONLY:-0} == 1 ]]; then
  step "teardown" teardown
  report
  exit 0
fi
echo "instance $MCP_INSTANCE, releases $RELEASE_A and $RELEASE_B, servers ${MCP_SERVERS:-all}, ports $(server_ports | tr '\n' ' ')"
if [[ $SKIP_LINT != 1 ]]; then
  step "lint: yamllint" yamllint -s .
  step "lint: ansible-lint (production profile)" ansible-lint
fi
installed=1
step "deploy release A" play deploy.yml -e mcp_release_id="$RELEASE_A"
step "health check (every port)" play health-check.yml
# after the deploy: it installed HAProxy, whose `haproxy -c` the render check runs
step "render: haproxy.cfg (HSTS, allowlist), systemd units" bash render-check.sh local production
step "balancer: MCP on /<server>/mcp, sticky" balancer_mcp
step "balancer: legacy SSE on /<server>/sse" balancer_sse
step "balancer: TLS 1.2/1.3 only, HTTP/2" balancer_tls
step "balancer: HSTS header, IP allowlist" balancer_access
step "balancer: 503 JSON while stopped" balancer_maintenance
step "self-healing: SIGKILL, SIGSTOP" self_healing
step "deploy release A again: changed=0" no_changes "$logdir/redeploy.log"
step "backup, then restore it" backup_and_restore
if [[ $SKIP_RELEASE_CYCLE != 1 ]]; then
  step "deploy release B" play deploy.yml -e mcp_release_id="$RELEASE_B" -e mcp_release_build=false
  step "/info says release B" versions_are "$RELEASE_B"
  step "rollback to release A" play rollback.yml
  step "/info says release A" versions_are "$RELEASE_A"
  step "health check after rollback" play health-check.yml
fi
installed=0
if [[ $CI_KEEP != 1 ]]; then
  step "teardown" teardown
fi
report
