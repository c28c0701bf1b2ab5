#!/usr/bin/env bash
# Installs the distribution packages the project's scripts, tests and playbooks use (Debian/Ubuntu, as root).
# Idempotent: installs only what is missing.
set -euo pipefail
want=(openjdk-17-jdk-headless maven nodejs npm curl jq bc postgresql pgbouncer ansible ansible-lint yamllint
  prometheus prometheus-alertmanager python3-jinja2 python3-yaml)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "[bootstrap] installing ${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi
