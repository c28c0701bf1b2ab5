#!/usr/bin/env bash
# Installs the distribution packages the project's scripts, tests and playbooks use (Debian/Ubuntu, as root).
# Idempotent: installs only what is missing (a command already on the PATH counts, whatever installed it).
set -euo pipefail
declare -A package_for=(
  [java]=openjdk-17-jdk-headless [mvn]=maven [node]=nodejs [npm]=npm [curl]=curl [jq]=jq [bc]=bc
  [pg_ctlcluster]=postgresql [pgbouncer]=pgbouncer [ansible-playbook]=ansible [ansible-lint]=ansible-lint
  # become on the local and topology inventories: sudo lets Ansible pipeline modules (su cannot)
  [sudo]=sudo
  [yamllint]=yamllint [promtool]=prometheus [amtool]=prometheus-alertmanager
  # OpenPGP backups: the interoperability tests and the disaster-recovery script (scripts/dr-decrypt.sh)
  [gpg]=gnupg
  # the manuscript formats' real readers (ManuscriptFormatsOpenIT): LibreOffice, pdftotext, the EPUB validator
  [soffice]=libreoffice-writer-nogui [pdftotext]=poppler-utils [epubcheck]=epubcheck
)
missing=()
for cmd in "${!package_for[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || [[ -x /usr/sbin/$cmd ]] || missing+=("${package_for[$cmd]}")
done
for p in python3-jinja2 python3-yaml; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "[bootstrap] installing ${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi
