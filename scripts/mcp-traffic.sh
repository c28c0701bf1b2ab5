#!/usr/bin/env bash
# MCP traffic through curl and jq, for the operations checks (monitoring/ci-live-check.sh, scripts/ear-check.sh)
# and for trying a deployment by hand. Source it for the functions, or run it:
#   scripts/mcp-traffic.sh [PORT_BASE] [ROUNDS]     # ROUNDS (default 1) of successful calls on all ten servers
# Server n of liberty-config/servers.list answers on PORT_BASE + n (default base 3000). MCP_AUTH_TOKEN, when
# set, is sent as a bearer token; MCP_TRAFFIC_HOST (default 127.0.0.1) is the address.
#
# Every function fails loudly: on an unexpected answer it prints what was sent and what came back to stderr
# and returns 1, so that a caller under `set -e` stops there with the reason on screen.
#   mcp_port NAME                      the port of a server (from PORT_BASE and servers.list)
#   mcp_session PORT                   initialize + notifications/initialized; prints the session id
#   mcp_rpc PORT SESSION METHOD PARAMS prints the JSON-RPC response (Streamable HTTP, JSON or SSE)
#   mcp_ok PORT SESSION TOOL ARGS      a tools/call that must succeed; prints its structuredContent
#   mcp_fails TYPE PORT SESSION TOOL ARGS  a tools/call that must fail with error_type TYPE
#   mcp_fixtures                       author, series, book, chapter, character, scene for the calls below
#   mcp_successes                      successful calls on all ten servers (needs mcp_fixtures)
#   mcp_errors                         failed calls, each for its own reason: validation on all ten servers,
#                                      not_found, conflict and result_too_large (a result over the size limit)
#                                      (needs mcp_fixtures; database_unavailable and internal depend on the
#                                      deployment: monitoring/ci-live-check.sh makes those)

MCP_TRAFFIC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MCP_TRAFFIC_HOST=${MCP_TRAFFIC_HOST:-127.0.0.1}
MCP_PORT_BASE=${MCP_PORT_BASE:-3000}
MCP_PROTOCOL_VERSION=2025-11-25

mcp_fail() { printf 'mcp-traffic: %s\n' "$*" >&2; return 1; }

mcp_port() {
  local n
  n=$(awk -v name="$1" '!/^#/ && NF {i++; if ($1 == name) print i}' "$MCP_TRAFFIC_ROOT/liberty-config/servers.list")
  [[ -n $n ]] || { mcp_fail "no server $1 in liberty-config/servers.list"; return 1; }
  echo $((MCP_PORT_BASE + n))
}

mcp_servers() { awk '!/^#/ && NF {print $1}' "$MCP_TRAFFIC_ROOT/liberty-config/servers.list"; }

# POST one JSON-RPC message; prints "<http status> <file with the body>". Notifications get 202 and no body.
_mcp_post() {
  local port=$1 session=$2 body=$3 out code
  local headers=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream'
    -H "MCP-Protocol-Version: $MCP_PROTOCOL_VERSION")
  [[ -n $session ]] && headers+=(-H "Mcp-Session-Id: $session")
  [[ -n ${MCP_AUTH_TOKEN:-} ]] && headers+=(-H "Authorization: Bearer $MCP_AUTH_TOKEN")
  out=$(mktemp)
  code=$(curl -sS --max-time 120 -o "$out" -D "$out.headers" -w '%{http_code}' "${headers[@]}" \
    "http://$MCP_TRAFFIC_HOST:$port/mcp" --data-binary @- <<<"$body") || code=000
  echo "$code $out"
}

# The JSON-RPC message in a response body: the body itself (application/json) or the data of its SSE events.
_mcp_message() { if grep -q '^data:' "$1"; then sed -n 's/^data: \{0,1\}//p' "$1"; else cat "$1"; fi; }

