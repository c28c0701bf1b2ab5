#!/usr/bin/env bash
# The production-shaped inventory across separate network hosts on this one machine (issue 11):
#   hosts   Linux network namespaces on the bridge mcptopo0 (10.77.0.1/24), each with its own address and its own
#           SSH daemon; Ansible reaches them over SSH as root with a key generated for the run
#           (ansible/inventories/topology):
#             mcp-lb   10.77.0.10  HAProxy (TLS on 9443, private CA), Prometheus, Alertmanager (the monitoring host)
#             mcp-app1 10.77.0.11  Liberty: author, book-planning (a subset of the ten-server layout)
#             mcp-app2 10.77.0.12  Liberty: author, book-planning
#             mcp-db   10.77.0.13  PostgreSQL (cluster mcptopo, 9543), PgBouncer (9632), pgBackRest
#           The hosts share the filesystem: each has its own installation (mcp_instance mcp-topo-<host>).
#   steps   namespaces and sshd up -> deploy release A -> MCP through the balancer from the official SDK ->
#           a kill -9 healed within 60 s (supervisord restarts it), then a SIGSTOP within 120 s (the monit liveness
#           watchdog kills the hung JVM), the other server answering through the balancer meanwhile -> under load
#           (official SDK clients through the balancer, reads and writes): deploy release B host by host, drained
#           first, then rollback.yml the same way -> the load's verdict (0 failed calls, 0 5xx, every acknowledged
#           write present) -> teardown.
# The last line is `TOPOLOGY: passed N/N` (or `TOPOLOGY: FAILED ...`). A trap removes the namespaces, the bridge,
# the SSH daemons and the installations on any exit (TOPO_KEEP=1 keeps them for a look).
# Environment: TOPO_CLIENTS [8] SDK clients of the load; RELEASE_A [<pom version>-<sha>-topo-a]; RELEASE_B.
# Extra arguments go to every ansible-playbook call (e.g. -v).
#   scripts/topology-check.sh
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ANSIBLE_FORCE_COLOR=0 ANSIBLE_NOCOLOR=1 ANSIBLE_DEPRECATION_WARNINGS=0 PY_COLORS=0 ANSIBLE_HOST_KEY_CHECKING=False
# Unbuffered: the rolling plays are timed per host from the time each output line appears.
export PYTHONUNBUFFERED=1
export ANSIBLE_CONFIG=$repo/ansible/ansible.cfg

BRIDGE=mcptopo0
NET=10.77.0
declare -A HOST_IP=([lb]=10 [app1]=11 [app2]=12 [db]=13)
HOSTS=(lb app1 app2 db)
INSTANCES=(mcp-topo-lb mcp-topo-app1 mcp-topo-app2 mcp-topo-db)
LB_PORT=9443
SERVERS=(author book-planning)
TOKEN=topology-check-token-not-for-production-0000
TOPO_CLIENTS=${TOPO_CLIENTS:-8}
TOPO_KEEP=${TOPO_KEEP:-0}
version=$(grep -m1 -o '<version>[^<]*</version>' "$repo/pom.xml" | sed 's/<[^>]*>//g')
RELEASE_A=${RELEASE_A:-$version-$(git -C "$repo" rev-parse --short=10 HEAD)-topo-a}
RELEASE_B=${RELEASE_B:-${RELEASE_A%-a}-b}
extra=("$@")

exec 8>/var/lock/mcp-topology-check.lock
flock -n 8 || { echo "another topology-check.sh is running" >&2; exit 1; }

# TOPO_RESUME=<work dir of a run kept with TOPO_KEEP=1 or interrupted>: reuses its hosts (development); with
# TOPO_TEARDOWN_ONLY=1 it only tears them down.
if [[ -n ${TOPO_RESUME:-} ]]; then
  work=$TOPO_RESUME
else
  work=$(mktemp -d /tmp/mcp-topology.XXXXXX)
  chmod 755 "$work"
fi
summary=()
passed=0
failed=0
total_start=$SECONDS
load_pid=

ns() { ip netns exec "mcp-$1" "${@:2}"; }

cleanup() {
  local rc=$?
  set +e
  [[ -n $load_pid ]] && kill "$load_pid" 2>/dev/null
  if [[ $TOPO_KEEP == 1 ]]; then
    echo "TOPO_KEEP=1: namespaces, sshd and the installations kept (work dir $work)"
    return $rc
  fi
  echo "=== cleanup"
  # Whatever teardown.yml did not stop: every process of the four installations, then the SSH daemons.
  for instance in "${INSTANCES[@]}"; do
    if [[ -d /opt/$instance || -d /etc/$instance ]]; then
      for d in "/opt/$instance"/usr/servers/*/; do
        [[ -d $d ]] && WLP_USER_DIR=/opt/$instance/usr runuser -u mcp -- "/opt/$instance/wlp/bin/server" stop \
          "$(basename "$d")" >/dev/null 2>&1
      done
      # supervisord stops its programs (the servers, the watchdog) and exits.
      [[ -f /etc/$instance/supervisord.conf ]] && supervisorctl -c "/etc/$instance/supervisord.conf" shutdown >/dev/null 2>&1
    fi
  done
  if [[ -f /etc/postgresql/15/mcptopo/postgresql.conf ]]; then pg_dropcluster --stop 15 mcptopo >/dev/null 2>&1; fi
  for h in "${HOSTS[@]}"; do
    [[ -f $work/sshd-$h.pid ]] && kill "$(cat "$work/sshd-$h.pid")" 2>/dev/null
    # Anything still running in the namespace (started by us only: the namespace is ours).
    for pid in $(ip netns pids "mcp-$h" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
    ip netns del "mcp-$h" 2>/dev/null
  done
  ip link del "$BRIDGE" 2>/dev/null
  for instance in "${INSTANCES[@]}"; do
    rm -rf "/opt/${instance:?}" "/etc/${instance:?}" "/var/lib/$instance" "/var/log/$instance" \
      "/usr/local/sbin/$instance-service" "/usr/local/sbin/$instance-backup" "/usr/local/lib/$instance" \
      "$HOME/.local/share/mcp-writing/$instance"
  done
  rm -f /tmp/mcptopo-ssh-*
  return $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() {
  local name=$1; shift
  local start=$SECONDS log="$work/$(printf '%02d' ${#summary[@]})-$(tr -c 'A-Za-z0-9\n' - <<<"$name").log" rc=0
  echo "=== $name"
  "$@" >"$log" 2>&1 || rc=$?
  if [[ $rc == 0 ]]; then
    summary+=("$(printf '%-52s %4ss  ok' "$name" $((SECONDS - start)))")
    passed=$((passed + 1))
    tail -n 6 "$log" | sed 's/^/    /'
  else
    summary+=("$(printf '%-52s %4ss  FAILED' "$name" $((SECONDS - start)))")
    failed=$((failed + 1))
    echo "--- $name failed; last lines of $log:"
    tail -n 60 "$log"
    report
    echo "TOPOLOGY: FAILED at '$name' ($passed passed before it)"
    exit 1
  fi
}

report() {
  echo
  echo "=== summary (logs: $work)"
  echo "hosts: mcp-lb 10.77.0.10 (HAProxy, monitoring), mcp-app1 10.77.0.11 and mcp-app2 10.77.0.12" \
    "(servers ${SERVERS[*]} each: a subset of the ten-server layout), mcp-db 10.77.0.13 (PostgreSQL, PgBouncer)"
  printf '%s\n' "${summary[@]}"
  printf '%-52s %4ss\n' "total" $((SECONDS - total_start))
  [[ -f $work/figures.txt ]] && cat "$work/figures.txt"
  echo "checks: $passed passed, $failed failed"
}

# --- The hosts --------------------------------------------------------------------------------------------------
# What the roles install (every *_packages default, rendered by Ansible itself).
role_packages() {
  local defaults=() f
  for f in "$repo"/ansible/roles/*/defaults/main.yml; do defaults+=(-e "@$f"); done
  ANSIBLE_LOAD_CALLBACK_PLUGINS=1 ANSIBLE_STDOUT_CALLBACK=json ansible localhost -c local -m debug \
    -a 'msg={{ q("vars", *q("varnames", "_packages$")) | flatten | unique | join(" ") }}' "${defaults[@]}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["plays"][0]["tasks"][0]["hosts"]["localhost"]["msg"])'
}

