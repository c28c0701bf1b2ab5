#!/usr/bin/env bash
# The live half of the dashboard check, run by CI after `CI_KEEP=1 ansible/ci-check.sh` left its installation
# up: makes every dashboard panel have data, then runs every panel query against that installation's Prometheus
# and fails on any query that returns nothing (check-dashboards.sh without --allow-empty).
#
# What it does to the installation (a test one: it pauses its PgBouncer and writes to its database):
#   1. every server ready (/health/ready 200 on each port), else it stops: a server it cannot reach is an error,
#      never skipped;
#   2. traffic through MCP sessions (scripts/mcp-traffic.sh; every answer is checked): fixtures, successful
#      calls on all ten servers, and failing calls of every error_type the servers emit, each made for real:
#        validation     a required argument left out, on every server
#        not_found      ids that do not exist
#        conflict       a book and a chapter number that are taken
#        result_too_large   a result over the size limit (three long scenes read at once)
#        (internal      is a server's own failure, a bug: none can be made on purpose, so it is not required;
#                       the error panels have data from the other types)
#        database_unavailable  calls while the installation's PgBouncer is paused (SIGUSR1, PgBouncer's PAUSE;
#                       SIGUSR2 resumes it, also on any exit of this script)
#      and the database-admin server's own backup tools on the deployment (db_backup_full, then
#      db_validate_backup of that file), which need the backup directory and direct database access the
#      deployment gives that server;
#   3. a real backup through the job cron runs (/usr/local/sbin/<instance>-backup incr, and full when the
#      textfile has no full backup yet): the backup panels read what it reports;
#   4. two scrapes later the same traffic again (so that increase() over the new error series is above 0);
#   5. Prometheus must show every server up, successful calls on every server, every error_type and both backup
#      kinds with status 1; then every dashboard query must return data.
# A panel that cannot have data on one host would be listed in EXCLUDED below with its reason; none is now.
#
# Settings (environment, defaults in brackets): MCP_INSTANCE [mcp-writing-ci]  MCP_PORT_BASE [5200]
#   PROMETHEUS_PORT [19290]  MCP_AUTH_TOKEN [none]
#   ALLOW_EMPTY [0]: 1 only warns about empty panels (trying it on a partial installation by hand)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
instance=${MCP_INSTANCE:-mcp-writing-ci}
export MCP_PORT_BASE=${MCP_PORT_BASE:-5200}
prometheus="http://127.0.0.1:${PROMETHEUS_PORT:-19290}"
supervisor_conf=/etc/$instance/supervisord.conf   # hosts without systemd: the instance's supervisord
backup_job=/usr/local/sbin/$instance-backup
textfile=/var/lib/$instance/node-exporter/mcp_backup.prom
# Panels excluded from the strict check, as 'dashboard file|panel title|reason' (check-dashboards.sh --exclude
# prints each one with its reason). None: on this single host every panel gets data from the traffic above.
EXCLUDED=()

# shellcheck source=scripts/mcp-traffic.sh
source "$root/scripts/mcp-traffic.sh"

say() { printf '[live-check] %s\n' "$*"; }
fail() { say "FAILED: $*" >&2; exit 1; }
paused=false
resume() { if $paused; then kill -USR2 "$(pgbouncer_pid)" 2>/dev/null || true; paused=false; say "PgBouncer resumed"; fi; }
trap resume EXIT

pgbouncer_pid() {
  local pid=""
  if [[ -r $supervisor_conf ]]; then
    pid=$(supervisorctl -c "$supervisor_conf" pid "$instance-pgbouncer" 2>/dev/null || true)
  elif command -v systemctl >/dev/null; then
    pid=$(systemctl show -p MainPID --value "$instance-pgbouncer" 2>/dev/null || true)
  fi
  [[ $pid =~ ^[1-9][0-9]*$ ]] && kill -0 "$pid" 2>/dev/null || { echo "no running PgBouncer of $instance" >&2; return 1; }
  echo "$pid"
}

query() { # PromQL -> the result array
  curl -sS --max-time 20 -G --data-urlencode "query=$1" "$prometheus/api/v1/query" | jq -c '.data.result'
}

servers=$(mcp_servers)
all_ready() {
  local name port code
  for name in $servers; do
    port=$(mcp_port "$name")
    code=$(curl -sS -o /dev/null --max-time 10 -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || echo 000)
    [[ $code == 200 ]] || { echo "$name (port $port): /health/ready $code"; return 1; }
  done
}

# --- 1. preconditions -----------------------------------------------------------------------------------------
curl -fsS -o /dev/null --max-time 10 "$prometheus/-/ready" || fail "Prometheus at $prometheus is not ready"
why=$(all_ready) || fail "not every server is ready: $why"
say "all ten servers ready on ports $((MCP_PORT_BASE + 1))-$((MCP_PORT_BASE + 10)); Prometheus at $prometheus"

admin_backup() {
  local made file
  mcp_on database-admin || return 1
  made=$(mcp_ok "$MCP_P" "$MCP_S" db_backup_full '{"compress": true}') || return 1
  file=$(jq -r '.backupFile // .file // .path // empty' <<<"$made")
  [[ -n $file ]] || { echo "db_backup_full answered no file: $made" >&2; return 1; }
  mcp_ok "$MCP_P" "$MCP_S" db_validate_backup "{\"backupFile\": $(jq -Rn --arg f "$file" '$f')}" >/dev/null || return 1
  mcp_ok "$MCP_P" "$MCP_S" db_delete_backup "{\"backupFile\": $(jq -Rn --arg f "$file" '$f')}" >/dev/null
}

database_unavailable() {
  local pid name pids=() failed=0 start=$SECONDS
  pid=$(pgbouncer_pid)
  # one session per server first, so that the paused calls below are tool calls, not failed handshakes
  for name in $servers; do mcp_on "$name" || return 1; done
  kill -USR1 "$pid"; paused=true
  say "PgBouncer (pid $pid) paused; one call per server, each must answer database_unavailable"
  for name in $servers; do
    mcp_on "$name"
    case $name in
      book-planning) mcp_fails database_unavailable "$MCP_P" "$MCP_S" get_book "{\"book_id\": $MCP_BOOK_ID}" & ;;
      series-planning) mcp_fails database_unavailable "$MCP_P" "$MCP_S" get_series "{\"series_id\": $MCP_SERIES_ID}" & ;;
      chapter-planning) mcp_fails database_unavailable "$MCP_P" "$MCP_S" book_list_chapters "{\"book_id\": $MCP_BOOK_ID}" & ;;
      character-planning) mcp_fails database_unavailable "$MCP_P" "$MCP_S" list_characters "{\"series_id\": $MCP_SERIES_ID}" & ;;
      scene) mcp_fails database_unavailable "$MCP_P" "$MCP_S" get_scene "{\"scene_id\": $MCP_SCENE_ID}" & ;;
      core-continuity) mcp_fails database_unavailable "$MCP_P" "$MCP_S" get_character "{\"character_id\": $MCP_CHARACTER_ID}" & ;;
      review) mcp_fails database_unavailable "$MCP_P" "$MCP_S" word_count_tracking "{\"book_id\": $MCP_BOOK_ID}" & ;;
      reporting) mcp_fails database_unavailable "$MCP_P" "$MCP_S" generate_report "{\"book_id\": $MCP_BOOK_ID}" & ;;
      author) mcp_fails database_unavailable "$MCP_P" "$MCP_S" get_author "{\"author_id\": $MCP_AUTHOR_ID}" & ;;
      database-admin) mcp_fails database_unavailable "$MCP_P" "$MCP_S" db_list_tables '{}' & ;;
    esac
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
  resume
  say "paused calls ended after $((SECONDS - start))s; $failed of them did not answer database_unavailable"
  ((failed == 0)) || return 1
  # the circuit breakers half-open 5 s after the last failure; readiness must come back
  local deadline=$((SECONDS + 90)) why
  until why=$(all_ready); do
    ((SECONDS < deadline)) || { echo "after the pause: $why" >&2; return 1; }
    sleep 2
  done
}

backup() {
  [[ -x $backup_job ]] || { echo "no backup job $backup_job (the backups role installs it)" >&2; return 1; }
  if ! grep -qs 'mcp_backup_last_status{kind="full"} 1' "$textfile"; then
    "$backup_job" full || { echo "$backup_job full failed (see /var/log/$instance/backup.log)" >&2; return 1; }
  fi
  "$backup_job" incr || { echo "$backup_job incr failed (see /var/log/$instance/backup.log)" >&2; return 1; }
  grep 'mcp_backup_last_status' "$textfile" | sed 's/^/    /'
}

# --- 2. traffic -----------------------------------------------------------------------------------------------
start=$SECONDS
mcp_fixtures || fail "traffic: fixtures"
for _ in 1 2 3; do mcp_successes || fail "traffic: successful calls"; done
mcp_errors || fail "traffic: failing calls"
admin_backup || fail "traffic: the database-admin server's backup tools"
say "traffic: fixtures $MCP_TAG, successful calls on all ten servers, errors validation, not_found, conflict, result_too_large, a database-admin backup made, validated and deleted ($((SECONDS - start))s)"
database_unavailable || fail "traffic: database_unavailable"
say "traffic: database_unavailable on all ten servers while PgBouncer was paused; all ready again"

# --- 3. backup ------------------------------------------------------------------------------------------------
backup || fail "backup job"
say "backup job ran (full when missing, then incr)"

# --- 4. the same again, two scrapes later ---------------------------------------------------------------------
say "waiting 35 s (two scrapes) before the second round"
sleep 35
MCP_SESSIONS=()
for _ in 1 2 3; do mcp_successes || fail "traffic (second round): successful calls"; done
mcp_errors || fail "traffic (second round): failing calls"
say "second round done; waiting 35 s for two more scrapes and the recording rules"
sleep 35

# --- 5. what Prometheus must have -----------------------------------------------------------------------------
problems=0
expect() { # description, PromQL, jq test on the result array
  local result
  result=$(query "$2")
  if jq -e "$3" >/dev/null <<<"$result"; then
    say "ok: $1"
  else
    say "FAILED: $1: $2 gave $result" >&2
    problems=$((problems + 1))
  fi
}
n=$(wc -w <<<"$servers")
expect "all $n servers up" 'count(up{job="mcp"} == 1)' ".[0].value[1] == \"$n\""
expect "successful calls on all $n servers" \
  'count((sum by (service) (mcp_requests_total{job="mcp"}) - (sum by (service) (mcp_errors_total{job="mcp"}) or sum by (service) (mcp_requests_total{job="mcp"}) * 0)) > 0)' \
  ".[0].value[1] == \"$n\""
types='["conflict","database_unavailable","not_found","result_too_large","validation"]'
expect "errors of every type: $types" 'sum by (error_type) (mcp_errors_total{job="mcp"}) > 0' \
  "[.[].metric.error_type] | sort == $types"
expect "validation errors on all $n servers" 'count(sum by (service) (mcp_errors_total{job="mcp", error_type="validation"}) > 0)' \
  ".[0].value[1] == \"$n\""
expect "database_unavailable on all $n servers" \
  'count(sum by (service) (mcp_errors_total{job="mcp", error_type="database_unavailable"}) > 0)' ".[0].value[1] == \"$n\""
expect "backups: full and incr, last status 1" 'mcp_backup_last_status{job="node"} == 1' \
  '[.[].metric.kind] | sort == ["full","incr"]'
((problems == 0)) || fail "$problems expectation(s) not met"

# --- 6. every dashboard query ---------------------------------------------------------------------------------
mode=()
[[ ${ALLOW_EMPTY:-0} == 1 ]] && mode=(--allow-empty)
excluded=()
for e in "${EXCLUDED[@]}"; do excluded+=(--exclude "$e"); done
"$here/check-dashboards.sh" "${mode[@]}" "${excluded[@]}" "$prometheus"