mcp_session() {
  local port=$1 reply code out session init
  init=$(jq -cn --arg v "$MCP_PROTOCOL_VERSION" \
    '{jsonrpc: "2.0", id: 1, method: "initialize",
      params: {protocolVersion: $v, capabilities: {}, clientInfo: {name: "mcp-traffic", version: "1"}}}')
  reply=$(_mcp_post "$port" "" "$init"); code=${reply%% *}; out=${reply#* }
  session=$(awk -F': *' 'tolower($1) == "mcp-session-id" {print $2}' "$out.headers" 2>/dev/null | tr -d '\r')
  if [[ $code != 200 || -z $session ]]; then
    mcp_fail "initialize on port $port: HTTP $code, session '${session}': $(head -c 500 "$out" 2>/dev/null)"
    rm -f "$out" "$out.headers"; return 1
  fi
  rm -f "$out" "$out.headers"
  reply=$(_mcp_post "$port" "$session" '{"jsonrpc":"2.0","method":"notifications/initialized"}')
  code=${reply%% *}; out=${reply#* }; rm -f "$out" "$out.headers"
  [[ $code == 202 || $code == 200 ]] || { mcp_fail "notifications/initialized on port $port: HTTP $code"; return 1; }
  echo "$session"
}

MCP_RPC_ID=10
mcp_rpc() {
  local port=$1 session=$2 method=$3 params=${4:-'{}'} reply code out message
  MCP_RPC_ID=$((MCP_RPC_ID + 1))
  # PARAMS is JSON, or @FILE for JSON too long for a command line
  local pjson=(--argjson p "$params")
  [[ $params == @* ]] && pjson=(--slurpfile p "${params#@}")
  reply=$(_mcp_post "$port" "$session" "$(jq -cn --argjson id "$MCP_RPC_ID" --arg m "$method" "${pjson[@]}" \
    '{jsonrpc: "2.0", id: $id, method: $m, params: (if $p | type == "array" then $p[0] else $p end)}')")
  code=${reply%% *}; out=${reply#* }
  message=$(_mcp_message "$out" 2>/dev/null)
  rm -f "$out" "$out.headers"
  if [[ $code != 200 ]] || ! jq -e 'type == "object" and has("result")' >/dev/null 2>&1 <<<"$message"; then
    mcp_fail "$method on port $port ($params): HTTP $code: ${message:0:500}"; return 1
  fi
  printf '%s\n' "$message"
}

_mcp_call() { # ARGS is JSON, or @FILE
  local port=$1 session=$2 tool=$3 args=${4:-'{}'} params status
  if [[ $args == @* ]]; then
    params=$(mktemp)
    jq -c --arg t "$tool" '{name: $t, arguments: .}' "${args#@}" >"$params"
    mcp_rpc "$port" "$session" tools/call "@$params"; status=$?
    rm -f "$params"
    return $status
  fi
  mcp_rpc "$port" "$session" tools/call "$(jq -cn --arg t "$tool" --argjson a "$args" '{name: $t, arguments: $a}')"
}

mcp_ok() {
  local message
  message=$(_mcp_call "$@") || return 1
  if ! jq -e '.result.isError != true' >/dev/null <<<"$message"; then
    mcp_fail "$3 on port $1 failed: $(jq -c '.result.structuredContent // .result.content' <<<"$message" | head -c 500)"
    return 1
  fi
  jq -c '.result.structuredContent // {}' <<<"$message"
}

mcp_fails() {
  local want=$1 message got; shift
  message=$(_mcp_call "$@") || return 1
  got=$(jq -r 'if .result.isError == true then .result.structuredContent.error_type // "?" else "success" end' \
    <<<"$message")
  if [[ $got != "$want" ]]; then
    mcp_fail "$3 on port $1 ($4): wanted error_type $want, got $got: $(jq -c '.result.structuredContent' \
      <<<"$message" | head -c 500)"
    return 1
  fi
}

# One session per server, opened on first use.
declare -A MCP_SESSIONS=()
mcp_on() { # NAME: sets MCP_P (port) and MCP_S (session) for that server
  MCP_P=$(mcp_port "$1") || return 1
  if [[ -z ${MCP_SESSIONS[$1]:-} ]]; then
    MCP_SESSIONS[$1]=$(mcp_session "$MCP_P") || return 1
  fi
  MCP_S=${MCP_SESSIONS[$1]}
}

# Data for the calls below: one author, series, book, chapter, character and scene, named after this run.
mcp_fixtures() {
  local tag out
  tag="traffic-$(date +%s)-$$-$RANDOM"
  MCP_TAG=$tag
  mcp_on author || return 1
  out=$(mcp_ok "$MCP_P" "$MCP_S" create_author "$(jq -cn --arg n "$tag" '{name: $n, bio: "written by mcp-traffic"}')") \
    || return 1
  MCP_AUTHOR_ID=$(jq -r '.id' <<<"$out")
  mcp_on series-planning || return 1
  out=$(mcp_ok "$MCP_P" "$MCP_S" create_series \
    "$(jq -cn --arg t "$tag" --argjson a "$MCP_AUTHOR_ID" '{title: $t, author_id: $a}')") || return 1
  MCP_SERIES_ID=$(jq -r '.id' <<<"$out")
  mcp_on book-planning || return 1
  out=$(mcp_ok "$MCP_P" "$MCP_S" create_book \
    "$(jq -cn --arg t "$tag" --argjson s "$MCP_SERIES_ID" '{title: $t, series_id: $s, book_number: 1}')") || return 1
  MCP_BOOK_ID=$(jq -r '.id' <<<"$out")
  mcp_on chapter-planning || return 1
  out=$(mcp_ok "$MCP_P" "$MCP_S" book_create_chapter \
    "$(jq -cn --argjson b "$MCP_BOOK_ID" '{book_id: $b, chapter_number: 1, title: "One"}')") || return 1
  MCP_CHAPTER_ID=$(jq -r '.id' <<<"$out")
  mcp_on character-planning || return 1
  out=$(mcp_ok "$MCP_P" "$MCP_S" create_character \
    "$(jq -cn --arg n "$tag" --argjson s "$MCP_SERIES_ID" '{series_id: $s, name: $n}')") || return 1
  MCP_CHARACTER_ID=$(jq -r '.id' <<<"$out")
  mcp_on scene || return 1
  out=$(mcp_ok "$MCP_P" "$MCP_S" create_scene \
    "$(jq -cn --argjson c "$MCP_CHAPTER_ID" '{chapter_id: $c, scene_number: 1, scene_content: "It began."}')") \
    || return 1
  MCP_SCENE_ID=$(jq -r '.id' <<<"$out")
  local id
  for id in MCP_AUTHOR_ID MCP_SERIES_ID MCP_BOOK_ID MCP_CHAPTER_ID MCP_CHARACTER_ID MCP_SCENE_ID; do
    [[ ${!id} =~ ^[0-9]+$ ]] || { mcp_fail "fixtures: $id is '${!id}'"; return 1; }
  done
}

# At least two successful calls on each of the ten servers, reads and writes, through the fixtures.
mcp_successes() {
  local book="{\"book_id\": $MCP_BOOK_ID}" series="{\"series_id\": $MCP_SERIES_ID}"
  mcp_on book-planning && mcp_ok "$MCP_P" "$MCP_S" get_book "$book" >/dev/null \
    && mcp_ok "$MCP_P" "$MCP_S" list_books "$series" >/dev/null || return 1
  mcp_on series-planning && mcp_ok "$MCP_P" "$MCP_S" get_series "$series" >/dev/null \
    && mcp_ok "$MCP_P" "$MCP_S" list_series '{}' >/dev/null || return 1
  mcp_on chapter-planning && mcp_ok "$MCP_P" "$MCP_S" book_list_chapters "$book" >/dev/null \
    && mcp_ok "$MCP_P" "$MCP_S" book_get_chapter "{\"chapter_id\": $MCP_CHAPTER_ID}" >/dev/null || return 1
  mcp_on character-planning && mcp_ok "$MCP_P" "$MCP_S" list_characters "$series" >/dev/null \
    && mcp_ok "$MCP_P" "$MCP_S" check_character_knowledge "{\"character_id\": $MCP_CHARACTER_ID}" >/dev/null || return 1
  mcp_on scene && mcp_ok "$MCP_P" "$MCP_S" list_scenes "{\"chapter_id\": $MCP_CHAPTER_ID}" >/dev/null \
    && mcp_ok "$MCP_P" "$MCP_S" get_scene "{\"scene_id\": $MCP_SCENE_ID}" >/dev/null || return 1
  mcp_on core-continuity && mcp_ok "$MCP_P" "$MCP_S" get_character "{\"character_id\": $MCP_CHARACTER_ID}" >/dev/null \
    && mcp_ok "$MCP_P" "$MCP_S" get_plot_threads "$series" >/dev/null || return 1
  mcp_on review && mcp_ok "$MCP_P" "$MCP_S" word_count_tracking "$book" >/dev/null \
    && mcp_ok "$MCP_P" "$MCP_S" validate_chapter_structure "$book" >/dev/null || return 1
  mcp_on reporting && mcp_ok "$MCP_P" "$MCP_S" generate_report "$series" >/dev/null \
    && mcp_ok "$MCP_P" "$MCP_S" generate_report "$book" >/dev/null || return 1
  mcp_on author && mcp_ok "$MCP_P" "$MCP_S" get_author "{\"author_id\": $MCP_AUTHOR_ID}" >/dev/null \
    && mcp_ok "$MCP_P" "$MCP_S" update_author "{\"author_id\": $MCP_AUTHOR_ID, \"birth_year\": 1970}" >/dev/null \
    || return 1
  mcp_on database-admin && mcp_ok "$MCP_P" "$MCP_S" db_list_tables '{}' >/dev/null \
    && mcp_ok "$MCP_P" "$MCP_S" db_query_records "{\"table\": \"books\", \"where\": {\"id\": $MCP_BOOK_ID}}" >/dev/null \
    || return 1
}

# Failed calls of the error types any deployment can be made to produce by its clients.
mcp_errors() {
  local name tool
  # validation: a required argument left out, on every server
  for name in $(mcp_servers); do
    case $name in
      book-planning) tool=get_book ;; series-planning) tool=get_series ;; chapter-planning) tool=book_get_chapter ;;
      character-planning) tool=list_characters ;; scene) tool=get_scene ;; core-continuity) tool=get_character ;;
      review) tool=word_count_tracking ;; reporting) tool=generate_report ;; author) tool=get_author ;;
      database-admin) tool=db_query_records ;; *) mcp_fail "no validation case for server $name"; return 1 ;;
    esac
    mcp_on "$name" && mcp_fails validation "$MCP_P" "$MCP_S" "$tool" '{}' || return 1
  done
  # not_found: ids that do not exist
  mcp_on author && mcp_fails not_found "$MCP_P" "$MCP_S" get_author '{"author_id": 2147483000}' || return 1
  mcp_on book-planning && mcp_fails not_found "$MCP_P" "$MCP_S" get_book '{"book_id": 2147483000}' || return 1
  mcp_on scene && mcp_fails not_found "$MCP_P" "$MCP_S" get_scene '{"scene_id": 2147483000}' || return 1
  mcp_on core-continuity && mcp_fails not_found "$MCP_P" "$MCP_S" get_character '{"character_id": 2147483000}' \
    || return 1
  # conflict: numbers that are taken
  mcp_on book-planning && mcp_fails conflict "$MCP_P" "$MCP_S" create_book \
    "{\"title\": \"again\", \"series_id\": $MCP_SERIES_ID, \"book_number\": 1}" || return 1
  mcp_on chapter-planning && mcp_fails conflict "$MCP_P" "$MCP_S" book_create_chapter \
    "{\"book_id\": $MCP_BOOK_ID, \"chapter_number\": 1}" || return 1
  # result_too_large: a result larger than the server returns (mcp.max.result.bytes, 1 MiB): three long scenes
  # (each well under the request limit), then all of them at once
  if [[ -z ${MCP_LONG_SCENES:-} ]]; then
    local text args n
    text=$(mktemp); args=$(mktemp)
    head -c 360000 /dev/zero | tr '\0' 'a' | fold -w 9 | sed 's/$/ /' | tr -d '\n' >"$text"
    mcp_on scene || return 1
    for n in 2 3 4; do
      jq -cn --argjson c "$MCP_CHAPTER_ID" --argjson n "$n" --rawfile t "$text" \
        '{chapter_id: $c, scene_number: $n, scene_content: $t}' >"$args"
      mcp_ok "$MCP_P" "$MCP_S" create_scene "@$args" >/dev/null || { rm -f "$text" "$args"; return 1; }
    done
    rm -f "$text" "$args"
    MCP_LONG_SCENES=1
  fi
  mcp_on database-admin && mcp_fails result_too_large "$MCP_P" "$MCP_S" db_query_records \
    "{\"table\": \"chapter_scenes\", \"where\": {\"chapter_id\": $MCP_CHAPTER_ID}}" || return 1
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  MCP_PORT_BASE=${1:-$MCP_PORT_BASE}
  rounds=${2:-1}
  mcp_fixtures
  for ((r = 1; r <= rounds; r++)); do mcp_successes; done
  [[ ${MCP_TRAFFIC_ERRORS:-0} == 1 ]] && mcp_errors
  echo "mcp-traffic: $rounds round(s) of successful calls on all ten servers (ports $((MCP_PORT_BASE + 1))-$((MCP_PORT_BASE + 10)), fixtures $MCP_TAG)"
fi