# The SSH daemon and nftables come from the distribution, and so does what the roles install: the hosts share this
# machine's dpkg but have no route to a mirror, so the packages are installed here first (the roles then find them
# present). Installed without starting the packages' own services in this (the control node's) namespace:
# policy-rc.d refuses service starts during the install.
packages() {
  local missing=() p
  [[ -x /usr/sbin/sshd ]] || missing+=(openssh-server)
  command -v nft >/dev/null || [[ -x /usr/sbin/nft ]] || missing+=(nftables)
  command -v sudo >/dev/null || missing+=(sudo)
  for p in $(cd "$repo/ansible" && role_packages); do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  echo "installing ${missing[*]}"
  local policy=/usr/sbin/policy-rc.d had_policy=0
  [[ -e $policy ]] && had_policy=1
  ((had_policy)) || { printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"; }
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null || { ((had_policy)) || rm -f "$policy"; return 1; }
  ((had_policy)) || rm -f "$policy"
}

hosts_up() {
  packages
  # Leftovers of an interrupted run.
  for h in "${HOSTS[@]}"; do ip netns del "mcp-$h" 2>/dev/null || true; done
  ip link del "$BRIDGE" 2>/dev/null || true
  ip link add "$BRIDGE" type bridge
  ip addr add "$NET.1/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  ssh-keygen -q -t ed25519 -N '' -f "$work/id_ed25519" -C mcp-topology
  ssh-keygen -q -t ed25519 -N '' -f "$work/ssh_host_ed25519_key"
  cp "$work/id_ed25519.pub" "$work/authorized_keys"
  mkdir -p /run/sshd
  local h ip
  for h in "${HOSTS[@]}"; do
    ip=$NET.${HOST_IP[$h]}
    ip netns add "mcp-$h"
    ip link add "topo-$h" type veth peer name eth0 netns "mcp-$h"
    ip link set "topo-$h" master "$BRIDGE" up
    ns "$h" ip addr add "$ip/24" dev eth0
    ns "$h" ip link set lo up
    ns "$h" ip link set eth0 up
    ns "$h" ip route add default via "$NET.1"
    cat >"$work/sshd-$h.conf" <<EOF
ListenAddress $ip
Port 22
HostKey $work/ssh_host_ed25519_key
PidFile $work/sshd-$h.pid
AuthorizedKeysFile $work/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
StrictModes no
UsePAM no
MaxSessions 50
MaxStartups 50:30:100
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
    ns "$h" /usr/sbin/sshd -f "$work/sshd-$h.conf" -E "$work/sshd-$h.log"
  done
  for h in "${HOSTS[@]}"; do
    ip=$NET.${HOST_IP[$h]}
    for _ in $(seq 30); do
      ssh -q -i "$work/id_ed25519" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes \
        "root@$ip" true && break
      sleep 0.5
    done
    echo "mcp-$h $ip: $(ssh -i "$work/id_ed25519" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
      -o LogLevel=ERROR "root@$ip" 'echo "ssh ok, netns $(ip netns identify $$), address $(ip -4 -o addr show eth0 | awk "{print \$4}")"')"
  done
}

