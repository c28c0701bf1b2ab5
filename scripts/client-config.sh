#!/usr/bin/env bash
# Prints a ready MCP client configuration for all ten servers (liberty-config/servers.list), to paste or redirect:
#   scripts/client-config.sh claude-code      > .mcp.json                  (project scope; reads $MCP_AUTH_TOKEN)
#   scripts/client-config.sh claude-desktop                                (the mcpServers of claude_desktop_config.json)
#   scripts/client-config.sh cursor           > .cursor/mcp.json           (reads $MCP_AUTH_TOKEN from the environment)
#   scripts/client-config.sh vscode           > .vscode/mcp.json           (asks for the token once, as a password)
# Options: --url BASE (default http://localhost: each server on its own port; a load balancer's https://host/ takes
# /<server>/mcp paths with --prefix), --prefix, --no-token (servers without MCP_AUTH_TOKEN), --token T (Claude
# Desktop only: written into the bridge's env block, since a GUI app does not see your shell's environment).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
client=${1:-}
shift || true
base=http://localhost prefix=false auth=true token='<your MCP_AUTH_TOKEN>'
while (($#)); do
  case "$1" in
    --url) base=${2%/}; shift 2 ;;
    --prefix) prefix=true; shift ;;
    --no-token) auth=false; shift ;;
    --token) token=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v jq >/dev/null || { echo "needs jq (apt-get install jq)" >&2; exit 2; }

servers=$(awk '!/^#/ && NF >= 2 {print $1, $2}' "$ROOT/liberty-config/servers.list")
url() { if [[ $prefix == true ]]; then echo "$base/$1/mcp"; else echo "$base:$2/mcp"; fi; }

entries=()
while read -r name port; do
  u=$(url "$name" "$port")
  case "$client" in
    claude-code)
      entries+=("$(jq -n --arg n "$name" --arg u "$u" --argjson a "$auth" \
        '{($n): ({type: "http", url: $u} + (if $a then {headers: {Authorization: "Bearer ${MCP_AUTH_TOKEN}"}} else {} end))}')") ;;
    claude-desktop)
      # mcp-remote's documented form: no space inside an argument, the header's value from env
      entries+=("$(jq -n --arg n "$name" --arg u "$u" --argjson a "$auth" --arg t "Bearer $token" \
        '{($n): (if $a then {command: "npx", args: ["-y", "mcp-remote", $u, "--header", "Authorization:${AUTH_HEADER}"],
                              env: {AUTH_HEADER: $t}}
                 else {command: "npx", args: ["-y", "mcp-remote", $u]} end)}')") ;;
    cursor)
      entries+=("$(jq -n --arg n "$name" --arg u "$u" --argjson a "$auth" \
        '{($n): ({url: $u} + (if $a then {headers: {Authorization: "Bearer ${env:MCP_AUTH_TOKEN}"}} else {} end))}')") ;;
    vscode)
      entries+=("$(jq -n --arg n "$name" --arg u "$u" --argjson a "$auth" \
        '{($n): ({type: "http", url: $u} + (if $a then {headers: {Authorization: "Bearer ${input:mcp-writing-token}"}} else {} end))}')") ;;
    *) echo "usage: $0 claude-code|claude-desktop|cursor|vscode [--url BASE] [--prefix] [--no-token] [--token T]" >&2
       exit 2 ;;
  esac
done <<<"$servers"

all=$(printf '%s\n' "${entries[@]}" | jq -s 'add')
if [[ $client == vscode ]]; then
  jq -n --argjson s "$all" --argjson a "$auth" '(if $a then {inputs: [{type: "promptString", id: "mcp-writing-token",
    description: "MCP Writing Servers bearer token (MCP_AUTH_TOKEN)", password: true}]} else {} end) + {servers: $s}'
else
  jq -n --argjson s "$all" '{mcpServers: $s}'
fi
