#!/usr/bin/env bash
# Pauses and resumes the local deployment (scripts/up.sh) around the tests, which need the same ports (the servers'
# 3001-3010, PgBouncer's 6432): so that the README's two commands work in either order on one machine.
#   scripts/local-deployment.sh pause     stops the deployment's servers and PgBouncer that hold those ports, and
#                                         remembers which (the balancer answers "maintenance" meanwhile)
#   scripts/local-deployment.sh resume    starts again what pause stopped, and waits until each server is ready
# Without a local deployment, or with nothing of it running, both do nothing. MCP_INSTANCE names another instance.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
instance=${MCP_INSTANCE:-mcp-writing}
ctl=/opt/$instance/bin/mcpctl
supervisor_conf=/etc/$instance/supervisord.conf
pgbouncer=$instance-pgbouncer
paused=/var/lib/$instance/paused-by-tests
pgbouncer_port=${PGBOUNCER_PORT:-6432}

listening() { ss -Hltn "sport = :$1" | grep -q .; }
service() {   # service start|stop|active <name>: the deployment's daemon under its service manager
  if [[ -d /run/systemd/system ]]; then
    case $1 in
      active) systemctl is-active --quiet "$2.service" ;;
      *) systemctl "$1" "$2.service" ;;
    esac
  elif [[ -f $supervisor_conf ]]; then
    case $1 in
      active) supervisorctl -c "$supervisor_conf" status "$2" 2>/dev/null | grep -q RUNNING ;;
      *) supervisorctl -c "$supervisor_conf" "$1" "$2" >/dev/null ;;
    esac
  else
    return 1
  fi
}

pause() {
  [[ -x $ctl ]] || return 0
  local name port stopped=()
  while read -r name port; do
    [[ -z $name || $name == \#* ]] && continue
    listening "$port" || continue
    # Only a server of the deployment: mcpctl knows it and its service runs.
    "$ctl" status "$name" 2>/dev/null | awk -v n="$name" '$1 == n && $2 ~ /^(RUNNING|active|STARTING|activating)$/ {f=1} END {exit !f}' \
      || continue
    "$ctl" stop "$name" >/dev/null
    stopped+=("$name")
  done <"$ROOT/liberty-config/servers.list"
  local bouncer=0
  if listening "$pgbouncer_port" && service active "$pgbouncer"; then
    service stop "$pgbouncer"
    bouncer=1
  fi
  ((${#stopped[@]} + bouncer)) || return 0
  mkdir -p "$(dirname "$paused")"
  { ((bouncer)) && echo "pgbouncer $pgbouncer"; printf 'server %s\n' "${stopped[@]}"; } >"$paused"
  echo "The local deployment ($instance) held the tests' ports: paused ${#stopped[@]} server(s)" \
    "$( ((bouncer)) && echo "and its PgBouncer")" "until the tests end (scripts/local-deployment.sh resume)."
}

resume() {
  [[ -f $paused ]] || return 0
  local kind name pids=() failed=0
  while read -r kind name; do
    [[ $kind == pgbouncer ]] && service start "$name"
  done <"$paused"
  while read -r kind name; do
    [[ $kind == server ]] || continue
    "$ctl" start "$name" >/dev/null &
    pids+=($!)
  done <"$paused"
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  rm -f "$paused"
  if ((failed)); then
    echo "The local deployment ($instance): a server did not come back ready; see $ctl status" >&2
    return 1
  fi
  echo "The local deployment ($instance) runs again: ${#pids[@]} server(s) ready."
}

case ${1:-} in
  pause) pause ;;
  resume) resume ;;
  *) echo "usage: $0 pause|resume" >&2; exit 2 ;;
esac