# The firewall of docs/DEPLOYMENT.md in each namespace (nftables): SSH from the control node, the node exporter from
# Prometheus (the balancer host); the balancer's TLS port open to all; the servers' ports to the balancer only; PgBouncer
# and PostgreSQL to the app hosts only, the database exporters to Prometheus. Everything else is dropped.
firewall_rules() {
  local h=$1 lb=$NET.${HOST_IP[lb]} apps="$NET.${HOST_IP[app1]}, $NET.${HOST_IP[app2]}"
  cat <<EOF
table inet mcptopo {
  chain input {
    type filter hook input priority 0; policy drop;
    iif lo accept
    ct state established,related accept
    ip protocol icmp accept
    ip saddr $NET.1 tcp dport 22 accept
    ip saddr $lb tcp dport 19600 accept
EOF
  case $h in
    lb) echo "    tcp dport $LB_PORT accept" ;;
    app1|app2) echo "    ip saddr $lb tcp dport { 9801, 9809 } accept" ;;
    db) echo "    ip saddr { $apps } tcp dport { 9632, 9543 } accept"
        echo "    ip saddr $lb tcp dport { 19687, 19627 } accept" ;;
  esac
  printf '  }\n}\n'
}

firewall_up() {
  local h
  for h in "${HOSTS[@]}"; do
    firewall_rules "$h" >"$work/nft-$h.conf"
    ns "$h" nft -f "$work/nft-$h.conf"
  done
  echo "nftables input policy drop on every host; $(grep -c accept "$work/nft-app1.conf") accept rules on app1"
}

# Reachable (1) or not (0) within 2 s: a TCP connection from one namespace to an address and port.
reach() { if ns "$1" timeout 2 bash -c "exec 3<>/dev/tcp/$2/$3" 2>/dev/null; then echo 1; else echo 0; fi; }

firewall_check() {
  local bad=0 from to port want got
  while read -r from to port want; do
    got=$(reach "$from" "$NET.${HOST_IP[$to]}" "$port")
    echo "$from -> $to:$port $([[ $got == 1 ]] && echo open || echo closed) (want $([[ $want == 1 ]] && echo open || echo closed))"
    [[ $got == "$want" ]] || bad=1
  done <<EOF
lb app1 9809 1
lb app2 9801 1
db app1 9809 0
app2 app1 9809 0
lb app1 9909 0
app1 db 9632 1
app2 db 9543 1
lb db 9632 0
lb db 9543 0
db lb $LB_PORT 1
EOF
  return $bad
}

play() {
  (cd "$repo/ansible" && ansible-playbook -i inventories/topology -e ansible_ssh_private_key_file="$work/id_ed25519" \
    "${extra[@]}" "$@")
}

# --- Through the balancer ---------------------------------------------------------------------------------------
ca=/etc/mcp-topo-lb/tls/ca.crt
js=$repo/server-modules/system-tests/src/test/js
lb_url=https://$NET.${HOST_IP[lb]}:$LB_PORT

balancer_sdk() {
  NODE_EXTRA_CA_CERTS=$ca node "$js/topology/load.mjs" --base "$lb_url" --token "$TOKEN" --probe "${SERVERS[@]}"
}

