#!/usr/bin/env bash
# Prints a ready MCP client configuration for all ten servers (liberty-config/servers.list), to paste or redirect:
#   scripts/client-config.sh claude-code      > .mcp.json                  (project scope; reads $MCP_AUTH_TOKEN)
#   scripts/client-config.sh claude-desktop                                (the mcpServers of claude_desktop_config.json)
#   scripts/client-config.sh cursor           > .cursor/mcp.json           (reads $MCP_AUTH_TOKEN from the environment)
#   scripts/client-config.sh vscode           > .vscode/mcp.json           (asks for the token once, as a password)
# Options: --url BASE (default http://localhost: each server on its own port; a load balancer's https://host/ takes
# /<server>/mcp paths with --prefix, implied when BASE names a port), --prefix, --no-token (servers without MCP_AUTH_TOKEN), --token T (Claude
# Desktop only: written into the bridge's env block, since a GUI app does not see your shell's environment),
# --ca FILE (an https BASE only: the private CA that issued the balancer's certificate; default
# /etc/mcp-writing/tls/ca.crt when it exists). The Node-based bridge (mcp-remote, Claude Desktop's entries) trusts it
# through NODE_EXTRA_CA_CERTS in the entry's env; a client that is itself Node-based (Claude Code) needs that variable
# in the environment it starts in.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
client=${1:-}
shift || true
base=http://localhost prefix=false auth=true token='<your MCP_AUTH_TOKEN>' ca=
while (($#)); do
  case "$1" in
    --url) base=${2%/}; shift 2 ;;
    --prefix) prefix=true; shift ;;
    --no-token) auth=false; shift ;;
    --token) token=$2; shift 2 ;;
    --ca) ca=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v jq >/dev/null || { echo "needs jq (apt-get install jq)" >&2; exit 2; }
if [[ $base == https://* ]]; then
  if [[ -z $ca && -r /etc/mcp-writing/tls/ca.crt ]]; then ca=/etc/mcp-writing/tls/ca.crt; fi
  if [[ -n $ca && ! -r $ca ]]; then echo "no CA certificate readable at $ca" >&2; exit 2; fi
  [[ -z $ca ]] || ca=$(realpath "$ca")
else
  ca=   # plain HTTP: nothing to trust
fi

# a base that already names a port (a balancer's https://host:8443) can only take /<server>/mcp paths
[[ $base =~ ://[^/]+:[0-9]+$ ]] && prefix=true
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
      # and, behind the TLS balancer with a private CA, the bridge (Node) trusts it through NODE_EXTRA_CA_CERTS
      entries+=("$(jq -n --arg n "$name" --arg u "$u" --argjson a "$auth" --arg t "Bearer $token" --arg ca "$ca" \
        '{($n): ((if $a then {command: "npx", args: ["-y", "mcp-remote", $u, "--header", "Authorization:${AUTH_HEADER}"],
                               env: {AUTH_HEADER: $t}}
                  else {command: "npx", args: ["-y", "mcp-remote", $u]} end)
                 | if $ca != "" then .env += {NODE_EXTRA_CA_CERTS: $ca} else . end)}')") ;;
    cursor)
      entries+=("$(jq -n --arg n "$name" --arg u "$u" --argjson a "$auth" \
        '{($n): ({url: $u} + (if $a then {headers: {Authorization: "Bearer ${env:MCP_AUTH_TOKEN}"}} else {} end))}')") ;;
    vscode)
      entries+=("$(jq -n --arg n "$name" --arg u "$u" --argjson a "$auth" \
        '{($n): ({type: "http", url: $u} + (if $a then {headers: {Authorization: "Bearer ${input:mcp-writing-token}"}} else {} end))}')") ;;
    *) echo "usage: $0 claude-code|claude-desktop|cursor|vscode [--url BASE] [--prefix] [--no-token] [--token T]" \
         "[--ca FILE]" >&2
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
