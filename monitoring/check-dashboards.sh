#!/usr/bin/env bash
# Checks the Grafana dashboards in monitoring/grafana/dashboards/.
#
#   (a) every dashboard is valid JSON with a unique, non-empty uid, the
#       templated `datasource` (Prometheus) and `service` variables, unique
#       panel ids, and every panel (rows aside) has targets that all have a
#       PromQL expr and use the templated data source;
#   (b) every panel expr is extracted, with the template variables replaced
#       ($service, $tool, $error_type -> .*, $__rate_interval and
#       $__interval -> 1m, $__range -> 1h), into a tab-separated list
#       (dashboard, panel, refId, expr);
#   (c) live mode (default): every expr is run through /api/v1/query of a
#       Prometheus server and the script fails, listing each expr that
#       returns an error or no data.
#       --static instead checks that every expr parses, with promtool (the
#       exprs become recording rules of a temporary rule file).
#
# Usage:
#   monitoring/check-dashboards.sh --static
#   monitoring/check-dashboards.sh [http://localhost:9090]
# Options:
#   --static          (a), (b) and the promtool parse check; no Prometheus
#   --allow-empty     live mode: report exprs without data as warnings only
#   --exclude 'FILE|PANEL TITLE|REASON'
#                     live mode: do not query that panel's exprs (it cannot have
#                     data where the check runs); each exclusion and its reason
#                     are printed, so that none is silent. Repeatable.
#   --print           print the extracted list on stdout
#   --list FILE       write the extracted list to FILE (default: a temp file)
#   --dashboards DIR  dashboards to check (default: next to this script)
# Needs: bash, jq; promtool for --static; curl for live mode.
# Exit status: 0 all good, 1 a check failed, 2 usage or tool error.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dashboards_dir="$script_dir/grafana/dashboards"
mode=live
allow_empty=false
print_list=false
list_file=""
prom_url="http://localhost:9090"
excludes=()

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --static) mode=static ;;
    --allow-empty) allow_empty=true ;;
    --print) print_list=true ;;
    --list) list_file=${2:?--list needs a file}; shift ;;
    --dashboards) dashboards_dir=${2:?--dashboards needs a directory}; shift ;;
    --exclude)
      [[ ${2:-} =~ ^[^|]+\|[^|]+\|.+$ ]] || { echo "--exclude needs 'FILE|PANEL TITLE|REASON'" >&2; exit 2; }
      excludes+=("$2"); shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    *) prom_url=${1%/} ;;
  esac
  shift
done

need() { command -v "$1" >/dev/null 2>&1 || { echo "missing tool: $1" >&2; exit 2; }; }
need jq
[[ $mode == static ]] && need promtool
[[ $mode == live ]] && need curl

shopt -s nullglob
dashboards=("$dashboards_dir"/*.json)
if [[ ${#dashboards[@]} -eq 0 ]]; then
  echo "no dashboards in $dashboards_dir" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[[ -n $list_file ]] || list_file="$work/exprs.tsv"
: >"$list_file"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# --- (a) structure ----------------------------------------------------------
# All panels, including those nested in collapsed rows.
jq_lib='def allpanels: (.panels // [])[] | ., allpanels;'

valid=()
for f in "${dashboards[@]}"; do
  name=$(basename "$f")
  if ! jq -e 'type == "object"' "$f" >/dev/null 2>"$work/jq.err"; then
    fail "$name: invalid JSON (or not a JSON object): $(cat "$work/jq.err")"
    continue
  fi
  valid+=("$f")
  while IFS= read -r problem; do
    [[ -n $problem ]] && fail "$name: $problem"
  done < <(jq -r "$jq_lib"'
    (if (.uid // "") == "" then "no uid" else empty end),
    (if (.title // "") == "" then "no title" else empty end),
    (if ([.templating.list[]? | select(.name == "datasource" and .type == "datasource"
          and .query == "prometheus")] | length) == 0
     then "no templated Prometheus data source variable named datasource" else empty end),
    (if ([.templating.list[]? | select(.name == "service")] | length) == 0
     then "no template variable named service" else empty end),
    ([allpanels | .id] | group_by(.) | map(select(length > 1) | "duplicate panel id \(.[0])") | .[]),
    (allpanels | select(.type != "row") |
      (.title // "untitled") as $t |
      if ((.targets // []) | length) == 0 then "panel \"\($t)\" has no targets"
      else
        (.targets[] | select(((.expr // "") | gsub("\\s"; "")) == "")
          | "panel \"\($t)\" target \(.refId // "?") has no expr"),
        (select(.datasource.uid != "${datasource}")
          | "panel \"\($t)\" does not use the templated data source ${datasource}"),
        (.targets[] | select(.datasource != null and .datasource.uid != "${datasource}")
          | "panel \"\($t)\" target \(.refId // "?") does not use ${datasource}")
      end)
  ' "$f")
done

# Unique uids across all files.
if [[ ${#valid[@]} -gt 0 ]]; then
  while IFS= read -r dup; do
    [[ -n $dup ]] && fail "uid \"$dup\" is used by more than one dashboard"
  done < <(jq -rs '[.[].uid] | group_by(.) | map(select(length > 1) | .[0]) | .[]' "${valid[@]}")
fi

# --- (b) extract exprs ----------------------------------------------------------
for f in "${valid[@]}"; do
  jq -r --arg file "$(basename "$f")" "$jq_lib"'
    # Longest names first so that $__range_s is not read as $__range.
    def subst:
      reduce (
        ["__rate_interval", "1m"], ["__interval_ms", "60000"], ["__interval", "1m"],
        ["__range_ms", "3600000"], ["__range_s", "3600"], ["__range", "1h"],
        ["service", ".*"], ["tool", ".*"], ["error_type", ".*"], ["datasource", "prometheus"]
      ) as [$n, $v] (.;
        gsub("\\$\\{" + $n + "(:[A-Za-z]+)?\\}"; $v)
        | gsub("\\[\\[" + $n + "\\]\\]"; $v)
        | gsub("\\$" + $n + "(?![A-Za-z0-9_])"; $v));
    allpanels | select(.type != "row") | . as $p | (.targets // [])[]
    | select((.expr // "") != "")
    | [$file, ($p.title // "untitled"), (.refId // "?"),
       (.expr | subst | gsub("[\\t\\n\\r]+"; " "))]
    | @tsv
  ' "$f" >>"$list_file"
done

total=$(wc -l <"$list_file")
if [[ $list_file == "$work"/* ]]; then
  echo "dashboards: ${#dashboards[@]}, panel exprs: $total (keep the list with --list FILE)"
else
  echo "dashboards: ${#dashboards[@]}, panel exprs: $total (list: $list_file)"
fi
$print_list && cat "$list_file"

# Any variable left over is one this script does not know.
while IFS=$'\t' read -r file panel ref expr; do
  if [[ $expr =~ \$[A-Za-z_{] || $expr == *'[['* ]]; then
    fail "$file / $panel / $ref: unknown template variable in: $expr"
  fi
done <"$list_file"

# jq's @tsv escapes backslashes; undo that for the queries.
unescape_tsv() { printf '%s' "$1" | sed -e 's/\\\\/\\/g'; }

# --- (c) parse (static) or query (live) ----------------------------------------
if [[ $mode == static ]]; then
  # One rule file with every expr; on failure, check them one by one to name
  # the culprits.
  rules="$work/dashboard-exprs.yml"
  {
    echo "groups:"
    echo "  - name: dashboard-exprs"
    echo "    rules:"
  } >"$rules"
  i=0
  while IFS=$'\t' read -r file panel ref expr; do
    i=$((i + 1))
    printf '      - record: dashboard:expr_%04d\n        expr: %s\n' \
      "$i" "$(unescape_tsv "$expr" | jq -Rs .)" >>"$rules"
  done <"$list_file"
  if promtool check rules "$rules" >"$work/promtool.out" 2>&1; then
    echo "promtool: all $total exprs parse"
  else
    while IFS=$'\t' read -r file panel ref expr; do
      one="$work/one.yml"
      printf 'groups:\n  - name: one\n    rules:\n      - record: dashboard:expr\n        expr: %s\n' \
        "$(unescape_tsv "$expr" | jq -Rs .)" >"$one"
      if ! promtool check rules "$one" >"$work/one.out" 2>&1; then
        fail "$file / $panel / $ref: does not parse: $expr"
        sed -n 's/^/    /p' "$work/one.out" | grep -v '^    Checking' || true
      fi
    done <"$list_file"
    [[ $failures -gt 0 ]] || { cat "$work/promtool.out"; fail "promtool check rules failed"; }
  fi
else
  if ! curl -sS -o /dev/null --max-time 10 "$prom_url/-/ready"; then
    echo "cannot reach Prometheus at $prom_url" >&2
    exit 2
  fi
  empty=0
  skipped=0
  declare -A excluded_panels=()
  for e in "${excludes[@]}"; do
    IFS='|' read -r ex_file ex_panel ex_reason <<<"$e"
    excluded_panels["$ex_file|$ex_panel"]=$ex_reason
    if ! grep -q -F "$ex_file"$'\t'"$ex_panel"$'\t' "$list_file"; then
      fail "--exclude names no panel: $ex_file / $ex_panel"
    fi
  done
  while IFS=$'\t' read -r file panel ref expr; do
    if [[ -n ${excluded_panels["$file|$panel"]:-} ]]; then
      echo "EXCLUDED: $file / $panel / $ref: ${excluded_panels["$file|$panel"]}"
      skipped=$((skipped + 1))
      continue
    fi
    query=$(unescape_tsv "$expr")
    body=$(curl -sS --max-time 30 -G --data-urlencode "query=$query" \
      "$prom_url/api/v1/query" 2>&1) || { fail "$file / $panel / $ref: request failed: $body"; continue; }
    status=$(jq -r '.status // "invalid"' <<<"$body" 2>/dev/null || echo invalid)
    if [[ $status != success ]]; then
      err=$(jq -r '.error // empty' <<<"$body" 2>/dev/null || true)
      fail "$file / $panel / $ref: error: ${err:-$body}: $query"
    elif [[ $(jq '.data.result | if type == "array" then length else 1 end' <<<"$body") -eq 0 ]]; then
      if $allow_empty; then
        echo "WARN: $file / $panel / $ref: no data: $query"
        empty=$((empty + 1))
      else
        fail "$file / $panel / $ref: no data: $query"
      fi
    fi
  done <"$list_file"
  if $allow_empty; then
    echo "queried $((total - skipped)) exprs at $prom_url ($empty without data, $skipped excluded)"
  else
    echo "queried $((total - skipped)) exprs at $prom_url ($skipped excluded)"
  fi
fi

if [[ $failures -gt 0 ]]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "OK"