# kill -9 author on app1: ready again within 60 s (supervisord restarts it), while book-planning answers through the
# balancer about every second; then SIGSTOP book-planning on app2: killed by the liveness watchdog and ready again
# within 120 s, while author answers through the balancer. heal_check is scripts/heal-check.sh (ansible/ci-check.sh
# measures the same on one host); here a TARGET is "<host> <port>" and the probe is an MCP initialize through the
# balancer (200 wanted). Then both servers through the balancer from the official SDK.
# shellcheck source=scripts/heal-check.sh
source "$repo/scripts/heal-check.sh"
heal_listener() { ns "${1% *}" ss -Hltnp "sport = :${1#* }" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2; }
heal_ready() {
  local h=${1% *} port=${1#* }
  [[ $(ns "$h" curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://$NET.${HOST_IP[$h]}:$port/health/ready") == 200 ]]
}
heal_probe() {
  [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 --cacert "$ca" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"topology-heal-probe","version":"1"}}}' \
    "$lb_url/$1/mcp") == 200 ]]
}
heal() {
  if [[ ! -f /etc/mcp-topo-app1/supervisord.conf || ! -f /etc/mcp-topo-app1/watchdog.monitrc ]]; then
    echo "no supervisord or liveness watchdog in the installation of app1"
    return 1
  fi
  heal_check KILL 60 "app1 9809" book-planning || return 1
  heal_check STOP 120 "app2 9801" author || return 1
  balancer_sdk
}

load_start() {
  NODE_EXTRA_CA_CERTS=$ca node "$js/topology/load.mjs" --base "$lb_url" --token "$TOKEN" --clients "$TOPO_CLIENTS" \
    --stop-file "$work/load.stop" --out "$work/load.json" --writes-out "$work/writes.tsv" >"$work/load.log" 2>&1 &
  load_pid=$!
  for _ in $(seq 60); do grep -q 'load running' "$work/load.log" && break; sleep 0.5; done
  grep 'load running' "$work/load.log" || { cat "$work/load.log"; return 1; }
  sleep 5
}

# Deploys (or rolls back) host by host and times each host from the play's per-host task timestamps.
rolling() {
  local what=$1; shift
  date +%s >"$work/$what.start"
  local rc=0
  play "$@" > >(while IFS= read -r line; do printf '%s %s\n' "$(date +%s)" "$line"; done >"$work/$what.timeline") || rc=$?
  sleep 1
  sed 's/^[0-9]* //' "$work/$what.timeline" >"$work/$what.log"
  date +%s >"$work/$what.end"
  tail -n 12 "$work/$what.log"
  return "$rc"
}

load_stop() {
  local rc=0
  touch "$work/load.stop"
  wait "$load_pid" || rc=$?
  load_pid=
  grep -v -e MaxListenersExceededWarning -e 'node --trace-warnings' "$work/load.log"
  writes_present || rc=1
  figures >"$work/figures.txt" || true
  cat "$work/figures.txt"
  return $rc
}

# Every acknowledged write is in the database, as last acknowledged: the load's writes (id, name, bio or \N) against
# the authors table, read on the database host's cluster through the shared socket directory.
writes_present() {
  runuser -u postgres -- psql -h /var/run/postgresql -p 9543 -d mcp_writing_topo -AtX -F $'\t' \
    -c "SELECT id, name, coalesce(bio, E'\\\\N') FROM authors WHERE name LIKE 'Topology load %'" >"$work/authors.tsv" \
    || { echo "could not read the authors table"; return 1; }
  awk -F'\t' '
    NR == FNR { name[$1] = $2; bio[$1] = $3; next }
    { acknowledged += ($3 == "\\N") ? 1 : 2 }
    !($1 in name) { missing++; if (shown++ < 5) print "missing: author " $1 " (" $2 ")"; next }
    name[$1] != $2 || ($3 != "\\N" && bio[$1] != $3) { wrong++; if (shown++ < 5) print "differs: author " $1 ": " name[$1] " / " bio[$1] " (acknowledged " $2 " / " $3 ")" }
    END {
      printf "database: %d acknowledged writes (%d authors) checked, %d missing, %d differ\n", acknowledged, FNR, missing, wrong
      exit (missing + wrong > 0)
    }' "$work/authors.tsv" "$work/writes.tsv" | tee "$work/writes-present.txt"
  return "${PIPESTATUS[0]}"
}

# Seconds each app host took in a rolling play: from its first to its last task line in that play.
host_times() {
  local what=$1 banner=$2
  awk -v banner="$banner" '
    / PLAY \[/ { inplay = index($0, "PLAY [" banner) > 0; next }
    inplay && match($0, /\[app[0-9]+\]/) {
      h = substr($0, RSTART + 1, RLENGTH - 2)
      if (!(h in first)) { first[h] = $1; order[++n] = h }
      last[h] = $1
    }
    END { for (i = 1; i <= n; i++) printf "%s%s %ds", (i > 1 ? ", " : ""), order[i], last[order[i]] - first[order[i]] }
  ' "$work/$what.timeline"
}

# Calls, failures and the worst latency of the load between two times (epoch seconds).
window() {
  jq -r --argjson from "$1" --argjson to "$2" '
    [.perSecond | to_entries[] | select((.key | tonumber) >= $from and (.key | tonumber) <= $to) | .value]
    | "\(map(.calls) | add // 0) calls, \(map(.failed) | add // 0) failed, latency max \(map(.maxMs) | max // 0 | floor) ms"
  ' "$work/load.json"
}

figures() {
  [[ -f $work/load.json ]] || return 0
  echo "figures:"
  echo "  update (deploy B):   $(( $(cat "$work/deploy.end") - $(cat "$work/deploy.start") ))s," \
    "$(window "$(cat "$work/deploy.start")" "$(cat "$work/deploy.end")"); per host: $(host_times deploy 'Roll the servers onto')"
  echo "  rollback (to A):     $(( $(cat "$work/rollback.end") - $(cat "$work/rollback.start") ))s," \
    "$(window "$(cat "$work/rollback.start")" "$(cat "$work/rollback.end")"); per host: $(host_times rollback 'Roll the servers back')"
  jq -r '"  whole load:          \(.calls) calls by \(.clients) SDK clients in \(.durationS | floor)s, \(.failed) failed," +
    " \(.fiveHundreds) 5xx, \(.reinitialized) re-initializations after 404, latency p50 \(.latencyMs.p50) ms p99" +
    " \(.latencyMs.p99) ms max \(.latencyMs.max) ms; \(.acknowledgedWrites) acknowledged writes," +
    " \(.writesMissing) of a sample of \(.writesChecked) missing through the balancer"' "$work/load.json"
  [[ -f $work/writes-present.txt ]] && sed 's/^/  /' "$work/writes-present.txt"
}

versions_are() {
  local want=$1 h port got ok=0
  for h in app1 app2; do
    for port in 9809 9801; do
      got=$(ns "$h" curl -fsS --max-time 5 "http://$NET.${HOST_IP[$h]}:$port/info" -H "Authorization: Bearer $TOKEN" \
        | jq -r .version)
      echo "$h:$port $got"
      [[ $got == "$want" ]] || ok=1
    done
  done
  return $ok
}

teardown() {
  play "$repo/ansible/teardown.yml" -e teardown_confirm=true -e teardown_drop_cluster=true
}

# The whole sequence is one function: bash has read all of it before it starts (editing the file meanwhile is safe).
main() {
  echo "topology: releases $RELEASE_A and $RELEASE_B; app hosts run ${SERVERS[*]} (a subset of the ten servers);" \
    "the balancer host is the monitoring host; load: $TOPO_CLIENTS official SDK clients"
  if [[ ${TOPO_TEARDOWN_ONLY:-0} == 1 && -n ${TOPO_RESUME:-} ]]; then
    step "teardown (teardown.yml on every host)" teardown
    report
    return 0
  fi
  if [[ -z ${TOPO_RESUME:-} ]]; then
    step "hosts: 4 network namespaces, sshd in each" hosts_up
    step "firewall: nftables on every host" firewall_up
  fi
  if [[ ${TOPO_SKIP_FIRST_DEPLOY:-0} != 1 ]]; then
    step "deploy release A (over SSH, every host)" play "$repo/ansible/deploy.yml" -e mcp_release_id="$RELEASE_A" \
      -e mcp_release_build=false
  fi
  step "firewall: only the documented paths open" firewall_check
  step "balancer: official SDK on /<server>/mcp" balancer_sdk
  step "kill -9 healed in 60 s, SIGSTOP in 120 s" heal
  step "load: start ($TOPO_CLIENTS SDK clients, reads and writes)" load_start
  step "under load: deploy release B host by host" rolling deploy "$repo/ansible/deploy.yml" \
    -e mcp_release_id="$RELEASE_B" -e mcp_release_build=false
  step "/info says release B on both app hosts" versions_are "$RELEASE_B"
  step "under load: rollback.yml host by host" rolling rollback "$repo/ansible/rollback.yml"
  step "/info says release A on both app hosts" versions_are "$RELEASE_A"
  step "load: 0 failed calls, 0 5xx, every write present" load_stop
  if [[ $TOPO_KEEP != 1 ]]; then
    step "teardown (teardown.yml on every host)" teardown
  fi
  report
  echo "TOPOLOGY: passed $passed/$((passed + failed))"
}
{ main; exit $?; }
