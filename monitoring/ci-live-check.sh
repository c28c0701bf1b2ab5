#!/usr/bin/env bash
# The live half of the dashboard check, run by CI after ansible/ci-check.sh left its installation up: sends
# some traffic to every deployed server (successful calls and a failing one, so that error panels have data),
# waits for Prometheus to scrape it, then runs every dashboard query against that Prometheus.
#   MCP_PORT_BASE [5200]  PROMETHEUS_PORT [19290]  MCP_AUTH_TOKEN [none]  STRICT [0]: 1 fails on empty panels
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
base=${MCP_PORT_BASE:-5200}
prometheus="http://localhost:${PROMETHEUS_PORT:-19290}"
auth=()
[[ -n ${MCP_AUTH_TOKEN:-} ]] && auth=(-H "Authorization: Bearer $MCP_AUTH_TOKEN")

call() { # port session body
  curl -fsS -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    ${2:+-H "Mcp-Session-Id: $2"} -H 'MCP-Protocol-Version: 2025-11-25' "http://localhost:$1/mcp" -d "$3"
}

for n in $(seq 1 10); do
  port=$((base + n))
  curl -fsS -o /dev/null --max-time 3 "http://localhost:$port/health/ready" || continue
  session=$(curl -fsS -D - -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' "http://localhost:$port/mcp" \
    -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"ci","version":"1"}}}' \
    | awk -F': ' 'tolower($1)=="mcp-session-id" {print $2}' | tr -d '\r')
  tool=$(curl -fsS "http://localhost:$port/info" | jq -r '.tools[0]')
  for _ in $(seq 1 20); do
    call "$port" "$session" "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"$tool\",\"arguments\":{\"no_such_argument\":1}}}"
  done
  echo "port $port: 20 calls of $tool (rejected arguments, counted as validation errors)"
done
echo "waiting for two scrapes"
sleep 40
mode=(--allow-empty)
[[ ${STRICT:-0} == 1 ]] && mode=()
"$here/check-dashboards.sh" "${mode[@]}" "$prometheus"
