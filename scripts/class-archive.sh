#!/usr/bin/env bash
# Makes the class-data archive (AppCDS) the MCP servers of one Liberty installation share:
#   scripts/class-archive.sh ARCHIVE SERVER PORT
#   scripts/class-archive.sh --use ARCHIVE     (prints the JVM options that map ARCHIVE, one per line)
# Starts SERVER (of WLP_USER_DIR, default the installation's usr/) on PORT with the archive dumped when its JVM
# exits, takes it through an MCP session (initialize, tools/list) and its health and metrics endpoints so that
# the request path's classes are in the archive too, stops it, and puts the archive in place (readable by all).
# Servers started with -XX:SharedArchiveFile=ARCHIVE (and the flags below) map the classes from it instead of parsing
# them into each JVM's metaspace, and share its pages; a JVM that cannot use it (another JDK, changed jars) starts
# without it. Used by scripts/servers.sh and by Ansible's liberty role (each release on each app host).
set -euo pipefail
# The one list of these options (servers.sh and the liberty role's jvm.options.j2 ask for them with --use).
# Liberty starts with its Java agent, which the JDK archives only when told; -Xlog keeps CDS off the JSON console.
flags=(-XX:+UnlockDiagnosticVMOptions -XX:+AllowArchivingWithJavaAgent '-Xlog:cds*=off')
if [[ ${1:-} == --use ]]; then
  # mapped at the archive's own address: its pages are not relocated or copied, so the servers share them
  printf '%s\n' "${flags[@]}" "-XX:SharedArchiveFile=${2:?the archive}" -XX:ArchiveRelocationMode=0
  exit 0
fi
archive=$1 server=$2 port=$3
WLP_HOME=${WLP_HOME:?WLP_HOME names the Liberty installation}
tmp="$archive.tmp"
mkdir -p "$(dirname "$archive")"
rm -f "$tmp"

JVM_ARGS="${JVM_ARGS:-} ${flags[*]} -XX:ArchiveClassesAtExit=$tmp" HTTP_PORT=$port "$WLP_HOME/bin/server" start "$server" >/dev/null
trap '"$WLP_HOME/bin/server" stop "$server" >/dev/null 2>&1 || true; rm -f "$tmp"' EXIT
for _ in $(seq 1 180); do
  curl -fsS -o /dev/null --max-time 5 "http://localhost:$port/health/started" && break
  sleep 1
done

headers=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream')
[[ -n "${MCP_AUTH_TOKEN:-}" ]] && headers+=(-H "Authorization: Bearer $MCP_AUTH_TOKEN")
post() { curl -sS --max-time 10 -o /dev/null "${headers[@]}" "http://localhost:$port/mcp" "$@" || true; }
sid=$(curl -sS --max-time 10 -D - -o /dev/null "${headers[@]}" "http://localhost:$port/mcp" -d \
  '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"class-archive","version":"1"}}}' |
  tr -d '\r' | awk -F': ' 'tolower($1) == "mcp-session-id" {print $2}') || true
if [[ -n $sid ]]; then
  headers+=(-H "Mcp-Session-Id: $sid")
  post -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'
  post -d '{"jsonrpc":"2.0","id":2,"method":"tools/list"}'
  post -X DELETE
fi
curl -sS --max-time 10 -o /dev/null "http://localhost:$port/health/ready" || true
curl -sS --max-time 10 -o /dev/null "http://localhost:$port/metrics" || true

"$WLP_HOME/bin/server" stop "$server" >/dev/null 2>&1 || true
trap - EXIT
if [[ -s $tmp ]]; then
  chmod 0644 "$tmp"
  mv "$tmp" "$archive"
  echo "class archive: $archive ($(($(stat -c %s "$archive") / 1048576)) MiB, trained on $server)"
else
  rm -f "$tmp"
  echo "class archive: not made (the servers start without one)" >&2
  exit 1
fi
